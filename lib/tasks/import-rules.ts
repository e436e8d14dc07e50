/**
 * Importing a problem list (问题清单), the pure part: what kind of file it is (lib/spreadsheet's
 * sniffer, with this importer's messages), the header row, and each data row → a registration input
 * plus its stable key, or the row number, the column and what is wrong — in Chinese.
 */
import { createHash } from "node:crypto";
import { isBlankRow, mapHeaders } from "@/lib/spreadsheet/cells";
import { csvEncoding } from "@/lib/spreadsheet/csv";
import { sniffSpreadsheet } from "@/lib/spreadsheet/sniff";
import { isoDate } from "@/lib/metrics/rules";
import { TASK_TYPES, type TaskType, TYPE_LABELS } from "./rules";
import type { CreateTaskInput } from "./schema";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 2000;

/** Columns of the template, in order. `required` columns must be present in the header row. */
export const COLUMNS = [
  { key: "problemNo", header: "问题编号", required: false, aliases: ["编号", "问题序号"] },
  { key: "type", header: "问题类型", required: true, aliases: ["类型"] },
  { key: "pointName", header: "点位名称", required: true, aliases: ["点位"] },
  { key: "address", header: "地址", required: false, aliases: ["详细地址", "点位地址"] },
  { key: "description", header: "问题描述", required: true, aliases: ["问题内容", "描述"] },
  { key: "street", header: "责任街道", required: true, aliases: ["街道", "责任街道（镇）", "街道（镇）"] },
  { key: "community", header: "社区", required: true, aliases: ["社区（村）", "责任社区", "村（社区）"] },
  { key: "unit", header: "责任单位", required: false, aliases: [] },
  { key: "deadline", header: "整改期限", required: true, aliases: ["整改时限", "期限"] },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]["key"];
export const HEADERS = COLUMNS.map((c) => c.header);

export const NOT_A_SHEET = "文件不是 Excel（.xlsx）或 CSV 表格，无法读取";

export type Sniff = { ok: true; kind: "xlsx"; text?: undefined } | { ok: true; kind: "csv"; text: string } | { ok: false; message: string };

/**
 * What the file is, by content (lib/spreadsheet's sniffer): an .xlsx, or CSV text in UTF-8 (with or
 * without BOM) or GB18030, decoded whole (the file is at most 5 MB). Old .xls, PDFs, images and other
 * binaries are refused with a message saying what to do.
 */
export function sniffSheet(bytes: Uint8Array): Sniff {
  if (bytes.length === 0) return { ok: false, message: "文件为空" };
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, message: "文件不能超过 5 MB，请分批导入" };
  const kind = sniffSpreadsheet(bytes.subarray(0, 65_536));
  if (kind === "xlsx") return { ok: true, kind: "xlsx" };
  if (kind === "xls") return { ok: false, message: "不支持旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或 CSV 后再导入" };
  if (kind === "unknown") return { ok: false, message: NOT_A_SHEET };
  let text: string;
  try {
    text = new TextDecoder(csvEncoding(bytes), { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: NOT_A_SHEET };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Control characters other than tab/CR/LF anywhere mean a binary file, not a CSV.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return { ok: false, message: NOT_A_SHEET };
  return { ok: true, kind: "csv", text };
}

export type HeaderMap = { ok: true; index: Partial<Record<ColumnKey, number>>; headerRow: number } | { ok: false; message: string };

/**
 * Finds the header row (the first non-empty row) and maps the template's columns to positions.
 * Missing required columns or a column given twice → a message and nothing is imported.
 */
export function mapTaskHeaders(rows: string[][]): HeaderMap {
  const hr = rows.findIndex((r) => !isBlankRow(r));
  if (hr < 0) return { ok: false, message: "文件中没有数据" };
  const m = mapHeaders(rows[hr]!, COLUMNS);
  const dup = m.duplicates[0];
  if (dup) return { ok: false, message: `表头不正确：「${dup.column.header}」列出现了 ${dup.count} 次。请使用下载的模板。` };
  if (m.missing.length) {
    return { ok: false, message: `表头不正确：第 ${hr + 1} 行缺少 ${m.missing.map((c) => `「${c.header}」`).join("")} 列。请下载模板，按模板的表头（${HEADERS.join("、")}）填写后再导入。` };
  }
  return { ok: true, index: m.index, headerRow: hr };
}

/** Lookup tables of the importer's scope, loaded once per import. */
export interface PlaceLookup {
  /** Street code → name (streets in scope). */
  streets: Map<string, string>;
  /** Community code → { name, street }. */
  communities: Map<string, { name: string; street: string }>;
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export type RowResult =
  | { ok: true; row: number; input: CreateTaskInput; key: string; problemNo: string | null }
  /** `key` is set when only the deadline is wrong, so an earlier import of the row still counts as "already imported". */
  | { ok: false; row: number; errors: RowError[]; key?: string };

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/** The stable key of a problem: its number (per district), or a hash of point + type + description. */
export function problemKey(p: { problemNo?: string | null; streetCode: string; pointName: string; type: TaskType; description: string }): string {
  const no = p.problemNo ? squash(p.problemNo) : "";
  if (no) return `NO:${p.streetCode.slice(0, 6)}:${no}`;
  const h = createHash("sha256").update(`${squash(p.pointName)}\u0000${p.type}\u0000${squash(p.description)}`).digest("hex").slice(0, 32);
  return `H:${h}`;
}

/** The 问题编号 people know a problem by, from its key: NO:370285:WT-001 → WT-001; hashes and manual keys → null. */
export function problemNumber(key: string): string | null {
  if (key.startsWith("NO:")) return key.split(":").slice(2).join(":") || null;
  if (key.startsWith("H:") || key.startsWith("M-")) return null;
  return key;
}

/** 2026-12-05, 2026/12/5, 2026.12.5, 2026年12月5日, 20261205 → 2026-12-05; anything else null. */
export function normalizeDate(v: string): string | null {
  const s = v.trim();
  if (/^\d{5}$/.test(s) && Number(s) > 20000 && Number(s) < 80000) {
    // An Excel date serial (days since 1899-12-30) from a cell not formatted as a date.
    const d = new Date(Date.UTC(1899, 11, 30) + Number(s) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  return isoDate.safeParse(iso).success ? iso : null;
}

function typeOf(v: string): TaskType | null {
  const s = v.trim();
  if ((TASK_TYPES as readonly string[]).includes(s)) return s as TaskType;
  const hit = (Object.entries(TYPE_LABELS) as [TaskType, string][]).find(([, label]) => label === s);
  return hit ? hit[0] : null;
}

const LIMITS: Partial<Record<ColumnKey, number>> = { problemNo: 64, pointName: 200, address: 300, description: 2000, unit: 200 };

/**
 * One data row → a registration input, or every problem of the row (column + reason). `rowNumber`
 * is the row as the spreadsheet shows it (header = row 1). `today` refuses deadlines in the past.
 */
export function validateRow(cells: string[], rowNumber: number, index: Partial<Record<ColumnKey, number>>, places: PlaceLookup, today: string): RowResult {
  const get = (k: ColumnKey) => {
    const i = index[k];
    return i === undefined ? "" : (cells[i] ?? "").trim();
  };
  const errors: RowError[] = [];
  const err = (k: ColumnKey, message: string) => errors.push({ row: rowNumber, column: COLUMNS.find((c) => c.key === k)!.header, message });
  for (const [k, max] of Object.entries(LIMITS) as [ColumnKey, number][]) if (get(k).length > max) err(k, `不能超过 ${max} 个字`);

  const typeRaw = get("type");
  const type = typeOf(typeRaw);
  if (!typeRaw) err("type", "不能为空");
  else if (!type) err("type", `未知的问题类型「${typeRaw}」，应为：${Object.values(TYPE_LABELS).join("、")}`);

  const pointName = get("pointName");
  if (!pointName) err("pointName", "不能为空");
  const description = get("description");
  if (!description) err("description", "不能为空");

  const streetRaw = get("street");
  let streetCode: string | null = null;
  if (!streetRaw) err("street", "不能为空");
  else if (/^\d{9}$/.test(streetRaw)) {
    if (places.streets.has(streetRaw)) streetCode = streetRaw;
    else err("street", `街道代码 ${streetRaw} 不存在或不在您的管辖范围内`);
  } else {
    const hits = [...places.streets].filter(([, name]) => name === streetRaw || streetRaw.endsWith(name)).map(([code]) => code);
    if (hits.length === 1) streetCode = hits[0]!;
    else if (hits.length > 1) err("street", `「${streetRaw}」在您的管辖范围内有 ${hits.length} 个同名街道，请填写 9 位街道代码`);
    else err("street", `「${streetRaw}」不是您管辖范围内的街道（镇）`);
  }

  const commRaw = get("community");
  let communityCode: string | null = null;
  if (!commRaw) err("community", "不能为空");
  else if (streetCode) {
    if (/^\d{12}$/.test(commRaw)) {
      const c = places.communities.get(commRaw);
      if (c && c.street === streetCode) communityCode = commRaw;
      else err("community", `社区代码 ${commRaw} 不属于${places.streets.get(streetCode)}`);
    } else {
      const names = [commRaw, `${commRaw}社区`, `${commRaw}村`, `${commRaw}居委会`];
      const hits = [...places.communities].filter(([, c]) => c.street === streetCode && names.includes(c.name)).map(([code]) => code);
      if (hits.length === 1) communityCode = hits[0]!;
      else if (hits.length > 1) err("community", `「${commRaw}」在${places.streets.get(streetCode)}有多个同名社区（村），请填写 12 位代码`);
      else err("community", `${places.streets.get(streetCode)}没有名为「${commRaw}」的社区（村）`);
    }
  }

  const deadlineRaw = get("deadline");
  const deadline = deadlineRaw ? normalizeDate(deadlineRaw) : null;
  if (!deadlineRaw) err("deadline", "不能为空");
  else if (!deadline) err("deadline", `「${deadlineRaw}」不是有效日期，请填写如 2026-12-31`);

  if (errors.length || !type || !streetCode || !communityCode || !deadline) return { ok: false, row: rowNumber, errors };
  const problemNo = get("problemNo") || null;
  const input: CreateTaskInput = {
    type,
    pointName,
    address: get("address") || undefined,
    description,
    streetCode,
    communityCode,
    responsibleUnit: get("unit") || undefined,
    deadline,
    assignNow: false,
    photoIds: [],
  };
  const key = problemKey({ problemNo, streetCode, pointName, type, description });
  if (deadline < today) {
    // Checked last, after the key: a row imported earlier is "already imported", not "in the past".
    return { ok: false, row: rowNumber, errors: [{ row: rowNumber, column: "整改期限", message: `${deadline} 早于今天（${today}）` }], key };
  }
  return { ok: true, row: rowNumber, input, key, problemNo };
}
