import { expect, type Page, test } from "@playwright/test";
import { loginAs } from "./fixtures";

/** The numbers a card or cell carries (data-value / data-received), summed. */
async function sumOf(page: Page, selector: string, attr: string): Promise<number> {
  const vals = await page.locator(selector).evaluateAll((els, a) => els.map((e) => Number(e.getAttribute(a))), attr);
  return vals.reduce((s, v) => s + v, 0);
}

async function expectNumbersAddUp(page: Page, withChildren: boolean) {
  const received = Number(await page.getByTestId("analytics-received").locator("[data-value]").getAttribute("data-value"));
  expect(received).toBeGreaterThan(0);
  expect(await sumOf(page, "[data-testid^='analytics-category-'][data-value]", "data-value")).toBe(received);
  expect(await sumOf(page, "[data-testid^='analytics-requester-'][data-value]", "data-value")).toBe(received);
  if (withChildren) expect(await sumOf(page, "[data-testid^='analytics-child-']", "data-received")).toBe(received);
  return received;
}

test("an official drills the demand analytics from the city to a street and the numbers add up", async ({ page }) => {
  // a unit (单位) asks for help on the public 点单 page; it shows under 单位 for the street
  await page.goto("/request");
  await page.getByTestId("request-category-affairs").check({ force: true });
  await page.getByTestId("request-requester-unit").check({ force: true });
  await page.getByTestId("request-description").fill("单位职工活动需要志愿者协助组织");
  await page.getByTestId("request-region-6").selectOption("370285");
  await page.getByTestId("request-region-9").selectOption("370285001");
  const comm = page.getByTestId("request-region-12");
  await expect(comm.locator("option").nth(1)).toBeAttached();
  await comm.selectOption({ index: 1 });
  await page.getByTestId("request-address").fill("水集街道某单位办公楼");
  await page.getByTestId("request-contact-name").fill("赵主任");
  await page.getByTestId("request-contact-phone").fill("13800138123");
  await page.getByTestId("request-submit").click();
  await expect(page.getByTestId("request-reference")).toBeVisible();

  await loginAs(page, "wmb_admin");
  await page.goto("/dispatch");
  await page.getByTestId("dispatch-analytics-link").click();
  await expect(page.getByTestId("analytics-page")).toBeVisible();
  // the server's day is AS_OF (2026-11-30); the need above was posted today: widen the period
  await page.getByLabel("结束日期").fill("2026-12-31");
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page).toHaveURL(/to=2026-12-31/);
  const cityTotal = await expectNumbersAddUp(page, true);
  await page.screenshot({ path: "test-results/analytics-city-1280.png", fullPage: true });

  await page.getByTestId("analytics-child-370285").getByTestId("analytics-drill").click();
  await expect(page).toHaveURL(/region=370285(&|$)/);
  const district = await expectNumbersAddUp(page, true);
  expect(district).toBeLessThanOrEqual(cityTotal);

  await page.getByTestId("analytics-child-370285001").getByTestId("analytics-drill").click();
  await expect(page).toHaveURL(/region=370285001(&|$)/);
  const street = await expectNumbersAddUp(page, true);
  expect(street).toBeLessThanOrEqual(district);
  expect(Number(await page.getByTestId("analytics-requester-unit").getAttribute("data-value"))).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("analytics-trail")).toContainText("莱西市");

  // the API says the same for the street
  const api = await page.request.get("/api/v1/regions/370285001/demand-analytics?from=2020-01-01&to=2026-12-31");
  expect(api.status()).toBe(200);
  const bad = await page.request.get("/api/v1/regions/370285001/demand-analytics?from=2026-13-01");
  expect(bad.status()).toBe(422);
  expect((await bad.json()).message).toContain("from");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("analytics-page")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.screenshot({ path: "test-results/analytics-street-390.png" });
  await page.getByTestId("analytics-children").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/analytics-street-390-table.png" });
});

test("a street officer cannot open another region's analytics", async ({ page }) => {
  await loginAs(page, "shuiji_street");
  const res = await page.goto("/dispatch/analytics?region=370285002");
  expect(res?.status()).toBe(404);
  const api = await page.request.get("/api/v1/regions/3702/demand-analytics");
  expect(api.status()).toBe(404);
});
