/**
 * How a report cell is written, one rule for the preview, Word and CSV (Excel gets numbers with
 * number formats instead, see xlsx.ts).
 */
import type { Cell, Column } from "./types";
import { zhPercent } from "./rules";

export function formatCell(v: Cell | undefined, kind: Column["kind"]): string {
  if (v === null || v === undefined || v === "") return kind === "text" ? "" : "—";
  if (typeof v === "string") return v;
  switch (kind) {
    case "percent":
      return zhPercent(v);
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

/** Column header with its unit: "认定服务时长（小时）", "整改率（%）". */
export function headerLabel(c: Column): string {
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
