import { expect, test } from "@playwright/test";
import { loginAs, LoginPage, PASSWORD } from "./fixtures";

/** Issue 17 item 11 (each role lands on its work) and 12 (the demo mark); issue 14 item 3 (open redirect). */

for (const [user, path] of [
  ["shuiji_street", /\/tasks$/],
  ["org_admin", /\/service-hours$/],
  ["laixi_wmb", /\/cockpit$/],
  ["city_leader", /\/cockpit$/],
] as const) {
  test(`${user} lands on its own work after login`, async ({ page }) => {
    await loginAs(page, user);
    await expect(page).toHaveURL(path);
  });
}

test("every portal page of a generated data set carries a visible 演示数据 mark", async ({ page }) => {
  await loginAs(page, "laixi_wmb");
  const mark = page.getByTestId("demo-mark");
  await expect(mark).toBeVisible();
  await expect(mark).toHaveText("演示数据");
  await page.goto("/tasks");
  await expect(page.getByTestId("demo-mark")).toBeVisible();
});

for (const evil of ["/.//evil.example", "/..//evil.example/phish", "/%2e//evil.example", "//evil.example", "/\\evil.example"]) {
  test(`a login with callbackUrl=${evil} stays on this site`, async ({ page, baseURL }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent(evil)}`);
    await new LoginPage(page).login("laixi_wmb", PASSWORD);
    await expect(page.getByTestId("user-name")).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    // Signed in, the login page itself must not bounce anywhere else either.
    const res = await page.request.get(`/login?callbackUrl=${encodeURIComponent(evil)}`, { maxRedirects: 0 });
    const to = res.headers()["location"] ?? "";
    expect(to.startsWith("//") || to.startsWith("/\\") || /^https?:\/\/evil/.test(to)).toBe(false);
  });
}

test("the session endpoint tells nothing about a session that has ended", async ({ page }) => {
  await loginAs(page, "laixi_wmb");
  const live = await (await page.request.get("/api/auth/session")).json();
  expect(live.user?.name).toBeTruthy();
  const cookies = await page.context().cookies();
  // Log out (the stored session version moves on), then replay the old cookie.
  await page.request.post("/api/auth/signout", { form: { csrfToken: (await (await page.request.get("/api/auth/csrf")).json()).csrfToken } });
  await page.context().addCookies(cookies);
  const ended = await (await page.request.get("/api/auth/session")).json();
  expect(ended.user).toBeUndefined();
  expect(ended.uid).toBeUndefined();
});
