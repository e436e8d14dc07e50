/**
 * Importing problem lists on the seeded database: per-row report (created / skipped / rejected with
 * row and column), good rows kept, idempotent re-import, whole-file refusals that write nothing.
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { rectificationTasks, regions } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/session";
import { cstDate } from "@/lib/metrics/rollup";
import { buildTemplate, importProblems, readSheetRows } from "@/lib/tasks/import";
import { HEADERS } from "@/lib/tasks/import-rules";
import { getTask } from "@/lib/tasks/queries";
import type { Actor } from "@/lib/auth/actor";
import { testDb, userFor } from "../support/db";
import { xlsxBomb } from "../support/xlsx-bomb";

const made = new Set<number>();
let laixi: CurrentUser;
let shuiji: CurrentUser;
let shuijiCommunity = { code: "", name: "" };
let wangchengCommunity = { code: "", name: "" };
const actor = (u: CurrentUser): Actor => ({ id: u.id, username: u.username, role: u.role, scopeCode: u.scopeCode, organizationId: u.organizationId });
const day = (offset: number) => new Date(Date.parse(`${process.env.AS_OF ?? cstDate()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
const RUN = Date.now().toString(36);

const csv = (lines: string[][]) => new TextEncoder().encode(`\uFEFF${lines.map((l) => l.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n")}\r\n`);

async function taskCount(): Promise<number> {
  const [r] = await rows<{ n: number }>(await testDb(), sql`SELECT count(*)::int AS n FROM rectification_tasks`);
  return r!.n;
}

async function run(bytes: Uint8Array, assignNow = false, who = laixi) {
  const r = await importProblems(await testDb(), actor(who), { bytes, assignNow });
  if (r.ok) for (const row of r.report.rows) if (row.status === "created" && row.taskId) made.add(row.taskId);
  return r;
}

beforeAll(async () => {
  laixi = await userFor("laixi_wmb");
  shuiji = await userFor("shuiji_street");
  const db = await testDb();
  const [c1] = await db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.parentCode, "370285001")).orderBy(asc(regions.code)).limit(1);
  const [c2] = await db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.parentCode, "370285002")).orderBy(asc(regions.code)).limit(1);
  shuijiCommunity = c1!;
  wangchengCommunity = c2!;
});

afterAll(async () => {
  if (made.size) await (await testDb()).delete(rectificationTasks).where(inArray(rectificationTasks.id, [...made]));
});

describe("a CSV problem list", () => {
  const file = () =>
    csv([
      HEADERS,
      [`IMP-${RUN}-1`, "小广告", "水集测试点位一", "水集路 1 号", "电线杆张贴小广告", "水集街道", shuijiCommunity.name, "水集街道城管中队", day(10)],
      ["", "环境卫生", `水集测试点位二 ${RUN}`, "", "绿化带内垃圾堆积", "370285001", shuijiCommunity.code, "", day(5).replace(/-/g, "/")],
      [`IMP-${RUN}-3`, "噪音扰民", "", "", "夜间施工", "崂山区沙子口街道", "某社区", "", "明天"],
      [`IMP-${RUN}-4`, "乱停乱放", "望城测试点位", "", "人行道停放车辆", "望城街道", wangchengCommunity.name, "", day(3)],
      ["", "", "", "", "", "", "", "", ""],
      [`IMP-${RUN}-5`, "占道经营", "水集测试点位五", "", "早市占道", "水集街道", "不存在的社区", "", day(3)],
      [`IMP-${RUN}-1`, "小广告", "水集测试点位一", "水集路 1 号", "电线杆张贴小广告", "水集街道", shuijiCommunity.name, "", day(10)],
    ]);

  it("creates the good rows, reports the bad ones by row and column, and keeps going", async () => {
    const before = await taskCount();
    const r = await run(file());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rep = r.report;
    expect(rep).toMatchObject({ total: 6, created: 3, skipped: 1, rejected: 2 });
    const by = new Map(rep.rows.map((x) => [x.row, x]));
    expect(by.get(2)).toMatchObject({ status: "created" });
    expect(by.get(3)).toMatchObject({ status: "created" });
    expect(by.get(5)).toMatchObject({ status: "created" });
    const bad = by.get(4)!;
    expect(bad.status).toBe("rejected");
    // The community cannot be checked without a known street, so it is not reported separately.
    expect(bad.errors!.map((e) => e.column).sort()).toEqual(["问题类型", "整改期限", "点位名称", "责任街道"].sort());
    expect(bad.errors!.find((e) => e.column === "问题类型")!.message).toContain("噪音扰民");
    expect(by.get(6)).toBeUndefined(); // the blank row is passed over
    expect(by.get(7)).toMatchObject({ status: "rejected", errors: [{ column: "社区", message: expect.stringContaining("不存在的社区") }] });
    expect(by.get(8)).toMatchObject({ status: "skipped", message: "与第 2 行是同一问题，未重复创建" });
    expect(await taskCount()).toBe(before + 3);

    const t = await getTask(await testDb(), laixi, { id: by.get(2)!.taskId! });
    expect(t).toMatchObject({ source: "import", problemKey: `NO:370285:IMP-${RUN}-1`, status: "reported", streetCode: "370285001", responsibleUnit: "水集街道城管中队", deadline: day(10) });
    expect(t!.events.map((e) => e.kind)).toEqual(["create"]);
    expect((await getTask(await testDb(), laixi, { id: by.get(3)!.taskId! }))!.problemKey).toMatch(/^H:[0-9a-f]{32}$/);
  });

  it("importing the same file again creates nothing new", async () => {
    const before = await taskCount();
    const r = await run(file());
    expect(r).toMatchObject({ ok: true, report: { total: 6, created: 0, skipped: 4, rejected: 2 } });
    expect(await taskCount()).toBe(before);
    if (r.ok) expect(r.report.rows.find((x) => x.row === 2)).toMatchObject({ status: "skipped", message: expect.stringContaining("已导入过") });
  });

  it("a reused 问题编号 for a different problem is reported, not silently skipped", async () => {
    const r = await run(csv([HEADERS, [`IMP-${RUN}-1`, "小广告", "另一个点位", "", "完全不同的问题", "水集街道", shuijiCommunity.name, "", day(10)]]));
    expect(r).toMatchObject({ ok: true, report: { created: 0, rejected: 1, rows: [{ row: 2, status: "rejected", errors: [{ column: "问题编号" }] }] } });
  });

  it("with 交办, each new problem is also assigned — through the state machine, as its own event", async () => {
    const r = await run(csv([HEADERS, [`IMP-${RUN}-A`, "违法建设", "水集测试违建", "", "楼顶私搭乱建", "水集街道", shuijiCommunity.name, "", day(30)]]), true);
    expect(r).toMatchObject({ ok: true, report: { created: 1 } });
    if (!r.ok) return;
    const t = await getTask(await testDb(), shuiji, { id: r.report.rows[0]!.taskId! });
    expect(t).toMatchObject({ status: "assigned", version: 2 });
    expect(t!.events.map((e) => `${e.kind}:${e.toStatus}`)).toEqual(["create:reported", "transition:assigned"]);
  });
});

describe("an .xlsx problem list", () => {
  it("reads dates typed as dates, and a second import creates nothing", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("问题清单");
    ws.addRow(HEADERS);
    ws.addRow(["", "公益广告破损", `水集 xlsx 点位 ${RUN}`, "", "公益广告牌破损褪色", "水集街道", shuijiCommunity.name, "", new Date(`${day(12)}T00:00:00Z`)]);
    ws.addRow([`X-${RUN}`, { richText: [{ text: "基础设施" }, { text: "破损" }] }, "水集 xlsx 点位二", "", "井盖缺失", "水集街道", shuijiCommunity.code, "", day(12)]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const first = await run(bytes);
    expect(first).toMatchObject({ ok: true, report: { total: 2, created: 2, rejected: 0 } });
    if (first.ok) expect((await getTask(await testDb(), laixi, { id: first.report.rows[0]!.taskId! }))!.deadline).toBe(day(12));
    expect(await run(bytes)).toMatchObject({ ok: true, report: { created: 0, skipped: 2 } });
  });

  it("the downloadable template has the Chinese headers and reads back as a valid list", async () => {
    const db = await testDb();
    for (const kind of ["xlsx", "csv"] as const) {
      const buf = await buildTemplate(db, laixi, { kind });
      const r = await readSheetRows(new Uint8Array(buf));
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.rows[0]).toEqual(HEADERS);
    }
  });
});

describe("files refused as a whole — nothing written", () => {
  it("not a spreadsheet, wrong headers, no data rows", async () => {
    const before = await taskCount();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(await run(png)).toMatchObject({ ok: false, status: 422, message: "文件不是 Excel（.xlsx）或 CSV 表格，无法读取" });
    expect(await run(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toMatchObject({ ok: false, status: 422, message: expect.stringContaining(".xls") });
    const wrong = await run(csv([["编号", "地点", "内容"], ["1", "长江路", "垃圾"]]));
    expect(wrong).toMatchObject({ ok: false, status: 422, code: "bad_headers" });
    expect(!wrong.ok && wrong.message).toContain("「问题类型」");
    expect(await run(csv([HEADERS]))).toMatchObject({ ok: false, status: 422, code: "empty" });
    expect(await run(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toMatchObject({ ok: false, status: 422 });
    expect(await taskCount()).toBe(before);
  });
  it("a zip bomb (a few MB inflating to half a gigabyte) is refused within seconds", async () => {
    const before = await taskCount();
    const bomb = new Uint8Array(await xlsxBomb({ inflatedBytes: 500_000_000 }));
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    const started = Date.now();
    expect(await run(bomb)).toMatchObject({ ok: false, status: 422, code: "invalid_file", message: expect.stringMatching(/文件超过 20,000 行，已拒绝导入/) });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await taskCount()).toBe(before);
  });
  it("a street office may not import", async () => {
    expect(await run(csv([HEADERS]), false, shuiji)).toMatchObject({ ok: false, status: 403 });
  });
});
