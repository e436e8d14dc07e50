import ExcelJS from "exceljs";
import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { makeIdCard, parseIdCard } from "../lib/volunteers/rules";
import { loginAs } from "./fixtures";

/** Volunteers, organizations and projects (issue 5), end to end against the production build. */

async function staffPage(browser: Browser, username: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const page = await ctx.newPage();
  await loginAs(page, username);
  return page;
}

async function registeredCount(req: APIRequestContext, code = "3702"): Promise<number> {
  const res = await req.get(`/api/v1/regions/${code}/metrics`);
  expect(res.status()).toBe(200);
  return (await res.json()).registeredVolunteers as number;
}

/** Picks district (unless the picker starts below the city), street, then the street's first community. */
async function pickCommunity(page: Page, prefix: string, district: string | null, street: string) {
  if (district) await page.getByTestId(`${prefix}-6`).selectOption(district);
  await page.getByTestId(`${prefix}-9`).selectOption(street);
  const community = page.getByTestId(`${prefix}-12`);
  await expect(community.locator("option")).not.toHaveCount(1);
  const value = await community.locator("option").nth(1).getAttribute("value");
  await community.selectOption(value!);
  return value!;
}

/** Every 18-character string in a text that is a valid resident ID number (checksum and date). */
function fullIdsIn(text: string): string[] {
  return [...text.matchAll(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g)].map((m) => m[0]).filter((s) => parseIdCard(s).ok);
}

test.describe("public registration on a phone (390 × 844)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a resident registers on /join; the cockpit's registered count moves at once; a second try reveals nothing", async ({ page, browser }, info) => {
    const leader = await staffPage(browser, "city_leader");
    const before = await registeredCount(leader.request);
    const beforeStreet = await registeredCount(leader.request, "370285001");
    const id = makeIdCard("110105", "1996-04-12", 357);

    await page.goto("/join");
    await expect(page.getByRole("heading", { name: "加入青岛志愿者" })).toBeVisible();
    // the browser checks before sending, naming the field
    await page.getByTestId("reg-name").fill("测试报名");
    await page.getByTestId("reg-id").fill(id.slice(0, 17) + (id[17] === "1" ? "2" : "1"));
    await page.getByTestId("reg-phone").fill("12345");
    await page.getByTestId("reg-submit").click();
    await expect(page.getByTestId("error-idCard")).toHaveText("身份证号校验位不正确");
    await expect(page.getByTestId("error-phone")).toContainText("手机号");
    await expect(page.getByTestId("error-communityCode")).toContainText("社区");
    await page.screenshot({ path: info.outputPath("join-390-errors.png"), fullPage: true });

    await page.getByTestId("reg-id").fill(id);
    await expect(page.getByTestId("reg-gender")).toHaveValue("M");
    await expect(page.getByTestId("reg-birth")).toHaveValue("1996-04-12");
    await page.getByTestId("reg-phone").fill("13912340357");
    await pickCommunity(page, "reg-region", "370285", "370285001");
    await page.getByTestId("reg-sector-elderly").check();
    await page.getByTestId("reg-skills").fill("急救、摄影");
    await page.getByTestId("reg-consent").check();
    await page.getByTestId("reg-submit").click();
    await expect(page.getByTestId("register-success")).toContainText("报名成功");
    await expect(page.getByTestId("register-volunteer-no")).toContainText(/QD\d{8}/);
    await page.screenshot({ path: info.outputPath("join-390-success.png"), fullPage: true });

    // The write invalidates its own street, district and community at once; the city's figure may be
    // up to METRICS_CACHE_TTL_SECONDS (30 s) old by design (docs/metrics.md), so it is polled.
    expect(await registeredCount(leader.request, "370285001")).toBe(beforeStreet + 1);
    await expect.poll(() => registeredCount(leader.request), { timeout: 45_000, intervals: [2_000] }).toBe(before + 1);

    // the same person again: "already registered" and whom to ask — nothing about the record
    await page.getByRole("button", { name: "再报名一位" }).click();
    await page.getByTestId("reg-name").fill("冒名顶替");
    await page.getByTestId("reg-id").fill(id);
    await page.getByTestId("reg-phone").fill("13912349999");
    await pickCommunity(page, "reg-region", "370202", "370202001");
    await page.getByTestId("reg-consent").check();
    const answer = page.waitForResponse((r) => r.url().endsWith("/api/v1/join") && r.request().method() === "POST");
    await page.getByTestId("reg-submit").click();
    const res = await answer;
    expect(res.status()).toBe(409);
    const body = await res.text();
    await expect(page.getByTestId("register-error")).toContainText("该身份证号已注册");
    for (const leak of ["水集", "莱西", "测试报名", "QD", "1391234"]) expect(body).not.toContain(leak);
    expect(await registeredCount(leader.request)).toBe(before + 1);
    await leader.context().close();
  });

  test("the public endpoint is rate-limited per address with a Chinese message", async ({ request }) => {
    const headers = { "x-forwarded-for": "203.0.113.77", "content-type": "application/json" };
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await request.post("/api/v1/join", { headers, data: { name: "限流" } })).status());
    expect(codes.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(codes[5]).toBe(429);
    const r = await request.post("/api/v1/join", { headers, data: {} });
    expect(r.status()).toBe(429);
    expect((await r.json()).message).toContain("提交过于频繁");
  });
});

test("search: by phone tail, region and star, filters in the URL, masked, paginated; another street's volunteer is a 404", async ({ page, browser }) => {
  await loginAs(page, "laixi_wmb");
  const list = await (await page.request.get("/api/v1/volunteers?region=370285001")).json();
  expect(list.total).toBeGreaterThan(0);
  const v = list.items[0];
  expect(v.idCard).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
  expect(v.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
  const last4 = v.phone.slice(-4);

  await page.goto("/volunteers");
  await expect(page.getByTestId("page-title")).toHaveText("志愿者");
  await page.getByTestId("filter-q").fill(last4);
  await page.getByTestId("filter-apply").click();
  await expect(page).toHaveURL(new RegExp(`q=${last4}`));
  await expect(page.getByTestId("volunteer-table")).toContainText(v.name);
  for (const cell of await page.getByTestId("masked-phone").allTextContents()) expect(cell).toMatch(new RegExp(`^\\d{3}\\*{4}${last4}$`));
  await page.reload();
  await expect(page.getByTestId("filter-q")).toHaveValue(last4);

  await page.goto("/volunteers");
  await page.getByTestId("filter-region-9").selectOption("370285001");
  await page.getByTestId("filter-star").selectOption("0");
  await page.getByTestId("filter-apply").click();
  await expect(page).toHaveURL(/region=370285001/);
  await expect(page).toHaveURL(/star=0/);
  const count = Number(await page.getByTestId("volunteer-count").getAttribute("data-count"));
  expect(count).toBeGreaterThan(20);
  for (const c of await page.getByTestId("volunteer-row").locator("td:nth-child(7)").allTextContents()) expect(c).toContain("水集街道");
  await page.getByTestId("page-next").click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/region=370285001/);
  await expect(page.getByTestId("page-label")).toContainText("第 2 /");

  // nothing matches → an empty state, not an empty table
  await page.goto("/volunteers?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA%E4%BA%BA");
  await expect(page.getByTestId("volunteers-empty")).toBeVisible();
  // a bad filter is named, the page still works
  await page.goto("/volunteers?star=9");
  await expect(page.getByTestId("filter-error")).toContainText("star");

  // the volunteer's page: masked numbers, star level and hours to the next star, points
  await page.goto(`/volunteers/${v.id}`);
  await expect(page.getByTestId("volunteer-name")).toHaveText(v.name);
  await expect(page.getByTestId("detail-masked-id")).toHaveText(v.idCard);
  await expect(page.getByTestId("volunteer-next-star")).toContainText(/小时可升至|最高星级/);
  await expect(page.getByTestId("volunteer-points")).toBeVisible();
  await expect(page.getByTestId("reveal-button")).toHaveCount(0);

  // scope: a Wangcheng officer cannot open a Shuiji volunteer (page and API)
  const wangcheng = await staffPage(browser, "wangcheng_street");
  const res = await wangcheng.goto(`/volunteers/${v.id}`);
  expect(res!.status()).toBe(404);
  expect((await wangcheng.request.get(`/api/v1/volunteers/${v.id}`)).status()).toBe(404);
  await wangcheng.context().close();
});

test("a NUL byte in a search is refused naming the parameter — never a 500 (API and page)", async ({ page }) => {
  await loginAs(page, "laixi_wmb");
  for (const api of ["/api/v1/volunteers", "/api/v1/organizations", "/api/v1/projects", "/api/v1/volunteers/export"]) {
    const r = await page.request.get(`${api}?q=a%00b`);
    expect(r.status(), api).toBe(400);
    expect((await r.json()).message, api).toMatch(/^q: .*控制字符/);
  }
  for (const path of ["/volunteers", "/organizations", "/organizations/projects"]) {
    const res = await page.goto(`${path}?q=a%00b`);
    expect(res!.status(), path).toBe(200);
    await expect(page.getByTestId("filter-error"), path).toContainText("q: ");
  }
});

test("revealing full numbers needs the permission and is written to the audit log", async ({ page, browser }) => {
  await loginAs(page, "wmb_admin");
  const list = await (await page.request.get("/api/v1/volunteers?region=370285002")).json();
  const v = list.items[0];
  await page.goto(`/volunteers/${v.id}`);
  await expect(page.getByTestId("detail-masked-id")).toHaveText(v.idCard);
  const reveal = page.waitForResponse((r) => r.url().includes(`/api/v1/volunteers/${v.id}/reveal`));
  await page.getByTestId("reveal-button").click();
  const r = await reveal;
  expect(r.headers()["cache-control"]).toContain("no-store");
  const full = (await page.getByTestId("reveal-id").textContent())!;
  expect(parseIdCard(full).ok).toBe(true);
  expect(`${full.slice(0, 6)}********${full.slice(-4)}`).toBe(v.idCard);
  await expect(page.getByTestId("reveal-phone")).toHaveText(new RegExp(`^${v.phone.slice(0, 3)}\\d{4}${v.phone.slice(-4)}$`));

  const laixi = await staffPage(browser, "laixi_wmb");
  await laixi.goto(`/volunteers/${v.id}`);
  await expect(laixi.getByTestId("reveal-button")).toHaveCount(0);
  const denied = await laixi.request.post(`/api/v1/volunteers/${v.id}/reveal`);
  expect(denied.status()).toBe(403);
  expect(await denied.text()).not.toContain(full);
  await laixi.context().close();

  const auditor = await staffPage(browser, "auditor");
  await auditor.goto("/admin");
  const table = auditor.getByTestId("audit-table");
  await expect(table).toContainText("volunteer.pii_reveal");
  await expect(table).toContainText(`volunteer#${v.id}`);
  await expect(table).not.toContainText(full);
  await auditor.context().close();
});

test("a user without the permission never receives a full ID number: HTML, RSC payloads, API JSON, export", async ({ browser }) => {
  test.setTimeout(180_000);
  // Learn a few real numbers the legitimate way: reveal them as the city admin (audited).
  const admin = await staffPage(browser, "wmb_admin");
  const shuiji = await (await admin.request.get("/api/v1/volunteers?region=370285001")).json();
  const org = await (await admin.request.get("/api/v1/organizations?region=370285001")).json();
  const sample = shuiji.items.slice(0, 6) as { id: number }[];
  const secrets: string[] = [];
  for (const s of sample) {
    const r = await (await admin.request.post(`/api/v1/volunteers/${s.id}/reveal`)).json();
    secrets.push(r.idCard, r.phone);
  }
  expect(secrets.filter((x) => /^\d{17}[\dX]$/.test(x))).toHaveLength(6);
  await admin.context().close();

  for (const username of ["laixi_wmb", "shuiji_street"]) {
    const page = await staffPage(browser, username);
    const bodies: Promise<string>[] = [];
    page.on("response", (r) => bodies.push(r.text().catch(() => "")));
    const urls = ["/volunteers", "/volunteers?region=370285001", ...sample.map((s) => `/volunteers/${s.id}`), `/organizations/${org.items[0].id}`, "/organizations?region=370285001"];
    for (const u of urls) {
      const res = await page.goto(u);
      expect(res!.status(), u).toBe(200);
      // the RSC payload of the same page, as client-side navigation fetches it
      bodies.push(page.request.get(u, { headers: { RSC: "1" } }).then((r) => r.text()));
    }
    await page.getByRole("link", { name: "志愿者" }).first().click();
    for (const api of ["/api/v1/volunteers?region=370285001", ...sample.map((s) => `/api/v1/volunteers/${s.id}`), `/api/v1/organizations/${org.items[0].id}`]) {
      bodies.push(page.request.get(api).then((r) => r.text()));
    }
    bodies.push(page.request.post(`/api/v1/volunteers/${sample[0]!.id}/reveal`).then((r) => r.text()));
    // the export is a zipped workbook: read its cells
    const xlsx = await page.request.get("/api/v1/volunteers/export?region=370285001");
    expect(xlsx.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const cells = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(cells).toContain("********");
    bodies.push(Promise.resolve(cells));

    const all = await Promise.all(bodies);
    expect(all.length).toBeGreaterThan(urls.length * 2);
    for (const b of all) {
      for (const s of secrets) expect(b.includes(s), `${username} received ${s.slice(0, 6)}…`).toBe(false);
      expect(fullIdsIn(b), `${username}: a full ID number in a response`).toEqual([]);
    }
    await page.context().close();
  }
});

test("import: template, progress and a per-row result; re-import changes nothing; a non-spreadsheet is refused", async ({ page }, info) => {
  await loginAs(page, "laixi_wmb");
  await page.goto("/volunteers/import");
  const tpl = await page.request.get("/api/v1/imports/volunteers/template");
  expect(tpl.status()).toBe(200);
  expect(tpl.headers()["content-type"]).toContain("spreadsheetml");

  const a = makeIdCard("110105", "1980-01-01", 11);
  const b = makeIdCard("110105", "1981-02-02", 22);
  const csv = `姓名,身份证号,手机号,所属社区(区划代码或名称),志愿者编号,注册日期,技能,服务意向\n导入一,${a},13700000001,370285002001,,2026-11-01,急救,关爱老年\n导入二,${b},13700000002,望城街道前塔社区,,,,\n导入三,${a.slice(0, 17)}0,13700000003,370285002001,,,,\n`;
  const file = { name: "volunteers.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") };
  const before = await registeredCount(page.request, "370285");
  await page.getByTestId("import-file").setInputFiles(file);
  await page.getByTestId("import-submit").click();
  await expect(page.getByTestId("import-result")).toBeVisible();
  await expect(page.getByTestId("import-created")).toHaveText("2");
  await expect(page.getByTestId("import-rejected")).toHaveText("1");
  const created = 2;
  await expect(page.getByTestId("import-errors")).toContainText("身份证号");
  await page.screenshot({ path: info.outputPath("import-1280-result.png"), fullPage: true });
  const report = await page.getByTestId("import-report").getAttribute("href");
  const rep = await page.request.get(report!);
  expect(rep.status()).toBe(200);
  expect(await registeredCount(page.request, "370285")).toBe(before + created);

  await page.getByTestId("import-file").setInputFiles(file);
  await page.getByTestId("import-submit").click();
  await expect(page.getByTestId("import-created")).toHaveText("0");
  await expect(page.getByTestId("import-skipped")).toHaveText(String(created));
  expect(await registeredCount(page.request, "370285")).toBe(before + created);

  await page.getByTestId("import-file").setInputFiles({ name: "photo.xlsx", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
  await page.getByTestId("import-submit").click();
  await expect(page.getByTestId("import-refused")).toContainText("不是电子表格");
  await page.screenshot({ path: info.outputPath("import-1280-refused.png"), fullPage: true });
});

test("organizations, projects and coverage: the matrix equals the cockpit's; create a project", async ({ page }) => {
  await loginAs(page, "laixi_wmb");
  await page.goto("/organizations");
  await page.getByTestId("org-filter-type").selectOption("community");
  await page.getByTestId("org-filter-apply").click();
  await expect(page).toHaveURL(/type=community/);
  for (const c of await page.getByTestId("org-row").locator("td:nth-child(2)").allTextContents()) expect(c).toBe("社区");
  await page.getByTestId("org-link").first().click();
  await expect(page.getByTestId("org-region")).toContainText("莱西市");
  await expect(page.getByTestId("org-verified-hours")).toBeVisible();

  await page.goto("/organizations/coverage");
  const metrics = await (await page.request.get("/api/v1/regions/370285/metrics")).json();
  for (const s of ["elderly", "minors", "rural", "urban_warmth", "environment", "safety_rescue"]) {
    await expect(page.getByTestId(`coverage-total-${s}`)).toHaveText(String(metrics.projectsBySector[s]));
  }
  await page.getByTestId("coverage-drill-370285001").click();
  await expect(page).toHaveURL(/region=370285001/);
  await expect(page.getByTestId("coverage-breadcrumb")).toContainText("水集街道");

  await page.goto("/organizations/projects/new");
  await page.getByTestId("project-save").click();
  await expect(page.getByTestId("project-banner")).toContainText("项目名称");
  await page.getByTestId("project-name").fill("端到端测试助老项目");
  await page.getByTestId("project-sector").selectOption("elderly");
  await expect(page.getByTestId("project-region-6")).toHaveCount(0); // a district officer starts at their district
  await pickCommunity(page, "project-region", null, "370285001");
  await page.getByTestId("project-org").selectOption({ index: 1 });
  await page.getByTestId("project-save").click();
  await expect(page).toHaveURL(/\/organizations\/projects\/\d+\?saved=1/);
  await expect(page.getByTestId("project-facts")).toContainText("端到端测试助老项目");
  await expect(page.getByTestId("project-status-value")).toHaveText("实施中");
});

test("screenshots of every page at 1280 px and 390 px", async ({ browser }, info) => {
  test.setTimeout(240_000);
  for (const width of [1280, 390]) {
    const ctx = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 }, locale: "zh-CN" });
    const page = await ctx.newPage();
    await loginAs(page, "laixi_wmb");
    const starred = await (await page.request.get("/api/v1/volunteers?region=370285&star=1")).json();
    const list = starred.total > 0 ? starred : await (await page.request.get("/api/v1/volunteers?region=370285")).json();
    const orgs = await (await page.request.get("/api/v1/organizations?region=370285001")).json();
    const projects = await (await page.request.get("/api/v1/projects?region=370285")).json();
    const pages: [string, string][] = [
      ["volunteers", "/volunteers"],
      ["volunteers-empty", "/volunteers?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA%E4%BA%BA"],
      ["volunteers-bad-filter", "/volunteers?star=9&sector=x"],
      ["volunteer", `/volunteers/${list.items[0].id}`],
      ["volunteer-new", "/volunteers/new"],
      ["volunteer-import", "/volunteers/import"],
      ["organizations", "/organizations"],
      ["organization", `/organizations/${orgs.items[0].id}`],
      ["projects", "/organizations/projects"],
      ["project", `/organizations/projects/${projects.items[0].id}`],
      ["partners", "/organizations/partners"],
      ["coverage", "/organizations/coverage"],
      ["coverage-street", "/organizations/coverage?region=370285001"],
      ["not-found", "/volunteers/99999999"],
    ];
    for (const [name, url] of pages) {
      await page.goto(url);
      await page.screenshot({ path: info.outputPath(`${name}-${width}.png`), fullPage: true });
    }
    await ctx.close();
  }
});
