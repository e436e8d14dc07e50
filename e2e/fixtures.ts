import { expect, type Page } from "@playwright/test";

export const PASSWORD = process.env.DEMO_PASSWORD || "Cockpit#2026";

/** Page object for the login page. */
export class LoginPage {
  constructor(private readonly page: Page) {}
  async goto() {
    await this.page.goto("/login");
  }
  async login(username: string, password = PASSWORD) {
    await this.page.getByTestId("login-username").fill(username);
    await this.page.getByTestId("login-password").fill(password);
    await this.page.getByTestId("login-submit").click();
  }
  error() {
    return this.page.getByTestId("login-error");
  }
}

/** Logs in through the form and waits for the portal shell. */
export async function loginAs(page: Page, username: string) {
  const lp = new LoginPage(page);
  await lp.goto();
  await lp.login(username);
  await expect(page.getByTestId("user-name")).toBeVisible();
}
