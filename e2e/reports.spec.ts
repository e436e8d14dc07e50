import fs from "node:fs/promises";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

// The e2e server pins AS_OF=2026-11-30, so November is a complete month that can be published.
const MONTH = "2026-11";

test("a district's monthly report: preview equals the metrics API, publish freezes it, Excel, Word and CSV carry the published numbers", async ({ page }) => {
  await loginAs(page, "laixi_wmb");
  await page.goto(`/reports?month=${MONTH}&region=370285`);
  // A district user can pick only their district.
  await expect(page.getByTestId("report-region").locator("option")).toHaveText(["莱西市"]);
  await expect(page.getByTestId("report-title")).toHaveText("莱西市2026年11月志愿服务与创城工作月报");
  await expect(page.getByTestId("report-source")).toContainText("实时数据");

  // The rectification totals on the page are the API's for the same days.
  const api = await (await page.request.get(`/api/v1/regions/370285/metrics?from=2026-11-01&to=2026-11-30`)).json();
  const total = page.getByTestId("report-total-rectification").locator("td");
  await expect(total.nth(1)).toHaveText(api.tasks.total.toLocaleString("zh-CN"));
  await expect(total.nth(2)).toHaveText(api.tasks.closed.toLocaleString("zh-CN"));
  await expect(total.nth(4)).toHaveText(api.tasks.overdue.toLocaleString("zh-CN"));
  await expect(page.getByTestId("report-summary")).toContainText(`累计注册${api.registeredVolunteers.toLocaleString("zh-CN")}人`);
  await expect(page.getByTestId("chart-hours").locator("svg")).toBeVisible();
  await expect(page.getByTestId("red-list").locator("li").first()).not.toHaveText("无");

  // Publish.
  await page.getByTestId("publish-submit").click();
  await expect(page.getByTestId("publish-result")).toContainText("已发布第 1 版");
  await page.reload();
  await expect(page.getByTestId("report-status")).toContainText("已发布 · 第 1 版");
  await expect(page.getByTestId("report-source")).toContainText("已发布数据（第 1 版");
  await expect(page.getByTestId("report-diff-summary")).toContainText("已发布数字与实时数字一致");

  // Republishing without a reason is refused by the form (required) and by the API.
  const bad = await page.request.post("/api/v1/reports/monthly/publish", { data: { month: MONTH, region: "370285" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).message).toContain("reason");

  // Excel.
  const [xl] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-xlsx").click()]);
  expect(xl.suggestedFilename()).toBe("莱西市_2026年11月_志愿服务与创城工作月报.xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await fs.readFile((await xl.path())!)) as never);
  expect(wb.worksheets[0]!.name).toBe("汇总");
  expect(wb.worksheets.map((w) => w.name)).toContain("问题整改");
  const ws = wb.getWorksheet("问题整改")!;
  expect(String(ws.getCell("A1").value)).toContain("莱西市2026年11月");
  expect(String(ws.getCell("A3").value)).toContain("已发布数据（第 1 版");
  const last = ws.getRow(5 + (api.children.length as number) + 1);
  expect(last.getCell(1).value).toBe("合计");
  expect(last.getCell(2).value).toBe(api.tasks.total);
  expect(last.getCell(3).value).toBe(api.tasks.closed);

  // Word.
  const [wd] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-docx").click()]);
  expect(wd.suggestedFilename()).toBe("莱西市_2026年11月_志愿服务与创城工作月报.docx");
  const zip = await JSZip.loadAsync(await fs.readFile((await wd.path())!));
  const text = (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
  expect(text).toContain("莱西市2026年11月志愿服务与创城工作月报");
  expect(text).toContain("六、问题整改");
  expect(text).toContain("已发布数据（第 1 版");
  expect(Object.keys(zip.files).filter((n) => n.startsWith("word/media/")).length).toBeGreaterThanOrEqual(2);

  // CSV of one table.
  await page.getByTestId("download-csv-menu").click();
  const [cv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-csv-rectification").click()]);
  expect(cv.suggestedFilename()).toBe("莱西市_2026年11月_问题整改.csv");
  const csv = await fs.readFile((await cv.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain(`合计,${api.tasks.total},${api.tasks.closed}`);
});

test("the city user can report on the city or any district; a district user asking for the city gets a clear refusal", async ({ page, browser }) => {
  await loginAs(page, "wmb_admin");
  await page.goto(`/reports?month=2026-10&region=3702`);
  const opts = page.getByTestId("report-region").locator("option");
  await expect(opts).toHaveCount(11);
  await expect(opts.first()).toHaveText("青岛市");
  await expect(page.getByTestId("report-title")).toHaveText("青岛市2026年10月志愿服务与创城工作月报");
  await expect(page.getByTestId("report-table-volunteers").locator("tbody tr")).toHaveCount(11); // ten districts + total

  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await loginAs(other, "laixi_wmb");
  await other.goto(`/reports?month=2026-10&region=3702`);
  await expect(other.getByTestId("report-error")).toContainText("不在您的权限范围内");
  const api = await other.request.get(`/api/v1/reports/monthly?month=2026-10&region=3702&format=xlsx`);
  expect(api.status()).toBe(404);
  const future = await other.request.get(`/api/v1/reports/monthly?month=2027-01&region=370285`);
  expect(future.status()).toBe(400);
  await ctx.close();
});

test("a street officer sees why there is no report to pick instead of an empty page", async ({ page }) => {
  await loginAs(page, "shuiji_street");
  await page.goto("/reports");
  await expect(page.getByTestId("reports-no-scope")).toContainText("月报按全市或区（市）生成");
});
