import { type Browser, expect, type Page, test } from "@playwright/test";
import { loginAs } from "./fixtures";

/**
 * 网约 end to end: a resident posts a need on the public /request page (phone-sized); it appears on
 * 水集街道's dispatch board WITHOUT a reload; the street dispatches it to the suggested team
 * (水集街道新时代文明实践志愿服务队, organization 1, administered by org_admin); the team accepts
 * naming two volunteers and completes it; the resident rates it on the follow-up page; the street
 * rewards it — and the volunteers' points rise.
 */
const PHONE = { width: 390, height: 844 };

async function as(browser: Browser, username: string | null, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await ctx.newPage();
  if (username) await loginAs(page, username);
  return page;
}

async function balances(page: Page): Promise<number[]> {
  const cells = page.getByTestId("assignee-balance");
  await expect(cells.first()).toBeVisible();
  return (await cells.allTextContents()).map((s) => Number(s.trim()));
}

test("点单 on the public page → live board → 派单 → 接单 → 完成 → 评单 → 奖单, and the volunteers' points rise", async ({ browser }) => {
  test.setTimeout(240_000);
  const street = await as(browser, "shuiji_street");
  await street.goto("/dispatch");
  await expect(street.getByTestId("board-live")).toBeVisible();
  const postedBefore = await street.getByTestId("column-posted").getByTestId("demand-card").count();

  // the resident, on a phone, not signed in
  const resident = await as(browser, null, PHONE);
  await resident.goto("/request");
  await resident.getByTestId("request-submit").click();
  await expect(resident.getByTestId("request-error")).toContainText(/请/); // validation, in Chinese
  await resident.getByTestId("request-category-elderly").check({ force: true });
  await resident.getByTestId("request-description").fill("独居老人腿脚不便，需要志愿者帮忙买菜并打扫卫生");
  await resident.getByTestId("request-region-6").selectOption("370285");
  await resident.getByTestId("request-region-9").selectOption("370285001");
  const comm = resident.getByTestId("request-region-12");
  await expect(comm.locator("option").nth(1)).toBeAttached();
  await comm.selectOption({ index: 1 });
  await resident.getByTestId("request-address").fill("水集街道幸福小区 3 号楼 2 单元 301 室");
  await resident.getByTestId("request-contact-name").fill("刘阿姨");
  const phone = `139${String(Date.now()).slice(-8)}`;
  await resident.getByTestId("request-contact-phone").fill(phone);
  await resident.getByTestId("request-submit").click();
  const reference = (await resident.getByTestId("request-reference").textContent())!.trim();
  expect(reference).toMatch(/^WY\d{12}$/);

  // the street's board shows it without a reload (polling)
  const card = street.locator(`[data-testid="demand-card"][data-reference="${reference}"]`);
  await expect(card).toBeVisible({ timeout: 15_000 });
  await expect(card).toHaveAttribute("data-state", "posted");
  expect(await street.getByTestId("column-posted").getByTestId("demand-card").count()).toBe(postedBefore + 1);
  await card.click();
  await expect(street.getByTestId("demand-state")).toHaveText("待派单");
  const url = street.url();
  const team1 = street.locator('[data-testid="suggestion-option"][data-team="1"]');
  await expect(team1).toBeVisible();
  await team1.check();
  await street.getByTestId("move-dispatch-submit").click();
  await expect(street.getByTestId("demand-state")).toHaveText("已派单");
  await expect(street.getByTestId("demand-team")).toContainText("水集街道");

  // the team admin accepts naming two volunteers, then completes
  const team = await as(browser, "org_admin");
  await team.goto("/dispatch");
  await expect(team.locator(`[data-testid="demand-card"][data-reference="${reference}"]`)).toBeVisible();
  await team.goto(url);
  const opts = team.getByTestId("assignee-option");
  await opts.nth(0).check();
  await opts.nth(1).check();
  await team.getByTestId("move-accept-submit").click();
  await expect(team.getByTestId("demand-state")).toHaveText("已接单");
  await expect(team.getByTestId("assignee-row")).toHaveCount(2);
  const before = await balances(team);
  await team.getByTestId("move-complete-note").fill("已陪同买菜，打扫了厨房和客厅");
  await team.getByTestId("move-complete-submit").click();
  await expect(team.getByTestId("demand-state")).toHaveText("已完成");
  // service hours from the same screen: pending records that go through the normal verification
  await team.getByTestId("hours-submit").click();
  await expect(team.getByTestId("action-message")).toContainText("已登记 2 条时长记录，待审核");

  // the resident follows up with reference + phone and rates it
  await resident.goto(`/request/follow?ref=${reference}`);
  await resident.getByTestId("follow-phone").fill("13800000000");
  await resident.getByTestId("follow-submit").click();
  await expect(resident.getByTestId("follow-error")).toBeVisible();
  await resident.getByTestId("follow-phone").fill(phone);
  await resident.getByTestId("follow-submit").click();
  await expect(resident.getByTestId("follow-state")).toHaveAttribute("data-state", "completed");
  await resident.getByTestId("follow-star-5").check({ force: true });
  await resident.getByTestId("follow-comment").fill("志愿者很耐心，谢谢！");
  await resident.getByTestId("follow-rate-submit").click();
  await expect(resident.getByTestId("follow-state")).toHaveAttribute("data-state", "rated");
  await expect(resident.getByTestId("follow-rated")).toContainText("5");

  // the street rewards it: each volunteer's points rise
  await street.goto(url);
  await expect(street.getByTestId("demand-state")).toHaveText("已评价");
  await street.getByTestId("move-reward-submit").click();
  await expect(street.getByTestId("demand-state")).toHaveText("已奖励");
  const after = await balances(street);
  expect(after).toHaveLength(before.length);
  after.forEach((b, i) => expect(b).toBeGreaterThan(before[i]!));
  await expect(street.getByTestId("demand-history").locator("li")).toHaveCount(6);
});

test("the cockpit shows the dispatch card for 水集街道", async ({ browser }) => {
  const street = await as(browser, "shuiji_street");
  await street.goto("/cockpit");
  await expect(street.getByTestId("cockpit-dispatch")).toBeVisible();
  await expect(street.getByTestId("cockpit-dispatch").getByTestId("figure-received")).not.toHaveText("");
});

test("API: 201 with a reference, 422 naming the field, 404 out of scope, 403 read-only, 409 stale version, 422 illegal move", async ({ browser }) => {
  const street = await as(browser, "shuiji_street");
  const api = street.request;
  const bad = await api.post("/api/v1/demands", { data: { category: "elderly", description: "需要帮忙", communityCode: "370285001001", address: "某小区", contactName: "李", contactPhone: "123" } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).message).toContain("contactPhone");
  const ok = await api.post("/api/v1/demands", { data: { category: "affairs", description: "帮忙搬运旧家具下楼", communityCode: "370285001001", address: "水集街道某小区 2 号楼", contactName: "李先生", contactPhone: "13700001111" } });
  expect(ok.status()).toBe(201);
  const { id, reference } = await ok.json();
  expect(reference).toMatch(/^WY\d{12}$/);
  const detail = await (await api.get(`/api/v1/demands/${id}`)).json();
  expect(detail).toMatchObject({ state: "posted", version: 1 });
  expect(JSON.stringify(detail)).not.toContain("13700001111");
  const sugg = await (await api.get(`/api/v1/demands/${id}/suggestions`)).json();
  expect(sugg[0]).toMatchObject({ teamId: 1 });
  expect(sugg[0].reason).toBeTruthy();
  expect((await api.post(`/api/v1/demands/${id}/accept`, { data: { version: 1, volunteerIds: [1] } })).status()).toBe(422); // not dispatched yet
  expect((await api.post(`/api/v1/demands/${id}/dispatch`, { data: { version: 1, teamId: 1 } })).status()).toBe(200);
  const stale = await api.post(`/api/v1/demands/${id}/dispatch`, { data: { version: 1, teamId: 1 } });
  expect(stale.status()).toBe(409);
  expect((await stale.json()).message).toMatch(/已被 .+ 处理.*请刷新后重试/);

  const other = await as(browser, "wangcheng_street");
  expect((await other.request.get(`/api/v1/demands/${id}`)).status()).toBe(404);
  const leader = await as(browser, "laixi_leader");
  expect((await leader.request.post(`/api/v1/demands/${id}/cancel`, { data: { version: 2, reason: "x" } })).status()).toBe(403);
  expect((await street.request.post(`/api/v1/demands/${id}/cancel`, { data: { version: 2, reason: "需求人已自行解决" } })).status()).toBe(200);
});

test("street staff enter a need received by phone; it opens on the need's page as 电话登记", async ({ browser }) => {
  const street = await as(browser, "shuiji_street");
  await street.goto("/dispatch");
  await street.getByTestId("dispatch-new-link").click();
  await street.getByTestId("request-category-mental").check({ force: true });
  await street.getByTestId("request-description").fill("老人独居情绪低落，希望有人定期上门聊天");
  const comm = street.getByTestId("request-region-12");
  await expect(comm.locator("option").nth(1)).toBeAttached();
  await comm.selectOption({ index: 1 });
  await street.getByTestId("request-address").fill("水集街道某村 12 号");
  await street.getByTestId("request-contact-name").fill("赵大爷");
  await street.getByTestId("request-contact-phone").fill("13600002222");
  await street.getByTestId("request-open-grab").check();
  await street.getByTestId("request-submit").click();
  await expect(street.getByTestId("demand-state")).toHaveText("待派单");
  await expect(street.getByTestId("demand-page")).toContainText("电话登记");
  await expect(street.getByTestId("demand-page")).toContainText("****2222");
  // opened for grabbing: the team sees it and may claim it
  const team = await as(browser, "org_admin");
  await team.goto(street.url());
  await expect(team.getByTestId("move-grab")).toBeVisible();
});

test("a street's session does not let a cross-site or text/plain 点单 through (403 / 415); its own JSON post still works", async ({ browser }) => {
  const street = await as(browser, "shuiji_street");
  await street.goto("/dispatch");
  const need = { category: "elderly", description: "电话登记：老人需要帮忙取药", communityCode: "370285001001", address: "水集街道测试小区 3 号楼", contactName: "赵女士", contactPhone: "13900005678" };
  const evil = await street.request.post("/api/v1/demands", { data: JSON.stringify(need), headers: { Origin: "http://evil.example", "Content-Type": "text/plain" } });
  expect(evil.status()).toBe(403);
  const text = await street.request.post("/api/v1/demands", { data: JSON.stringify(need), headers: { "Content-Type": "text/plain" } });
  expect(text.status()).toBe(415);
  const ours = await street.request.post("/api/v1/demands", { data: need, headers: { Origin: new URL(street.url()).origin } });
  expect(ours.status()).toBe(201);
  expect(await ours.json()).toMatchObject({ reference: expect.stringMatching(/^WY\d{12}$/), id: expect.any(Number) });
});
