/**
 * Importing a problem list (.xlsx or .csv) and the downloadable template. Each good row is
 * registered through `createTask` (its own transaction: task + event + audit, and — when asked — the
 * 交办 transition through rules.ts), so a row is written whole or not at all and good rows are kept
 * when others are refused. A problem's stable key (问题编号, or a hash of point + type + description)
 * makes a second import of the same file create nothing.
 */
import "server-only";
import { and, eq, like, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Db } from "@/db/client";
import { rectificationTasks, regions } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { scopePattern } from "@/lib/auth/rules";
import { fail, type Result } from "@/lib/http";
import { today } from "@/lib/metrics/clock";
import { csvField } from "@/lib/reports/rules";
import { bytesSource, cellText, ImportRefused, isBlankRow, parseCsv, readRows } from "@/lib/spreadsheet";
import { COLUMNS, HEADERS, mapTaskHeaders, MAX_IMPORT_ROWS, type PlaceLookup, sniffSheet, validateRow } from "./import-rules";
import { isRegistrar, TYPE_LABELS } from "./rules";
import { createTask } from "./service";
import { taskInScope } from "./scope";

export interface ImportRowReport {
  row: number;
  status: "created" | "skipped" | "rejected";
  taskId?: number;
  problemKey?: string;
  errors?: { column: string; message: string }[];
  message?: string;
}

export interface ImportReport {
  total: number;
  created: number;
  skipped: number;
  rejected: number;
  assigned: boolean;
  rows: ImportRowReport[];
}

/** Rows read at most (blank ones included) and the inflated size of a workbook: far above a real list, far below a bomb. */
const READ_LIMITS = { maxRows: MAX_IMPORT_ROWS * 10, maxInflatedBytes: 64 * 1024 * 1024, sheet: "问题清单" };

/**
 * The rows of the 问题清单 worksheet (or the first one) of an .xlsx, or of the CSV text, as strings;
 * `rows[n - 1]` is spreadsheet row n. Refused (with a message) when it is no spreadsheet or too big.
 */
export async function readSheetRows(bytes: Uint8Array): Promise<{ ok: true; rows: string[][] } | { ok: false; message: string }> {
  const kind = sniffSheet(bytes);
  if (!kind.ok) return kind;
  if (kind.kind === "csv") return { ok: true, rows: parseCsv(kind.text) };
  const rows: string[][] = [];
  try {
    for await (const r of readRows(bytesSource(bytes), "xlsx", READ_LIMITS)) rows[r.row - 1] = r.cells.map(cellText);
  } catch (e) {
    if (e instanceof ImportRefused) return { ok: false, message: e.message };
    throw e;
  }
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { ok: true, rows };
}

async function loadPlaces(db: Db, scopeCode: string): Promise<PlaceLookup> {
  const p = scopePattern(scopeCode);
  const rs = await db
    .select({ code: regions.code, name: regions.name, level: regions.level, parent: regions.parentCode })
    .from(regions)
    .where(and(like(regions.code, p), sql`${regions.level} IN ('street', 'community')`));
  const streets = new Map<string, string>();
  const communities = new Map<string, { name: string; street: string }>();
  for (const r of rs) {
    if (r.level === "street") streets.set(r.code, r.name);
    else communities.set(r.code, { name: r.name, street: r.parent! });
  }
  return { streets, communities };
}

const squash = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

/**
 * Imports a problem list for the actor's scope. A file that is not a spreadsheet, or whose header
 * row is wrong, is refused as a whole (nothing written); otherwise every row is reported.
 */
export async function importProblems(db: Db, actor: Actor, input: { bytes: Uint8Array; assignNow: boolean }): Promise<Result<{ report: ImportReport }>> {
  if (!isRegistrar(actor.role, actor.scopeCode)) return fail("forbidden_role", "导入问题清单须由区（市）或市文明办操作", { status: 403 });
  const opts = { assignNow: input.assignNow };
  const read = await readSheetRows(input.bytes);
  const refuse = (code: string, message: string) => fail(code, message, { status: 422, fields: ["file"] });
  if (!read.ok) return refuse("invalid_file", read.message);
  const head = mapTaskHeaders(read.rows);
  if (!head.ok) return refuse("bad_headers", head.message);
  const data = read.rows.map((cells, i) => ({ cells, row: i + 1 })).filter((r) => r.row > head.headerRow + 1 && !isBlankRow(r.cells));
  if (data.length === 0) return refuse("empty", "表格中没有数据行：请在表头下方逐行填写问题");
  if (data.length > MAX_IMPORT_ROWS) return refuse("too_many", `一次最多导入 ${MAX_IMPORT_ROWS} 行（本文件 ${data.length} 行），请分批导入`);

  const places = await loadPlaces(db, actor.scopeCode);
  const day = today();
  const report: ImportReport = { total: data.length, created: 0, skipped: 0, rejected: 0, assigned: opts.assignNow, rows: [] };
  const seen = new Map<string, number>();
  const push = (r: ImportRowReport) => {
    report.rows.push(r);
    report[r.status]++;
  };

  for (const { cells, row } of data) {
    const v = validateRow(cells, row, head.index, places, day);
    const key = v.key;
    if (key) {
      const first = seen.get(key);
      if (first !== undefined) {
        push({ row, status: "skipped", problemKey: key, message: `与第 ${first} 行是同一问题，未重复创建` });
        continue;
      }
      seen.set(key, row);
      const [existing] = await db
        .select({ id: rectificationTasks.id, pointName: rectificationTasks.pointName, description: rectificationTasks.description, visible: sql<boolean>`${taskInScope(actor.scopeCode)}` })
        .from(rectificationTasks)
        .where(eq(rectificationTasks.problemKey, key))
        .limit(1);
      if (existing) {
        const same = !v.ok || (squash(existing.pointName) === squash(v.input.pointName) && squash(existing.description) === squash(v.input.description));
        const ref = existing.visible ? `（任务 #${existing.id}）` : "";
        if (same) push({ row, status: "skipped", taskId: existing.visible ? existing.id : undefined, problemKey: key, message: `已导入过${ref}，未重复创建` });
        else push({ row, status: "rejected", problemKey: key, errors: [{ column: "问题编号", message: `问题编号已被另一问题使用${ref}，请核对编号` }] });
        continue;
      }
    }
    if (!v.ok) {
      push({ row, status: "rejected", errors: v.errors.map((e) => ({ column: e.column, message: e.message })) });
      continue;
    }
    const r = await createTask(db, actor, { ...v.input, assignNow: opts.assignNow, source: "import", problemKey: v.key });
    if (!r.ok) {
      push({ row, status: "rejected", problemKey: v.key, errors: [{ column: columnFor(r), message: r.message }] });
      continue;
    }
    if (!r.created) push({ row, status: "skipped", problemKey: v.key, message: "已导入过，未重复创建" });
    else push({ row, status: "created", taskId: r.id, problemKey: v.key });
  }

  await audit(db, {
    userId: actor.id,
    username: actor.username,
    role: actor.role,
    ip: actor.ip ?? null,
    action: "task.import",
    objectType: "rectification_task",
    summary: { total: report.total, created: report.created, skipped: report.skipped, rejected: report.rejected, assigned: opts.assignNow },
  });
  return { ok: true, report };
}

function columnFor(f: { fields?: string[] }): string {
  const field = f.fields?.[0];
  const map: Record<string, string> = { streetCode: "责任街道", communityCode: "社区", deadline: "整改期限", type: "问题类型", pointName: "点位名称", description: "问题描述" };
  return (field && map[field]) || "整行";
}

// ---------------------------------------------------------------------------- template

/** The example row: the first street and community of the scope, a deadline two weeks out. */
function exampleRow(places: PlaceLookup, day: string): string[] {
  const [streetCode, streetName] = [...places.streets][0] ?? ["", "水集街道"];
  const community = [...places.communities].find(([, c]) => c.street === streetCode)?.[1].name ?? "";
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 14);
  return ["WT-2026-0001", "小广告", "示例路与示例街交叉口", "示例路 1 号", "路口电线杆张贴小广告约 20 处", streetName, community, `${streetName}城管中队`, d.toISOString().slice(0, 10)];
}

/** The template as .xlsx (a sheet to fill in plus instructions and the places of the scope) or CSV (UTF-8 with BOM). */
export async function buildTemplate(db: Db, actor: Actor, input: { kind: "xlsx" | "csv" }): Promise<Buffer> {
  const kind = input.kind;
  const places = await loadPlaces(db, actor.scopeCode);
  const example = exampleRow(places, today());
  if (kind === "csv") {
    const lines = [HEADERS, example].map((r) => r.map(csvField).join(","));
    return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = "创城驾驶舱";
  const ws = wb.addWorksheet("问题清单", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === "description" ? 40 : c.key === "pointName" || c.key === "address" ? 28 : 16 }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(example);
  const help = wb.addWorksheet("填写说明");
  help.columns = [{ width: 18 }, { width: 70 }];
  help.addRow(["列", "说明"]).font = { bold: true };
  for (const c of COLUMNS) {
    const note: Record<string, string> = {
      problemNo: "选填。问题的唯一编号（如 WT-2026-0001）；同一编号再次导入不会重复创建。不填时按“点位名称 + 问题类型 + 问题描述”识别同一问题。",
      type: `必填。可填：${Object.values(TYPE_LABELS).join("、")}`,
      pointName: "必填。问题所在点位，不超过 200 字。",
      address: "选填。详细地址。",
      description: "必填。问题描述，不超过 2000 字。",
      street: "必填。责任街道（镇）名称或 9 位代码，须在您的管辖范围内，见右侧“区划”表。",
      community: "必填。社区（村）名称或 12 位代码，须属于责任街道。",
      unit: "选填。责任单位。",
      deadline: "必填。整改期限，日期格式如 2026-12-31，不能早于今天。",
    };
    help.addRow([c.header, note[c.key] ?? ""]);
  }
  const reg = wb.addWorksheet("区划");
  reg.columns = [
    { header: "街道代码", width: 12 },
    { header: "街道（镇）", width: 16 },
    { header: "社区代码", width: 16 },
    { header: "社区（村）", width: 20 },
  ];
  reg.getRow(1).font = { bold: true };
  for (const [code, c] of places.communities) reg.addRow([c.street, places.streets.get(c.street) ?? "", code, c.name]);
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
