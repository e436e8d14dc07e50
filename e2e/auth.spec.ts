import { expect, test } from "@playwright/test";
import { LoginPage, loginAs } from "./fixtures";

test("an unauthenticated visit to a portal page is sent to the Chinese login page", async ({ page }) => {
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "登录创城驾驶舱" })).toBeVisible();
});

test("a wrong password shows a clear Chinese message and stays on the login page", async ({ page }) => {
  const lp = new LoginPage(page);
  await lp.goto();
  await lp.login("city_leader", "not-the-password");
  await expect(lp.error()).toHaveText("用户名或密码错误");
  await expect(page).toHaveURL(/\/login/);
});

const ROLES: { user: string; scope: string; nav: string[]; hidden: string[] }[] = [
  { user: "wmb_admin", scope: "青岛市 · 文明办", nav: ["驾驶舱", "整改任务", "月报"], hidden: ["系统管理"] },
  { user: "city_leader", scope: "青岛市 · 领导", nav: ["驾驶舱", "区域"], hidden: ["系统管理"] },
  { user: "laixi_wmb", scope: "莱西市 · 文明办", nav: ["驾驶舱", "整改任务"], hidden: ["系统管理"] },
  { user: "laixi_leader", scope: "莱西市 · 领导", nav: ["驾驶舱"], hidden: ["系统管理"] },
  { user: "shuiji_street", scope: "水集街道 · 街道办", nav: ["整改任务", "网约服务"], hidden: ["系统管理"] },
  { user: "wangcheng_street", scope: "望城街道 · 街道办", nav: ["整改任务"], hidden: ["系统管理"] },
  { user: "org_admin", scope: "水集街道 · 组织管理员", nav: ["活动与工时", "时间银行"], hidden: ["系统管理", "整改任务", "月报"] },
  { user: "sysadmin", scope: "青岛市 · 系统管理员", nav: ["系统管理"], hidden: ["驾驶舱", "志愿者"] },
  { user: "secadmin", scope: "青岛市 · 安全管理员", nav: ["系统管理"], hidden: ["驾驶舱", "志愿者"] },
  { user: "auditor", scope: "青岛市 · 安全审计员", nav: ["系统管理"], hidden: ["驾驶舱", "志愿者"] },
];

for (const r of ROLES) {
  test(`${r.user} logs in and sees the shell for ${r.scope}`, async ({ page }) => {
    await loginAs(page, r.user);
    await expect(page.getByTestId("user-scope")).toHaveText(r.scope);
    const nav = page.getByRole("navigation", { name: "创城驾驶舱" });
    for (const label of r.nav) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    for (const label of r.hidden) await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
  });
}

test("a district user gets 404 for another district's region page, and their own opens", async ({ page }) => {
  await loginAs(page, "laixi_leader");
  const other = await page.goto("/regions/370202");
  expect(other?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await expect(page.getByText("市南区")).toHaveCount(0);
  const own = await page.goto("/regions/370285001");
  expect(own?.status()).toBe(200);
  await expect(page.getByTestId("region-name")).toContainText("水集街道");
});

test("an unknown region code answers 404 with a clear message", async ({ page }) => {
  await loginAs(page, "city_leader");
  const res = await page.goto("/regions/999999");
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("不存在");
});

test("the sysadmin cannot open business pages", async ({ page }) => {
  await loginAs(page, "sysadmin");
  const res = await page.goto("/volunteers");
  expect(res?.status()).toBe(404);
  await page.goto("/admin");
  await expect(page.getByTestId("accounts-table")).toContainText("laixi_wmb");
});

test("the language switch shows the same shell in English and back", async ({ page }) => {
  await loginAs(page, "laixi_wmb");
  await page.getByTestId("locale-en").click();
  const nav = page.getByRole("navigation", { name: "Civic Cockpit" });
  await expect(nav.getByRole("link", { name: "Rectification tasks" })).toBeVisible();
  await expect(page.getByTestId("user-scope")).toHaveText("莱西市 · Civilization Office");
  await page.getByTestId("locale-zh-CN").click();
  await expect(page.getByRole("navigation", { name: "创城驾驶舱" }).getByRole("link", { name: "整改任务" })).toBeVisible();
});

test("logout ends the session: the portal sends you back to login", async ({ page }) => {
  await loginAs(page, "city_leader");
  await page.getByTestId("logout").click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/cockpit");
  await expect(page).toHaveURL(/\/login/);
});

test("health answers ok once the database answers", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});
