import { type Browser, expect, type Page, test } from "@playwright/test";
import { loginAs } from "./fixtures";

/**
 * The boards and the monthly report on a 390 px phone, as the people who use them there: nothing
 * wider than the screen (the page body never scrolls sideways), the page a few screens long rather
 * than 9–30 thousand pixels, the boards one list with a state filter, and the report's tables
 * scrolling inside their own box.
 */
const PHONE = { width: 390, height: 844 };
/** A long page, but no longer than a few thousand pixels. */
const MAX_HEIGHT = 8_000;

async function phone(browser: Browser, username: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: PHONE, locale: "zh-CN", timezoneId: "Asia/Shanghai", hasTouch: true, isMobile: true });
  const page = await ctx.newPage();
  await loginAs(page, username);
  return page;
}

async function fits(page: Page) {
  const m = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, height: document.documentElement.scrollHeight }));
  expect(m.scrollWidth, "the page body scrolls sideways").toBeLessThanOrEqual(m.innerWidth);
  expect(m.height).toBeLessThanOrEqual(MAX_HEIGHT);
  return m;
}

test("the task board on a phone: one list with a state filter, no sideways scrolling", async ({ browser }) => {
  const page = await phone(browser, "shuiji_street");
  await page.goto("/tasks/board");
  await expect(page.getByTestId("board-state-filter")).toBeVisible();
  await fits(page);
  const visible = await page.locator('[data-testid^="board-col-"]:visible').count();
  expect(visible).toBe(1);
  await page.getByTestId("board-filter-closed").click();
  await expect(page.getByTestId("board-col-closed")).toBeVisible();
  await expect(page.getByTestId("board-col-assigned")).toBeHidden();
  await fits(page);
  await page.context().close();
});

test("the dispatch board on a phone: one state at a time, finished needs say when", async ({ browser }) => {
  const page = await phone(browser, "shuiji_street");
  await page.goto("/dispatch");
  await expect(page.getByTestId("board-state-filter")).toBeVisible();
  await fits(page);
  expect(await page.locator('[data-testid^="column-"]:visible').count()).toBe(1);
  await page.getByTestId("board-filter-rewarded").click();
  await expect(page.getByTestId("column-rewarded")).toBeVisible();
  await expect(page.getByTestId("column-posted")).toBeHidden();
  const cards = page.getByTestId("column-rewarded").getByTestId("card-waiting");
  if ((await cards.count()) > 0) await expect(cards.first()).not.toContainText("已等待");
  await fits(page);
  await page.context().close();
});

test("the monthly report on a phone: tables scroll in their own box, the page does not", async ({ browser }) => {
  const page = await phone(browser, "laixi_wmb");
  await page.goto("/reports");
  await expect(page.getByTestId("report-document")).toBeVisible();
  await fits(page);
  const boxes = page.locator('[data-testid^="report-scroll-"]');
  expect(await boxes.count()).toBeGreaterThan(0);
  // the widest table is wider than the phone, and scrolls inside its box
  const wide = await boxes.evaluateAll((els) => els.some((e) => e.scrollWidth > e.clientWidth));
  expect(wide).toBe(true);
  await expect(page.getByTestId("report-print")).toBeVisible();
  await page.context().close();
});
