import { expect, type Page, test } from "@playwright/test";
import { loginAs } from "./fixtures";

const raw = async (page: Page, id: string) => ((await page.getByTestId(`${id}-value`).getAttribute("data-raw")) ?? "").split(",").map(Number);

test("the city cockpit shows the state of the city and the map of ten districts with links", async ({ page }) => {
  await loginAs(page, "city_leader");
  await page.goto("/cockpit");
  await expect(page.getByTestId("region-name")).toContainText("青岛市");
  await expect(page.getByTestId("campaign-clock")).toContainText("百日攻坚第 91 天");
  const [registered] = await raw(page, "kpi-registered");
  expect(registered).toBeGreaterThan(1000);
  const map = page.getByTestId("district-map");
  await expect(map.locator("a[data-testid^=map-district-]")).toHaveCount(10);
  await expect(map.getByTestId("map-district-370285")).toHaveAttribute("href", /\/regions\/370285/);
  await expect(map.getByTestId("map-svg").locator("path")).toHaveCount(10);
});

test("the map says what each colour stands for, which way is good, and enlarges the urban core; every chart names every bar", async ({ page }) => {
  await loginAs(page, "city_leader");
  await page.goto("/cockpit?metric=overdue");
  const map = page.getByTestId("district-map");
  // overdue: red, darker is worse; five steps with whole-number ranges from the smallest to the largest district figure
  await expect(map).toContainText("颜色越深越差");
  const legend = map.getByTestId("map-legend");
  await expect(legend.locator("[data-testid^=map-legend-]")).toHaveCount(5);
  const values = (await map.locator("table tbody tr td:last-child").allTextContents()).map((v) => Number(v.replace(/,/g, "")));
  const first = await legend.getByTestId("map-legend-0").textContent();
  const last = await legend.getByTestId("map-legend-4").textContent();
  expect(first).toMatch(new RegExp(`^${Math.min(...values)} – \\d+$`));
  expect(last).toMatch(new RegExp(`^\\d+ – ${Math.max(...values)}$`));
  // the inset repeats 市南、市北、李沧 with their names
  const inset = map.getByTestId("map-inset");
  await expect(inset.locator("a")).toHaveCount(3);
  for (const n of ["市南区", "市北区", "李沧区"]) await expect(inset.locator("text", { hasText: n })).toHaveCount(1);
  await expect(map.getByTestId("map-inset-district-370202")).toHaveAttribute("aria-label", /^市南区：\d+$/);
  // a share metric: teal, darker is better
  await page.goto("/cockpit?metric=registrationShare");
  await expect(page.getByTestId("district-map")).toContainText("颜色越深越好");
  await expect(page.getByTestId("map-legend-0")).toContainText("%");
  // every sector and every district is named on its chart; counts have whole-number ticks and units
  const sectors = page.getByTestId("chart-sectors");
  for (const n of ["关爱老年", "环境保护"]) await expect(sectors.locator(".recharts-yAxis").getByText(n)).toBeVisible();
  await expect(sectors.locator(".recharts-yAxis .recharts-cartesian-axis-tick")).toHaveCount(6);
  await expect(sectors).toContainText("项目数（个）");
  const ticks = await page.getByTestId("chart-status").locator(".recharts-xAxis .recharts-cartesian-axis-tick-value").allTextContents();
  expect(ticks.length).toBeGreaterThan(1);
  for (const tk of ticks) expect(tk.replace(/,/g, "")).toMatch(/^\d+$/);
  await expect(page.getByTestId("chart-status").locator(".recharts-yAxis .recharts-cartesian-axis-tick")).toHaveCount(10);
  await expect(page.getByTestId("chart-share").locator(".recharts-yAxis .recharts-cartesian-axis-tick")).toHaveCount(10);
  await page.screenshot({ path: test.info().outputPath("cockpit-1280.png"), fullPage: true });
});

test("a street with many communities: top and bottom five on the charts, the full table open below", async ({ page }) => {
  await loginAs(page, "city_leader");
  await page.goto("/regions/370285001");
  const share = page.getByTestId("chart-share");
  const rows = await share.locator("details table tbody tr").count();
  if (rows > 12) {
    await expect(share).toContainText(`共 ${rows} 个`);
    await expect(share.locator(".recharts-yAxis .recharts-cartesian-axis-tick")).toHaveCount(10);
    await expect(share.locator("details")).toHaveAttribute("open", "");
  } else {
    await expect(share.locator(".recharts-yAxis .recharts-cartesian-axis-tick")).toHaveCount(rows);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/cockpit");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath("cockpit-390.png"), fullPage: true });
});

test("the page and the API give the same numbers, and children add up to the parent", async ({ page }) => {
  await loginAs(page, "city_leader");
  await page.goto("/regions/370285?from=2026-09-01&to=2026-11-30");
  const [registered] = await raw(page, "kpi-registered");
  const [hours] = await raw(page, "kpi-hours");
  const [total, closed, overdue] = await raw(page, "kpi-tasks");
  const res = await page.request.get("/api/v1/regions/370285/metrics?from=2026-09-01&to=2026-11-30");
  expect(res.status()).toBe(200);
  const api = await res.json();
  expect(api.name).toBe("莱西市");
  expect(api.registeredVolunteers).toBe(registered);
  expect(api.verifiedHours).toBeCloseTo(hours!, 2);
  expect([api.tasks.total, api.tasks.closed, api.tasks.overdue]).toEqual([total, closed, overdue]);
  const sum = (k: (c: Record<string, never>) => number) => api.children.reduce((s: number, c: Record<string, never>) => s + k(c), 0);
  expect(sum((c) => c.registeredVolunteers)).toBe(api.registeredVolunteers);
  expect(sum((c) => (c as unknown as { tasks: { overdue: number } }).tasks.overdue)).toBe(api.tasks.overdue);
  expect(sum((c) => c.verifiedHours)).toBeCloseTo(api.verifiedHours, 1);
});

test("drill down city → district → street → community by clicking, with breadcrumbs back up", async ({ page }) => {
  await loginAs(page, "city_leader");
  await page.goto("/cockpit");
  await page.getByTestId("district-map").getByTestId("map-district-370285").click();
  await expect(page).toHaveURL(/\/regions\/370285(\?|$)/);
  await expect(page.getByTestId("region-name")).toContainText("莱西市");
  await expect(page.getByTestId("coverage-matrix")).toBeVisible();
  await page.getByTestId("child-link-370285001").click();
  await expect(page).toHaveURL(/\/regions\/370285001(\?|$)/);
  await expect(page.getByTestId("region-name")).toContainText("水集街道");
  const community = page.locator("[data-testid^=child-link-370285001]").first();
  const name = (await community.textContent())!;
  await community.click();
  await expect(page.getByTestId("region-name")).toContainText(name);
  await expect(page.getByTestId("no-children")).toBeVisible();
  const crumbs = page.getByTestId("breadcrumb");
  await expect(crumbs).toContainText("青岛市");
  await crumbs.getByRole("link", { name: "莱西市" }).click();
  await expect(page.getByTestId("region-name")).toContainText("莱西市");
});

test("filters live in the URL and survive a reload", async ({ page }) => {
  await loginAs(page, "laixi_wmb");
  await page.goto("/cockpit");
  const [allHours] = await raw(page, "kpi-hours");
  await page.getByTestId("filter-period").selectOption("month");
  await page.getByTestId("filter-sector").selectOption("elderly");
  await page.getByTestId("filter-apply").click();
  await expect(page).toHaveURL(/period=month/);
  await expect(page).toHaveURL(/sector=elderly/);
  await expect(page.getByTestId("period-label")).toContainText("本月");
  await expect(page.getByTestId("period-label")).toContainText("关爱老年");
  const [monthElderly] = await raw(page, "kpi-hours");
  expect(monthElderly).toBeLessThan(allHours!);
  await page.reload();
  await expect(page.getByTestId("filter-sector")).toHaveValue("elderly");
  await expect(page.getByTestId("filter-period")).toHaveValue("month");
  expect((await raw(page, "kpi-hours"))[0]).toBe(monthElderly);
});

test("a sortable street table: sorting by overdue puts the worst street first", async ({ page }) => {
  await loginAs(page, "laixi_wmb");
  await page.goto("/cockpit?sort=overdue&dir=desc");
  const rows = page.getByTestId("region-table").locator("tbody tr");
  const first = await rows.first().locator("td").last().textContent();
  expect(first).toBeTruthy();
  await expect(page.getByTestId("sort-overdue")).toContainText("▼");
});

test("laixi_leader's cockpit opens on 莱西市 and another district is a 404, page and API", async ({ page }) => {
  await loginAs(page, "laixi_leader");
  await page.goto("/cockpit");
  await expect(page.getByTestId("region-name")).toContainText("莱西市");
  const res = await page.goto("/regions/370211");
  expect(res?.status()).toBe(404);
  const api = await page.request.get("/api/v1/regions/370211/metrics");
  expect(api.status()).toBe(404);
  expect(JSON.stringify(await api.json())).not.toContain("黄岛");
});

test("shuiji_street sees 水集街道 only", async ({ page }) => {
  await loginAs(page, "shuiji_street");
  await page.goto("/cockpit");
  await expect(page.getByTestId("region-name")).toContainText("水集街道");
  expect((await page.goto("/regions/370285002"))?.status()).toBe(404);
  expect((await page.request.get("/api/v1/regions/370285/metrics")).status()).toBe(404);
});

test("the metrics API answers 401 without a session and 400 for a bad or inverted range", async ({ page, request }) => {
  expect((await request.get("/api/v1/regions/3702/metrics")).status()).toBe(401);
  await loginAs(page, "city_leader");
  const bad = await page.request.get("/api/v1/regions/3702/metrics?from=2026-13-01&to=2026-11-30");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).message).toContain("from");
  const inverted = await page.request.get("/api/v1/regions/3702/metrics?from=2026-11-30&to=2026-09-01");
  expect(inverted.status()).toBe(400);
  expect((await inverted.json()).message).toBe("结束日期不能早于开始日期");
});

test("on a phone the cards stack and the menu collapses", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, "laixi_leader");
  await page.goto("/cockpit");
  const a = await page.getByTestId("kpi-registered").boundingBox();
  const b = await page.getByTestId("kpi-new").boundingBox();
  expect(b!.y).toBeGreaterThan(a!.y + a!.height - 1);
  await expect(page.getByTestId("nav-cockpit")).toBeHidden();
  await page.getByTestId("nav-toggle").click();
  await expect(page.getByTestId("nav-cockpit")).toBeVisible();
});
