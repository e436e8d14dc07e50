import { expect, type Page, test } from "@playwright/test";
import { LoginPage } from "./fixtures";

/** The volunteer structure (issue 19), end to end against the production build. */

const SHOTS = process.env.SHOT_DIR;

/** Logs in (the first cockpit render of a fresh server can take longer than the default wait). */
async function loginAs(page: Page, username: string) {
  const lp = new LoginPage(page);
  await lp.goto();
  await lp.login(username);
  await expect(page.getByTestId("user-name")).toBeVisible({ timeout: 45_000 });
}

async function shoot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const nodeByName = (page: Page, name: string) => page.locator(`[data-testid="tree-node"][data-name="${name}"]`).first();

test("create a 小队 under a 分队, see it in the tree with rolled-up totals; move a member into it", async ({ page }) => {
  test.setTimeout(180_000); // eight page loads on a shared 2-core machine
  await loginAs(page, "laixi_wmb");
  await page.goto("/organizations/tree?region=370285&month=2026-11");
  await expect(page.getByTestId("org-tree-page")).toBeVisible();
  const corps = nodeByName(page, "莱西市新时代文明实践志愿服务总队");
  await expect(corps).toHaveAttribute("data-level", "corps");
  const division = nodeByName(page, "水集街道新时代文明实践志愿服务分队");
  await expect(division).toBeVisible();
  const divMembers = Number(await division.getByTestId("tree-members").first().getAttribute("data-value"));
  expect(divMembers).toBeGreaterThan(0);
  await shoot(page, "tree-1280");

  // + 新建下级 on the 分队 → the form preselects it as the parent and 小队 as the level
  await division.getByTestId("tree-add-child").first().click();
  await expect(page.getByTestId("org-new-page")).toBeVisible();
  await expect(page.getByTestId("org-form-level")).toHaveValue("team");
  await page.getByTestId("org-form-name").fill("水集街道银发互助特色小队");
  await page.getByTestId("org-form-region-9").selectOption("370285001");
  await shoot(page, "new-1280");
  await page.getByTestId("org-form-submit").click();
  await expect(page.getByTestId("org-saved")).toBeVisible();
  await expect(page.getByTestId("org-name")).toHaveText("水集街道银发互助特色小队");
  await expect(page.getByTestId("org-level")).toHaveText("小队");
  const newUrl = page.url();

  // in the tree, under the 分队, with zero members of its own; the 分队's totals have not changed
  await page.goto("/organizations/tree?region=370285&month=2026-11");
  const divisionNow = nodeByName(page, "水集街道新时代文明实践志愿服务分队");
  await divisionNow.locator("summary").first().click();
  const team = nodeByName(page, "水集街道银发互助特色小队");
  await expect(team).toBeVisible();
  await expect(team).toHaveAttribute("data-level", "team");
  await expect(team.getByTestId("tree-members")).toHaveAttribute("data-value", "0");
  await expect(divisionNow.getByTestId("tree-members").first()).toHaveAttribute("data-value", String(divMembers));

  // move a member of a sibling team into the new team and make them 队长
  const sibling = divisionNow.locator('[data-testid="tree-node"][data-level="team"]').filter({ hasNot: page.locator('[data-name="水集街道银发互助特色小队"]') });
  let siblingHref: string | null = null;
  for (let i = 0; i < (await sibling.count()); i++) {
    const n = sibling.nth(i);
    if ((await n.getAttribute("data-name")) === "水集街道银发互助特色小队") continue;
    if (Number(await n.getByTestId("tree-members").getAttribute("data-value")) > 0) {
      siblingHref = await n.getByTestId("tree-node-link").getAttribute("href");
      break;
    }
  }
  expect(siblingHref).not.toBeNull();
  await page.goto(siblingHref!);
  const form = page.getByTestId("member-form").first();
  await form.getByTestId("member-role-select").selectOption("leader");
  await form.getByTestId("member-move-select").selectOption({ label: "水集街道银发互助特色小队" });
  await form.getByTestId("member-submit").click();
  // the move lands on the new team's page, the member there as 队长
  await expect(page.getByTestId("org-saved")).toBeVisible();
  await expect(page.getByTestId("org-name")).toHaveText("水集街道银发互助特色小队");
  expect(page.url().split("?")[0]).toBe(newUrl.split("?")[0]);
  await expect(page.getByTestId("member-role")).toHaveText(["队长"]);
  await expect(page.getByTestId("org-rollup")).toHaveAttribute("data-members", "1");
  await page.goto("/organizations/tree?region=370285&month=2026-11");
  const after = nodeByName(page, "水集街道新时代文明实践志愿服务分队");
  await expect(after.getByTestId("tree-members").first()).toHaveAttribute("data-value", String(divMembers));
  await after.locator("summary").first().click();
  await expect(nodeByName(page, "水集街道银发互助特色小队").getByTestId("tree-members")).toHaveAttribute("data-value", "1");
});

test("the tree on a phone (390 px) and a cycle refused with a message naming the field", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, "laixi_wmb");
  await page.goto("/organizations/tree?region=370285&month=2026-11");
  await expect(page.getByTestId("org-tree")).toBeVisible();
  await shoot(page, "tree-390");
  // the 总队 cannot go under its own 分队
  const corpsHref = await nodeByName(page, "莱西市新时代文明实践志愿服务总队").getByTestId("tree-node-link").first().getAttribute("href");
  await page.goto(`${corpsHref}/edit`);
  await page.getByTestId("org-form-level").selectOption("other");
  await page.getByTestId("org-form-parent").selectOption({ label: "　水集街道新时代文明实践志愿服务分队" });
  await page.getByTestId("org-form-submit").click();
  await expect(page.getByText("会形成循环")).toBeVisible();
  await shoot(page, "edit-cycle-390");
});

test("record an event with three activities and see its totals (= Σ its activities)", async ({ page }) => {
  await loginAs(page, "laixi_wmb");
  await page.goto("/events/new");
  await page.getByTestId("event-form-name").fill("水集街道“邻里守望”集中服务日");
  await page.getByTestId("event-form-date").fill("2026-11-21");
  await page.getByTestId("event-form-region-9").selectOption("370285001");
  await page.getByTestId("event-form-venue").fill("水集街道新时代文明实践所");
  await page.getByTestId("event-form-submit").click();
  await expect(page.getByTestId("event-saved")).toBeVisible();
  await expect(page.getByTestId("event-total-activities")).toHaveAttribute("data-value", "0");
  const checks = page.getByTestId("event-add-check");
  for (let i = 0; i < 3; i++) await checks.nth(i).check();
  await page.getByTestId("event-add-submit").click();
  await expect(page.getByText("已归入 3 项活动")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("event-total-activities")).toHaveAttribute("data-value", "3");
  const rowsServed = await page.getByTestId("event-activity-row").evaluateAll((trs) => trs.map((tr) => Number(tr.querySelectorAll("td")[3]?.textContent ?? "0")));
  expect(rowsServed).toHaveLength(3);
  await expect(page.getByTestId("event-total-peopleServed")).toHaveAttribute("data-value", String(rowsServed.reduce((a, b) => a + b, 0)));
  await shoot(page, "event-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, "event-390");
  await page.goto("/events");
  await expect(page.getByTestId("event-row").filter({ hasText: "水集街道“邻里守望”集中服务日" })).toContainText("3");
});

test("a district's fund: balance = Σ in − Σ out of its ledger, and the exported xlsx says the same", async ({ page }) => {
  await loginAs(page, "laixi_wmb");
  await page.goto("/funds");
  await expect(page.getByTestId("fund-row")).toHaveCount(1);
  await page.getByTestId("fund-link").first().click();
  await expect(page.getByTestId("fund-name")).toHaveText("莱西市志愿服务基金");
  const balance = await page.getByTestId("fund-balance").textContent();
  const cells = await page.getByTestId("fund-entry").evaluateAll((trs) => trs.map((tr) => [tr.querySelectorAll("td")[3]?.textContent ?? "", tr.querySelectorAll("td")[4]?.textContent ?? ""]));
  const fen = (s: string) => (s ? Math.round(Number(s) * 100) : 0);
  const sum = cells.reduce((b, [i, o]) => b + fen(i!) - fen(o!), 0);
  expect(fen(balance!)).toBe(sum);
  await shoot(page, "fund-1280");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("fund-export").click()]);
  const path = await download.path();
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path!);
  const ws = wb.worksheets[0]!;
  const last = ws.getRow(ws.rowCount);
  expect(last.getCell(1).value).toBe("合计");
  expect(Math.round(Number(last.getCell(6).value) * 100)).toBe(fen(balance!));
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, "fund-390");
});
