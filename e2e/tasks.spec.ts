import { type Browser, expect, type Page, test } from "@playwright/test";
import { loginAs } from "./fixtures";

/**
 * Rectification tasks on a phone-sized screen: 文明办 registers and assigns a problem, the street
 * starts it and submits it with a photo taken on the phone, 文明办 returns it with a reason, the street
 * resubmits, 文明办 closes it — and the cockpit's closed count for 水集街道 goes up by one.
 */
const PHONE = { width: 390, height: 844 };
const AS_OF = "2026-11-30"; // scripts/e2e-server.mjs
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAIAAADkharWAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAGElEQVQokWPQ6HEjCTGMaugZDSUNbGEAAE1lu4Eel8gpAAAAAElFTkSuQmCC",
  "base64",
);
const photo = (name: string) => ({ name, mimeType: "image/png", buffer: PNG });

test.use({ viewport: PHONE });

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
// A closure is stamped with the real time; the cockpit counts closures up to its "to" date.
const cstToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
const TO = [AS_OF, cstToday()].sort().at(-1)!;
const COCKPIT = `/regions/370285001?from=2026-09-01&to=${TO}`;

async function as(browser: Browser, username: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: PHONE, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await ctx.newPage();
  await loginAs(page, username);
  return page;
}

async function tasksKpi(page: Page): Promise<{ total: number; closed: number }> {
  await page.goto(COCKPIT);
  const raw = (await page.getByTestId("kpi-tasks-value").getAttribute("data-raw")) ?? "";
  const [total, closed] = raw.split(",").map(Number);
  return { total: total!, closed: closed! };
}

test("register → start → submit with photo → return → resubmit → close, and the cockpit counts it", async ({ browser }) => {
  test.setTimeout(180_000);
  const wmb = await as(browser, "laixi_wmb");
  const street = await as(browser, "shuiji_street");
  const before = await tasksKpi(wmb);

  // 文明办 registers a problem with an on-site photo and assigns it to 水集街道.
  await wmb.goto("/tasks/new");
  const point = `e2e 测试点位 ${Date.now()}`;
  await wmb.getByTestId("new-type").selectOption("flyposting");
  await wmb.getByTestId("new-deadline").fill(addDays(AS_OF, 7));
  await wmb.getByTestId("new-point").fill(point);
  await wmb.getByTestId("new-description").fill("路口电线杆张贴小广告十余处");
  await wmb.getByTestId("new-street").selectOption("370285001");
  await wmb.getByTestId("new-community").selectOption({ index: 1 });
  await wmb.getByTestId("before-photo-input").setInputFiles(photo("before.png"));
  await expect(wmb.getByTestId("before-photo-count")).toHaveAttribute("data-count", "1");
  await expect(wmb.getByTestId("new-assign")).toBeChecked();
  await wmb.getByTestId("new-submit").click();
  await expect(wmb).toHaveURL(/\/tasks\/\d+\?created=1$/);
  const id = Number(new URL(wmb.url()).pathname.split("/").pop());
  await expect(wmb.getByTestId("task-status")).toHaveText("交办");
  await expect(wmb.getByTestId("photo-compare-before")).toHaveAttribute("data-count", "1");

  // The photo is an upload: served with its own sandbox policy (not replaced by the API's general one).
  const detail = await (await wmb.request.get(`/api/v1/tasks/${id}`)).json();
  const img = await wmb.request.get(detail.photos[0].url);
  expect(img.status()).toBe(200);
  const csp = img.headersArray().filter((h) => h.name.toLowerCase() === "content-security-policy");
  expect(csp.length).toBeGreaterThan(0);
  for (const h of csp) expect(h.value).toMatch(/default-src 'none'.*sandbox/);

  // The street finds it in its list with the countdown, opens it and starts work.
  await street.goto("/tasks?q=" + encodeURIComponent(point));
  const row = street.getByTestId(`task-row-${id}`);
  await expect(row).toBeVisible();
  await expect(street.getByTestId(`urgency-${id}`)).toHaveText("剩 7 天");
  await street.getByTestId(`task-link-${id}`).click();
  await expect(street.getByTestId("task-title")).toHaveText(point);
  await street.getByTestId("action-in_progress").click();
  await expect(street.getByTestId("task-status")).toHaveText("整改中");

  // Submitting without a photo is refused with a clear message.
  await street.getByTestId("submit-note").fill("已清除全部小广告");
  await street.getByTestId("action-submitted").click();
  await expect(street.getByTestId("action-error")).toContainText("提交反馈须上传至少一张整改后照片");
  await expect(street.getByTestId("task-status")).toHaveText("整改中");

  // With a photo from the phone's camera input and a note it goes through.
  const input = street.getByTestId("after-photo-input");
  await expect(input).toHaveAttribute("capture", "environment");
  await expect(input).toHaveAttribute("accept", "image/*");
  await input.setInputFiles(photo("after.png"));
  await expect(street.getByTestId("after-photo-count")).toHaveAttribute("data-count", "1");
  await street.getByTestId("submit-note").fill("已清除全部小广告");
  await street.getByTestId("action-submitted").click();
  await expect(street.getByTestId("task-status")).toHaveText("已反馈");
  await expect(street.getByTestId("task-no-actions")).toContainText("等待文明办复查");
  await expect(street.getByTestId("action-closed")).toHaveCount(0); // a street can never close its own task

  // 文明办 reviews: before/after side by side; returning needs a reason.
  await wmb.goto("/tasks/review");
  const item = wmb.getByTestId(`review-item-${id}`);
  await expect(item).toBeVisible();
  await expect(item.getByTestId(`review-photos-${id}-before`)).toHaveAttribute("data-count", "1");
  await expect(item.getByTestId(`review-photos-${id}-after`)).toHaveAttribute("data-count", "1");
  await item.getByTestId("action-returned").click();
  await expect(item.getByTestId("action-error")).toContainText("退回须填写退回原因");
  await item.getByTestId("review-note").fill("背面电线杆仍有残留");
  await item.getByTestId("action-returned").click();
  await expect(wmb.getByTestId(`review-item-${id}`)).toHaveCount(0);

  // The street sees it returned, restarts, resubmits with a new photo.
  await street.goto(`/tasks/${id}`);
  await expect(street.getByTestId("task-status")).toHaveText("退回");
  await expect(street.getByTestId("timeline")).toContainText("背面电线杆仍有残留");
  await street.getByTestId("action-in_progress").click();
  await expect(street.getByTestId("task-status")).toHaveText("整改中");
  await street.getByTestId("after-photo-input").setInputFiles(photo("after-2.png"));
  await expect(street.getByTestId("after-photo-count")).toHaveAttribute("data-count", "1");
  await street.getByTestId("submit-note").fill("背面残留已清除");
  await street.getByTestId("action-submitted").click();
  await expect(street.getByTestId("task-status")).toHaveText("已反馈");

  // 文明办 closes it.
  await wmb.goto(`/tasks/${id}`);
  await wmb.getByTestId("review-note").fill("复查合格");
  await wmb.getByTestId("action-closed").click();
  await expect(wmb.getByTestId("task-status")).toHaveText("已销号");
  await expect(wmb.getByTestId("timeline-event")).toHaveCount(8);

  const after = await tasksKpi(wmb);
  expect(after.closed).toBe(before.closed + 1);
  expect(after.total).toBe(before.total + 1);

  // The API tells the same story.
  const api = await (await wmb.request.get(`/api/v1/tasks/${id}`)).json();
  expect(api).toMatchObject({ id, status: "closed", version: 8, overdue: false });
  expect(api.events.map((e: { to: string }) => e.to)).toEqual(["reported", "assigned", "in_progress", "submitted", "returned", "in_progress", "submitted", "closed"]);
});

test("a street office cannot see another street's task (404), page or API", async ({ browser }) => {
  const wangcheng = await as(browser, "wangcheng_street");
  const list = await (await wangcheng.request.get("/api/v1/tasks?status=closed")).json();
  const id = list.items[0].id as number;
  expect(list.items[0].street.code).toBe("370285002");

  const shuiji = await as(browser, "shuiji_street");
  const res = await shuiji.goto(`/tasks/${id}`);
  expect(res?.status()).toBe(404);
  await expect(shuiji.getByTestId("not-found")).toBeVisible();
  const api = await shuiji.request.get(`/api/v1/tasks/${id}`);
  expect(api.status()).toBe(404);
  expect((await api.json()).message).toBe("任务不存在或不在您的权限范围内");
  const move = await shuiji.request.post(`/api/v1/tasks/${id}/transitions`, { data: { to: "in_progress", version: 1 } });
  expect(move.status()).toBe(404);
  // …and its list never shows another street.
  const own = await (await shuiji.request.get("/api/v1/tasks?street=370285002")).json();
  expect(own.total).toBe(0);
});

test("the API answers 403 / 409 / 422 with a reason", async ({ browser }) => {
  const street = await as(browser, "shuiji_street");
  const mine = await (await street.request.get("/api/v1/tasks?status=closed")).json();
  const closed = mine.items[0];
  const r1 = await street.request.post(`/api/v1/tasks/${closed.id}/transitions`, { data: { to: "in_progress", version: closed.version } });
  expect(r1.status()).toBe(422);
  expect((await r1.json()).message).toBe("任务已销号，不能再变更状态");
  const r2 = await street.request.post(`/api/v1/tasks/${closed.id}/transitions`, { data: { to: "in_progress", version: closed.version - 1 } });
  expect(r2.status()).toBe(409);
  expect((await r2.json()).message).toMatch(/^该任务已被 .+ 于 .+ 修改，请刷新后重试$/);
  const leader = await as(browser, "laixi_leader");
  const r3 = await leader.request.post(`/api/v1/tasks/${closed.id}/transitions`, { data: { to: "in_progress", version: closed.version } });
  expect(r3.status()).toBe(403);
  const bad = await street.request.post("/api/v1/task-photos", { multipart: { phase: "after", taskId: String(closed.id), file: { name: "evil.jpg", mimeType: "image/jpeg", buffer: Buffer.from("<svg/>") } } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).message).toContain("JPEG、PNG 或 WebP");
});

test("importing a problem list: per-row report, and the same file again creates nothing", async ({ browser }) => {
  const wmb = await as(browser, "laixi_wmb");
  const tpl = await wmb.request.get("/api/v1/tasks/import/template?format=csv");
  expect(tpl.status()).toBe(200);
  expect(tpl.headers()["content-disposition"]).toContain("attachment");
  expect(await tpl.text()).toContain("问题编号,问题类型,点位名称,地址,问题描述,责任街道,社区,责任单位,整改期限");

  const stamp = Date.now();
  const csv = [
    "问题编号,问题类型,点位名称,地址,问题描述,责任街道,社区,责任单位,整改期限",
    `E2E-${stamp}-1,环境卫生,e2e 导入点位一,,垃圾堆积,水集街道,370285001001,,${addDays(AS_OF, 10)}`,
    `E2E-${stamp}-2,未知类型,e2e 导入点位二,,占道,水集街道,370285001001,,${addDays(AS_OF, 10)}`,
  ].join("\n");
  await wmb.goto("/tasks/import");
  const upload = async () => {
    await wmb.getByTestId("import-file").setInputFiles({ name: "问题清单.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}`) });
    await wmb.getByTestId("import-submit").click();
    await expect(wmb.getByTestId("import-report")).toBeVisible();
  };
  await upload();
  await expect(wmb.getByTestId("import-report")).toHaveAttribute("data-created", "1");
  await expect(wmb.getByTestId("import-row-3")).toContainText("问题类型");
  await expect(wmb.getByTestId("import-row-3")).toContainText("未知的问题类型「未知类型」");
  await upload();
  await expect(wmb.getByTestId("import-report")).toHaveAttribute("data-created", "0");
  await expect(wmb.getByTestId("import-report")).toHaveAttribute("data-skipped", "1");

  await wmb.getByTestId("import-file").setInputFiles({ name: "not-a-sheet.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: PNG });
  await wmb.getByTestId("import-submit").click();
  await expect(wmb.getByTestId("import-error")).toContainText("文件不是 Excel（.xlsx）或 CSV 表格");
});

test("filters live in the URL; overdue tasks are marked; the board groups by status", async ({ browser }) => {
  const wmb = await as(browser, "laixi_wmb");
  await wmb.goto("/tasks?overdue=1");
  await expect(wmb.getByTestId("filter-overdue")).toHaveValue("1");
  const rows = wmb.locator("[data-testid^=task-row-]");
  await expect(rows.first()).toBeVisible();
  const n = await rows.count();
  for (let i = 0; i < n; i++) await expect(rows.nth(i)).toHaveAttribute("data-overdue", "1");
  await expect(rows.first().locator("[data-testid^=urgency-]")).toContainText(/超期 \d+ 天/);
  await wmb.reload();
  await expect(wmb.getByTestId("filter-overdue")).toHaveValue("1");

  await wmb.getByTestId("tab-board").click();
  await expect(wmb).toHaveURL(/\/tasks\/board/);
  const total = Number(await wmb.getByTestId("summary-open").getAttribute("data-raw"));
  expect(total).toBeGreaterThan(0);
  for (const s of ["reported", "assigned", "in_progress", "submitted", "returned", "closed"]) await expect(wmb.getByTestId(`board-col-${s}`)).toBeVisible();
});
