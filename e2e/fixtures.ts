import { expect, type Page } from "@playwright/test";
import { TEST_PROFILE_TOTP_SECRET, totpAt } from "../lib/auth/totp";

export const PASSWORD = process.env.DEMO_PASSWORD || "Cockpit#2026";

/** Page object for the login page. */
export class LoginPage {
  constructor(private readonly page: Page) {}
  async goto() {
    await this.page.goto("/login");
  }
  async login(username: string, password = PASSWORD, otp = "") {
    await this.page.getByTestId("login-username").fill(username);
    await this.page.getByTestId("login-password").fill(password);
    if (otp) await this.page.getByTestId("login-otp").fill(otp);
    await this.page.getByTestId("login-submit").click();
  }
  error() {
    return this.page.getByTestId("login-error");
  }
}

/** The seeded `test` profile enrols these accounts in TOTP with a published secret. */
export const TOTP_USERS = new Set(["sysadmin", "secadmin", "auditor"]);
const usedSteps = new Map<string, number>();

/**
 * A fresh TOTP code for a seeded administrator. A code is single-use on the server, so a second
 * login within the same 30 s uses the next step (accepted as drift) or waits for the clock.
 */
export async function nextOtp(username: string): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / 1000);
    const step = Math.floor(now / 30);
    const last = usedSteps.get(username) ?? -1;
    const use = last < step ? step : last === step ? step + 1 : null;
    if (use !== null) {
      usedSteps.set(username, use);
      return totpAt(TEST_PROFILE_TOTP_SECRET, use * 30);
    }
    await new Promise((r) => setTimeout(r, (30 - (now % 30)) * 1000 + 200));
  }
}

/** Logs in through the form and waits for the portal shell. */
export async function loginAs(page: Page, username: string) {
  const lp = new LoginPage(page);
  await lp.goto();
  await lp.login(username, PASSWORD, TOTP_USERS.has(username) ? await nextOtp(username) : "");
  await expect(page.getByTestId("user-name")).toBeVisible();
}
