/**
 * How a report cell is written, one rule for the preview, Word and CSV (Excel gets numbers with
 * number formats instead, see xlsx.ts).
 */
import type { Cell, Column, MonthlyReport } from "./types";
import { zhPercent } from "./rules";

/** Columns that hold identifiers (problem numbers): written as they are, never "12,345". */
export function isIdColumn(c: Pick<Column, "key">): boolean {
  return c.key === "id";
}

/** A share as text: "85.7%", "<0.1%" for a small non-zero share (never a misleading "0.0%"), "—" for none. */
export function percentText(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  if (v > 0 && v < 0.0005) return "<0.1%";
  return zhPercent(v);
}

export function formatCell(v: Cell | undefined, kind: Column["kind"], column?: Pick<Column, "key">): string {
  if (v === null || v === undefined || v === "") return kind === "text" ? "" : "—";
  if (typeof v === "string") return v;
  if (column && isIdColumn(column)) return String(v);
  switch (kind) {
    case "percent":
      return percentText(v);
    case "hours":
      return new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
    case "rating":
      return v.toFixed(2);
    case "int":
    case "minutes":
      return new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 }).format(v);
    default:
      return String(v);
  }
}

/**
 * Column header with its unit: "认定服务时长（小时）". A share's cells already show "%" (preview,
 * Word, Excel's number format), so its header has no "（%）".
 */
export function headerLabel(c: Column): string {
  return c.unit ? `${c.label}（${c.unit}）` : c.label;
}

/** CSV writes shares as numbers of percent (85.7), so there the header says "（%）". */
export function csvHeader(c: Pick<Column, "label" | "kind" | "unit">): string {
  if (c.kind === "percent") return `${c.label}（%）`;
  return c.unit ? `${c.label}（${c.unit}）` : c.label;
}

/** The value as CSV writes it: percents as percentage numbers (85.7), hours with 2 decimals, text as is. */
export function csvValue(v: Cell | undefined, kind: Column["kind"]): string | number {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (kind === "percent") return Math.round(v * 1000) / 10;
  if (kind === "hours" || kind === "rating") return Math.round(v * 100) / 100;
  return v;
}

/** Display width of a text in "half-width" units: a CJK or full-width character counts 2. */
export function textUnits(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

/** "2026-11-03" or an ISO time → "2026年11月3日" (Asia/Shanghai for times). */
export function zhDate(isoOrDay: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDay) ? isoOrDay : new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(isoOrDay));
  const [y, m, d] = day.split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** The office a report is issued by: the region's 文明办 (city, district), street office or community. */
export function reportOffice(meta: Pick<MonthlyReport["meta"], "regionName" | "level">): string {
  const n = meta.regionName;
  if (meta.level === "city" || meta.level === "district") return `${n}文明办`;
  if (meta.level === "street") return n.endsWith("街道") ? `${n}办事处` : n.endsWith("镇") || n.endsWith("乡") ? `${n}人民政府` : n;
  return n.endsWith("社区") ? `${n}居民委员会` : n;
}
