/**
 * Pure rules of the monthly report (月报): which days a month covers, the street ranking (红榜/黑榜),
 * how numbers are written for Chinese readers, and how CSV cells are made safe. No database here, so
 * every rule is unit-tested on its own.
 */
import { z } from "zod";
import { addDays } from "@/lib/metrics/rules";

// ---- months ----

export const monthSchema = z
  .string({ message: "month: 请选择月份" })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month: 月份格式应为 YYYY-MM，例如 2026-11");

export interface MonthRange {
  month: string; // YYYY-MM
  from: string; // first day
  to: string; // last day, or today for the running month
  /** The month has not ended yet: figures are "so far". */
  partial: boolean;
  /** Last calendar day of the month. */
  end: string;
}

export function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return addDays(next, -1);
}

/**
 * The days a month's report covers. A month that has not started is refused; the running month is
 * cut at today (and marked partial).
 */
export function monthRange(month: string, today: string): { ok: true; range: MonthRange } | { ok: false; message: string } {
  const m = monthSchema.safeParse(month);
  if (!m.success) return { ok: false, message: m.error.issues[0]!.message };
  const from = `${month}-01`;
  if (from > today) return { ok: false, message: `month: ${monthLabel(month)}尚未开始，不能生成月报` };
  const end = monthEnd(month);
  return { ok: true, range: { month, from, to: end < today ? end : today, partial: end > today, end } };
}

/** The months a user can pick: from the first data month to the current one, newest first. */
export function monthOptions(firstMonth: string, today: string): string[] {
  const out: string[] = [];
  let [y, m] = today.slice(0, 7).split("-").map(Number) as [number, number];
  while (`${y}-${String(m).padStart(2, "0")}` >= firstMonth) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

/**
 * The month a report page opens on: the current month on its last day, otherwise the last
 * complete month (staff write the monthly report after the month ends).
 */
export function defaultMonth(today: string): string {
  const cur = today.slice(0, 7);
  if (monthEnd(cur) === today) return cur;
  const [y, m] = cur.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

export function monthLabel(month: string): string {
  const [y, m] = month.split("-");
  return `${y}年${Number(m)}月`;
}

// ---- the street ranking (红榜 / 黑榜) ----

export const RANKING_SIZE = 5;
/** Streets with fewer tasks than this are listed but not ranked (a 1-of-1 street is not "best"). */
export const RANKING_MIN_TASKS = 5;

export const RANKING_RULE = `按整改率（截至月末已整改 ÷ 截至月末发现的问题）从高到低排名；整改率相同时按期整改率高者在前，再相同时超期未整改少者在前，再按区划代码；问题少于 ${RANKING_MIN_TASKS} 个的街道不参与排名。红榜为前 ${RANKING_SIZE} 名，黑榜为后 ${RANKING_SIZE} 名；参与排名的街道不足 ${RANKING_SIZE * 2} 个时，前一半列红榜、后一半列黑榜，同一街道不会同时上两个榜。`;

export interface RankInput {
  code: string;
  name: string;
  total: number;
  closed: number;
  overdue: number;
  closureRate: number | null;
  onTimeClosureRate: number | null;
}

export interface Ranked extends RankInput {
  rank: number;
}

export function compareStreets(a: RankInput, b: RankInput): number {
  const r = (b.closureRate ?? -1) - (a.closureRate ?? -1);
  if (r !== 0) return r;
  const o = (b.onTimeClosureRate ?? -1) - (a.onTimeClosureRate ?? -1);
  if (o !== 0) return o;
  if (a.overdue !== b.overdue) return a.overdue - b.overdue;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** Ranks the eligible streets; red = best five, black = worst five (halves when fewer than ten). */
export function rankStreets(streets: RankInput[]): { ranked: Ranked[]; red: Ranked[]; black: Ranked[]; unranked: RankInput[] } {
  const eligible = streets.filter((s) => s.total >= RANKING_MIN_TASKS && s.closureRate !== null);
  const unranked = streets.filter((s) => !eligible.includes(s));
  const ranked = [...eligible].sort(compareStreets).map((s, i) => ({ ...s, rank: i + 1 }));
  // Fewer than ten ranked streets: the better half is red, the worse half black (never both).
  const red = ranked.slice(0, Math.min(RANKING_SIZE, Math.ceil(ranked.length / 2)));
  const black = ranked.slice(ranked.length - Math.min(RANKING_SIZE, Math.floor(ranked.length / 2))).reverse();
  return { ranked, red, black, unranked };
}

// ---- numbers in Chinese ----

/** 12345 → "12,345"; 123456 → "12.3万"; 1.2e8 → "1.2亿" (for sentences, not tables). */
export function zhCount(n: number): string {
  if (!Number.isFinite(n)) return "—";
  const abs = Math.abs(n);
  const trim = (v: number, d: number) => v.toFixed(d).replace(/\.?0+$/, "");
  if (abs >= 1e8) return `${trim(n / 1e8, 2)}亿`;
  if (abs >= 1e5) return `${trim(n / 1e4, 1)}万`;
  return new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 }).format(Math.round(n));
}

/** Hours with one decimal and separators: 12345.67 → "12,345.7". */
export function zhHours(n: number): string {
  if (!Number.isFinite(n)) return "—";
  return new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}

/** 0.8567 → "85.7%"; null → "—" (no data, never "0%"). */
export function zhPercent(f: number | null | undefined, digits = 1): string {
  if (f === null || f === undefined || !Number.isFinite(f)) return "—";
  return `${(f * 100).toFixed(digits)}%`;
}

/** Signed difference for "live vs published": +3, −2.5, 0. */
export function zhDelta(n: number): string {
  if (n === 0) return "0";
  const v = Math.round(n * 100) / 100;
  return v > 0 ? `+${v}` : `−${Math.abs(v)}`;
}

// ---- CSV (RFC 4180, UTF-8 with BOM, formula injection neutralised) ----

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell that a spreadsheet would run as a formula (starts with = + - @, tab or CR) gets a
 * leading apostrophe. Numbers stay numbers: a negative number is data, not a formula.
 */
export function neutralizeCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const s = String(v);
  return FORMULA_START.test(s) ? `'${s}` : s;
}

export function csvField(v: unknown): string {
  const s = neutralizeCell(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV file: BOM, CRLF line ends, every field quoted when needed. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}

/** File names in Chinese: "莱西市_2026年11月_志愿服务月报.xlsx"; characters Windows refuses are dropped. */
export function reportFileName(regionName: string, month: string, suffix: string, ext: string): string {
  const clean = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, "");
  return `${clean(regionName)}_${monthLabel(month)}_${clean(suffix)}.${ext}`;
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
