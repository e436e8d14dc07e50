import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { makeIdCard } from "../lib/volunteers/rules";
import { loginAs } from "./fixtures";

/**
 * The volunteer's own side at phone width: register through the public /join API, sign in on
 * /me/login with the code read from the SMS outbox (the file the README tells a demo user to read),
 * see one's own page, and only one's own: no portal access with a volunteer session.
 */
const OUTBOX = path.resolve(process.cwd(), ".data/sms-outbox.jsonl");

function lastCode(phone: string): string | null {
  const lines = fs.existsSync(OUTBOX) ? fs.readFileSync(OUTBOX, "utf8").trim().split("\n").filter(Boolean) : [];
  const mine = lines.map((l) => JSON.parse(l) as { to: string; text: string; at: string }).filter((m) => m.to === phone);
  const m = mine.length ? /(\d{6})/.exec(mine[mine.length - 1]!.text) : null;
  return m ? m[1]! : null;
}

async function codeArrives(phone: string, before: string | null): Promise<string> {
  let code: string | null = null;
  await expect.poll(() => (code = lastCode(phone)) !== null && code !== before, { timeout: 10_000 }).toBe(true);
  return code!;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test("a volunteer registered through /join signs in by phone with the code from the outbox and sees their own page", async ({ browser, request }) => {
  test.setTimeout(240_000); // one volunteer, two staff sign-ins, a dozen page loads
  const seq = 100 + (Date.now() % 800);
  const phone = `137${String(Date.now()).slice(-8)}`;
  const name = "于晓慧";
  const joined = await request.post("/api/v1/join", { headers: { "x-forwarded-for": `10.11.${seq % 250}.9` }, data: { name, idCard: makeIdCard("370285", "1996-03-12", seq), phone, communityCode: "370285001001" } });
  expect(joined.status()).toBe(201);
  const { volunteerNo } = (await joined.json()) as { volunteerNo: string };

  const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 390, height: 844 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await ctx.newPage();
  // without a volunteer session /me sends to the volunteer sign-in page
  await page.goto("/me");
  await expect(page).toHaveURL(/\/me\/login$/);
  await expect(page.getByTestId("me-demo-hint")).toContainText("sms-outbox.jsonl");

  // an unregistered number gets the same answer and no message
  const stranger = `136${String(Date.now()).slice(-8)}`;
  await page.getByTestId("me-phone").fill(stranger);
  await page.getByTestId("me-get-code").click();
  await expect(page.getByTestId("me-login-notice")).toContainText("如该手机号已注册为志愿者，验证码已发送");
  expect(lastCode(stranger)).toBeNull();

  const before = lastCode(phone);
  await page.getByTestId("me-phone").fill(phone);
  await page.getByTestId("me-get-code").click();
  await expect(page.getByTestId("me-login-notice")).toContainText("如该手机号已注册为志愿者，验证码已发送");
  const code = await codeArrives(phone, before);
  await shot(page, "me-login-390");

  // a wrong code is refused in Chinese, the right one signs in
  await page.getByTestId("me-code").fill(code === "000000" ? "111111" : "000000");
  await page.getByTestId("me-sign-in").click();
  await expect(page.getByTestId("me-login-notice")).toHaveText("验证码错误或已过期，请重新获取");
  await page.getByTestId("me-code").fill(code);
  await page.getByTestId("me-sign-in").click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByTestId("me-name")).toHaveText(name);
  await expect(page.getByTestId("me-volunteer-no")).toHaveText(volunteerNo);
  await expect(page.getByTestId("me-hours-pending")).toHaveText("0 小时");
  await expect(page.getByTestId("me-balance")).toContainText("0");
  await expect(page.getByTestId("me-phone-shown")).toHaveText(phone);
  await expect(page.getByTestId("me-idcard-shown")).toContainText("*");
  await shot(page, "me-390");

  // the same figures as JSON, for this volunteer only
  const api = await page.request.get("/api/v1/me");
  expect(api.status()).toBe(200);
  const me = (await api.json()) as { volunteerNo: string; name: string; hours: { verified: number; pending: number }; points: { balance: number; moral: number } };
  expect(me).toMatchObject({ volunteerNo, name, hours: { verified: 0, pending: 0 }, points: { balance: 0, moral: 0 } });
  expect((await page.request.get("/api/v1/me/records?page=1")).status()).toBe(200);
  expect((await page.request.get("/api/v1/me/records?page=0")).status()).toBe(400);

  // a used code does not sign in again
  const reuse = await request.post("/api/v1/me/session", { headers: { "x-forwarded-for": "10.12.0.1" }, data: { phone, code } });
  expect(reuse.status()).toBe(401);

  // a volunteer session is not a portal sign-in
  expect((await page.request.get("/api/v1/tasks")).status()).toBe(401);
  await page.goto("/cockpit");
  await expect(page).toHaveURL(/\/login/);

  // intentions are saved
  await page.goto("/me");
  await page.getByTestId("me-sector-elderly").check();
  await page.getByTestId("me-save-intentions").click();
  await expect(page.getByTestId("notice-ok")).toHaveText("服务意向已保存");
  await page.reload();
  await expect(page.getByTestId("me-sector-elderly")).toBeChecked();

  // 道德积分: 文明办 makes a rule, the street proposes the volunteer by number, 文明办 approves on the page
  const staff = async (username: string) => {
    const c = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const p = await c.newPage();
    await loginAs(p, username);
    return p;
  };
  const wmb = await staff("laixi_wmb");
  const ruleName = `无偿献血 e2e ${seq}`;
  const made = await wmb.request.post("/api/v1/moral-rules", { data: { name: ruleName, category: "blood_donation", points: 10, yearlyCap: 30, evidence: ["note"], proposerRoles: ["street_officer"], approverLevel: "district", activeFrom: "2026-01-01" } });
  expect(made.status()).toBe(201);
  const ruleId = ((await made.json()) as { id: number }).id;
  const street = await staff("shuiji_street");
  const listed = (await (await street.request.get("/api/v1/moral-rules")).json()) as { items: { id: number; name: string; points: number; yearlyCap: number; version: number }[] };
  expect(listed.items.find((r) => r.id === ruleId)).toMatchObject({ name: ruleName, points: 10, yearlyCap: 30, version: 1 });
  await street.goto("/timebank/moral");
  await street.getByTestId("moral-propose-rule").selectOption(String(ruleId));
  await street.getByTestId("moral-propose-volunteer").fill(volunteerNo);
  await street.getByTestId("moral-propose-note").fill("参加社区无偿献血 300ml");
  await street.getByTestId("moral-propose-submit").click();
  await expect(street.getByTestId("notice-ok")).toHaveText("已提交，等待文明办审批");
  await street.context().close();
  await wmb.goto("/timebank/moral");
  const award = wmb.locator("[data-testid^=moral-award-]", { hasText: volunteerNo }).first();
  await expect(award.getByTestId("moral-award-status")).toHaveText("待审批");
  await shot(wmb, "moral-1280");
  await award.getByRole("button", { name: "批准" }).click();
  await expect(wmb.getByTestId("notice-ok")).toHaveText("已批准，积分已记入");
  await expect(award.getByTestId("moral-award-status")).toHaveText("已批准");
  await wmb.setViewportSize({ width: 390, height: 844 });
  await shot(wmb, "moral-390");
  await wmb.context().close();
  await page.reload();
  await expect(page.getByTestId("me-points-moral")).toHaveText("10");
  await expect(page.getByTestId("me-balance")).toContainText("10");
  await expect(page.getByTestId("me-ledger")).toContainText("道德积分");
  expect(((await (await page.request.get("/api/v1/me")).json()) as { points: { moral: number } }).points.moral).toBe(10);

  // wide screen too
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, "me-1280");

  // sign out ends the session on the server
  await page.getByTestId("me-sign-out").click();
  await expect(page).toHaveURL(/\/me\/login$/);
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  await ctx.close();
});

test("the sign-in API: 202 for any number, 422 naming the field, 401 for a wrong code", async ({ request }) => {
  const h = { "x-forwarded-for": "10.13.0.1" };
  const a = await request.post("/api/v1/me/code", { headers: h, data: { phone: `135${String(Date.now()).slice(-8)}` } });
  expect(a.status()).toBe(202);
  const bad = await request.post("/api/v1/me/code", { headers: h, data: { phone: "12" } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).message).toContain("手机号");
  const s = await request.post("/api/v1/me/session", { headers: h, data: { phone: "13500000000", code: "123456" } });
  expect(s.status()).toBe(401);
  expect((await s.json()).message).toBe("验证码错误或已过期，请重新获取");
  expect((await request.get("/api/v1/me")).status()).toBe(401);
});
