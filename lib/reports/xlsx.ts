/**
 * The report as an Excel workbook: a 汇总 sheet (summary paragraph + headline figures) and one sheet
 * per table. Every sheet starts with the title, scope/month and whether the figures are published
 * (with revision and time) or live; the column header row is frozen; numbers are numbers with
 * number formats (percent, 0.0 hours), so staff can keep calculating.
 */
import ExcelJS from "exceljs";
import { headerLabel } from "./format";
import { monthLabel, neutralizeCell } from "./rules";
import { KEY_LABELS, type Column, type MonthlyReport } from "./types";

export interface ExportSource {
  source: "published" | "live";
  revision?: number | null;
  publishedAt?: string | null;
}

const NUM_FMT: Record<Column["kind"], string | undefined> = {
  int: "#,##0",
  minutes: "#,##0",
  hours: "#,##0.0",
  percent: "0.0%",
  rating: "0.00",
  text: undefined,
};

export function sourceLine(s: ExportSource): string {
  if (s.source === "published") return `已发布数据（第 ${s.revision ?? 1} 版，发布于 ${fmtTime(s.publishedAt)}）`;
  return `实时数据（未发布，生成于 ${fmtTime(new Date().toISOString())}）`;
}

export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(iso));
}

/** Sheet names: Excel allows 31 characters and no []:*?/\ . */
export function sheetName(title: string): string {
  return title.replace(/^[一二三四五六七八九十]+、/, "").replace(/[[\]:*?/\\]/g, "").slice(0, 31);
}

function header(ws: ExcelJS.Worksheet, r: MonthlyReport, s: ExportSource, title: string, width: number) {
  ws.addRow([`${r.meta.regionName}${monthLabel(r.meta.month)}志愿服务与创城工作月报 — ${title}`]);
  ws.addRow([`范围：${r.meta.regionName}（${r.meta.regionCode}）  统计期：${r.meta.from} 至 ${r.meta.to}${r.meta.partial ? "（月未结束）" : ""}`]);
  ws.addRow([sourceLine(s)]);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(2).font = { color: { argb: "FF4B5563" } };
  ws.getRow(3).font = { color: { argb: s.source === "published" ? "FF047857" : "FFB45309" } };
  for (let i = 1; i <= 3; i++) ws.mergeCells(i, 1, i, Math.max(width, 1));
}

export async function reportXlsx(r: MonthlyReport, s: ExportSource): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Civic Cockpit 创城驾驶舱";
  wb.created = new Date();

  const sum = wb.addWorksheet("汇总");
  header(sum, r, s, "汇总", 3);
  sum.addRow([]);
  const hr = sum.addRow(["指标", "数值", "说明"]);
  hr.font = { bold: true };
  sum.views = [{ state: "frozen", ySplit: 5 }];
  for (const [k, meta] of Object.entries(KEY_LABELS) as [keyof MonthlyReport["key"], (typeof KEY_LABELS)[keyof MonthlyReport["key"]]][]) {
    const row = sum.addRow([meta.label, r.key[k] ?? null, ""]);
    const f = NUM_FMT[meta.kind];
    if (f) row.getCell(2).numFmt = f;
  }
  sum.addRow([]);
  const sr = sum.addRow(["综述", neutralizeCell(r.summary)]);
  sum.mergeCells(sr.number, 2, sr.number, 3);
  sr.getCell(2).alignment = { wrapText: true, vertical: "top" };
  sr.height = 120;
  sum.getColumn(1).width = 26;
  sum.getColumn(2).width = 60;
  sum.getColumn(3).width = 20;

  for (const t of r.tables) {
    const ws = wb.addWorksheet(sheetName(t.title));
    header(ws, r, s, t.title, t.columns.length);
    ws.addRow([]);
    const h = ws.addRow(t.columns.map(headerLabel));
    h.font = { bold: true };
    h.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF3F4F6" } };
    ws.views = [{ state: "frozen", ySplit: 5 }];
    const put = (values: Record<string, unknown>, bold = false) => {
      const row = ws.addRow(t.columns.map((c) => {
        const v = values[c.key];
        if (v === null || v === undefined) return null;
        return typeof v === "number" ? v : neutralizeCell(v);
      }));
      t.columns.forEach((c, i) => {
        const f = NUM_FMT[c.kind];
        if (f) row.getCell(i + 1).numFmt = f;
      });
      if (bold) row.font = { bold: true };
    };
    if (t.rows.length === 0) ws.addRow(["（本月无数据）"]);
    for (const row of t.rows) put(row);
    if (t.total) put(t.total, true);
    if (t.note) {
      ws.addRow([]);
      const n = ws.addRow([`说明：${t.note}`]);
      n.font = { italic: true, color: { argb: "FF6B7280" } };
    }
    t.columns.forEach((c, i) => {
      ws.getColumn(i + 1).width = c.kind === "text" ? (c.key === "description" ? 40 : 18) : Math.max(10, headerLabel(c).length * 2);
    });
  }
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
