import { type Browser, expect, type Page, test } from "@playwright/test";
import { loginAs } from "./fixtures";

/**
 * 工时审核 queue (issue 17 item 3), as 市文明办 (wmb_admin, the whole city's ~1,000 pending records):
 * the count is shown, the pager reaches page 4 (the 196th entry) and back; a filter narrows rows
 * and count together and stays in the URL; "全选本页" ticks every row of the page, the bulk
 * verification decides exactly those, and the page comes back with the same filter and a smaller
 * count. Screenshots at 1280 and 390 px are attached.
 */
async function as(browser: Browser, username: string, width = 1280): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await ctx.newPage();
  await loginAs(page, username);
  return page;
}

const total = async (page: Page) => Number(await page.getByTestId("review-count").getAttribute("data-total"));

test("review queue: count, paging to the 196th entry, filter, select all on the page, bulk verify", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await as(browser, "wmb_admin");
  await page.goto("/service-hours/review");
  await expect(page).toHaveTitle(/^工时审核 · 活动与工时/);
  const all = await total(page);
  expect(all).toBeGreaterThan(196);
  await expect(page.getByTestId("review-count")).toHaveText(`共 ${all} 条待审核`);
  await expect(page.locator("[data-testid^=review-row-]")).toHaveCount(50);
  const pages = Math.ceil(all / 50);
  await expect(page.getByTestId("review-pager").getByTestId("page-label")).toHaveText(`共 ${all.toLocaleString("zh-CN")} 条 · 第 1 / ${pages} 页`);
  const firstRow = await page.locator("[data-testid^=review-row-]").first().getAttribute("data-testid");
  for (let p = 2; p <= 4; p++) {
    await page.getByTestId("review-pager").getByTestId("page-next").click();
    await expect(page.getByTestId("review-pager").getByTestId("page-label")).toContainText(`第 ${p} / ${pages} 页`);
  }
  // entries 151–200 are on page 4: the 196th is the 46th row here
  await expect(page.locator("[data-testid^=review-row-]")).toHaveCount(50);
  await expect(page.locator("[data-testid^=review-row-]").nth(45)).toBeVisible();
  expect(await page.locator("[data-testid^=review-row-]").first().getAttribute("data-testid")).not.toBe(firstRow);
  await test.info().attach("review-1280.png", { body: await page.screenshot({ path: test.info().outputPath("review-1280.png") }), contentType: "image/png" });

  // filter by one activity (the smallest one with at least 2 records, to leave the rest for other specs)
  const options = await page.getByTestId("filter-activity").locator("option").evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? "" })));
  const counted = options.map((o) => ({ ...o, n: Number(/（(\d+)）$/.exec(o.label)?.[1] ?? 0) })).filter((o) => o.value && o.n >= 2 && o.n <= 50);
  counted.sort((a, b) => a.n - b.n);
  const pick = counted[0]!;
  await page.getByTestId("filter-activity").selectOption(pick.value);
  await page.getByTestId("filter-apply").click();
  await expect(page).toHaveURL(new RegExp(`activity=${pick.value}`));
  await expect(page.getByTestId("review-count")).toHaveText(`共 ${pick.n} 条符合筛选（全部待审核 ${all} 条）`);
  const rows = page.locator("[data-testid^=review-row-]");
  await expect(rows).toHaveCount(pick.n);

  // select all on the page → every row ticked, the count says so; untick one → mixed
  await expect(page.getByTestId("select-all-count")).toHaveText(`已选 0 / ${pick.n} 条`);
  await page.getByTestId("select-all").check();
  await expect(page.getByTestId("select-all-count")).toHaveText(`已选 ${pick.n} / ${pick.n} 条`);
  for (const r of await rows.all()) await expect(r.locator("input[type=checkbox]")).toBeChecked();
  await rows.first().locator("input[type=checkbox]").uncheck();
  await expect(page.getByTestId("select-all-count")).toHaveText(`已选 ${pick.n - 1} / ${pick.n} 条`);
  expect(await page.getByTestId("select-all").evaluate((e) => (e as HTMLInputElement).indeterminate)).toBe(true);
  await page.getByTestId("select-all").check();

  await page.getByTestId("bulk-verify").click();
  await expect(page.getByTestId("notice-ok")).toContainText(String(pick.n));
  // same filter after the decision; nothing left under it, and the whole queue is smaller by exactly those
  await expect(page).toHaveURL(new RegExp(`activity=${pick.value}`));
  await expect(page.getByTestId("review-empty")).toHaveText("没有符合筛选条件的待审核记录。");
  await page.getByTestId("filter-clear").click();
  await expect(page.getByTestId("review-count")).toHaveText(`共 ${all - pick.n} 条待审核`);
  await page.context().close();

  // phone: the filters stack, the table scrolls in its own box, the page body does not overflow
  const phone = await as(browser, "wmb_admin", 390);
  await phone.goto("/service-hours/review");
  await expect(phone.getByTestId("review-count")).toBeVisible();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await test.info().attach("review-390.png", { body: await phone.screenshot({ path: test.info().outputPath("review-390.png") }), contentType: "image/png" });
  await phone.context().close();
});
