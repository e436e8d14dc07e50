import "server-only";
/** One place that turns a report into a file (used by the API route the preview's buttons call). */
import { csvHeader, csvValue } from "./format";
import { reportDocx } from "./docx";
import { reportFileName, toCsv } from "./rules";
import { KEY_LABELS, type MonthlyReport } from "./types";
import { type ExportSource, reportXlsx } from "./xlsx";

export const FORMATS = ["json", "xlsx", "docx", "csv"] as const;
export type Format = (typeof FORMATS)[number];

export function csvTable(r: MonthlyReport, table: string): string | null {
  if (table === "summary") {
    // Shares are written as numbers of percent (85.7): their row says "（%）".
    return toCsv(["指标", "数值"], (Object.keys(KEY_LABELS) as (keyof MonthlyReport["key"])[]).map((k) => [csvHeader(KEY_LABELS[k]), csvValue(r.key[k], KEY_LABELS[k].kind)]));
  }
  const t = r.tables.find((x) => x.id === table);
  if (!t) return null;
  const body = [...t.rows, ...(t.total ? [t.total] : [])].map((row) => t.columns.map((c) => csvValue(row[c.key], c.kind)));
  return toCsv(t.columns.map(csvHeader), body);
}

export async function renderFile(r: MonthlyReport, s: ExportSource, format: Exclude<Format, "json">, table?: string | null, photo?: (id: number) => Promise<Buffer | null>): Promise<{ body: Buffer | string; type: string; name: string } | null> {
  const region = r.meta.regionName;
  if (format === "xlsx") {
    return { body: await reportXlsx(r, s), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: reportFileName(region, r.meta.month, "志愿服务与创城工作月报", "xlsx") };
  }
  if (format === "docx") {
    return { body: await reportDocx(r, s, photo), type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name: reportFileName(region, r.meta.month, "志愿服务与创城工作月报", "docx") };
  }
  const id = table ?? "summary";
  const csv = csvTable(r, id);
  if (csv === null) return null;
  const title = id === "summary" ? "汇总" : r.tables.find((x) => x.id === id)!.title.replace(/^[一二三四五六七八九十]+、/, "");
  return { body: csv, type: "text/csv; charset=utf-8", name: reportFileName(region, r.meta.month, title, "csv") };
}

