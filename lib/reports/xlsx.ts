/**
 * The report as an Excel workbook: a 汇总 sheet (headline figures + summary paragraph) and one sheet
 * per table, the full street ranking included. Every sheet starts with the title, scope/month and
 * whether the figures are published (with revision and time) or live; the column header row is
 * frozen and repeated on every printed page. Numbers are numbers with number formats (percent,
 * 0.0 hours), ids plain, dates real dates, so staff can keep calculating. Printing: A4, fit to the
 * page width (landscape when the columns need it), "第 X 页 共 Y 页" in the footer.
 */
import ExcelJS from "exceljs";
import { headerLabel, isIdColumn, textUnits } from "./format";
import { monthLabel, neutralizeCell } from "./rules";
import { KEY_LABELS, type Cell, type Column, type MonthlyReport } from "./types";

export interface ExportSource {
  source: "published" | "live";
  revision?: number | null;
  publishedAt?: string | null;
}

/** Shares: a small non-zero share shows "<0.1%", never a misleading "0.0%". */
const PERCENT = '[=0]0.0%;[<0.0005]"<0.1%";0.0%';
const NUM_FMT: Record<Column["kind"], string | undefined> = {
  int: "#,##0",
  minutes: "#,##0",
  hours: "#,##0.0",
  percent: PERCENT,
  rating: "0.00",
  text: undefined,
};
const DATE_FMT = "yyyy-mm-dd";
/** Widest a column gets (Excel width units, ~ one digit); longer text wraps. */
const MAX_WIDTH = 48;
/** Past this total width a sheet prints landscape. */
const PORTRAIT_WIDTH = 100;
const HEADER_ROW = 5;

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

/** A cell's value as Excel stores it: numbers stay numbers, "YYYY-MM-DD" becomes a date, text is neutralised. */
export function xlsxValue(v: Cell | undefined): string | number | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
  return neutralizeCell(v);
}

function shown(v: Cell | undefined, c: Column): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (c.kind === "percent") return "100.0%";
  if (isIdColumn(c)) return String(v);
  return new Intl.NumberFormat("zh-CN", { maximumFractionDigits: c.kind === "hours" ? 1 : 2 }).format(v);
}

/** A column header as the sheet prints it: the label, and the unit on a line of its own. */
export function headerText(c: Column): string {
  return c.unit ? `${c.label}\n（${c.unit}）` : headerLabel(c);
}

/** Column widths from the content: the longest value or the header (label up to two lines, unit below), plus padding. */
export function sheetColumnWidths(columns: Column[], rows: Record<string, Cell>[]): number[] {
  return columns.map((c) => {
    const longest = Math.max(0, ...rows.map((r) => textUnits(shown(r[c.key], c))));
    const label = textUnits(c.label);
    const headNeed = Math.max(label <= 12 ? label : Math.ceil(label / 2) + 1, c.unit ? textUnits(`（${c.unit}）`) : 0);
    return Math.min(MAX_WIDTH, Math.max(6, longest, headNeed) + 2);
  });
}

/** Rows a text needs in a column of this width. */
function linesIn(text: string, width: number): number {
  return Math.max(1, Math.ceil(textUnits(text) / Math.max(1, width - 1)));
}

function titleRows(ws: ExcelJS.Worksheet, r: MonthlyReport, s: ExportSource, title: string, widths: number[]) {
  const total = widths.reduce((a, b) => a + b, 0);
  const lines = [
    `${r.meta.regionName}${monthLabel(r.meta.month)}志愿服务与创城工作月报 — ${title}`,
    `范围：${r.meta.regionName}（${r.meta.regionCode}）  统计期：${r.meta.from} 至 ${r.meta.to}${r.meta.partial ? "（月未结束）" : ""}`,
    sourceLine(s),
  ];
  lines.forEach((text, i) => {
    const row = ws.addRow([text]);
    ws.mergeCells(i + 1, 1, i + 1, Math.max(widths.length, 1));
    row.getCell(1).alignment = { wrapText: true, vertical: "middle" };
    const size = i === 0 ? 14 : 11;
    row.height = linesIn(text, (total * 11) / size) * (size + 6);
  });
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(2).font = { color: { argb: "FF4B5563" } };
  ws.getRow(3).font = { color: { argb: s.source === "published" ? "FF047857" : "FFB45309" } };
  ws.addRow([]);
}

function printSetup(ws: ExcelJS.Worksheet, r: MonthlyReport, title: string, widths: number[]) {
  const wide = widths.reduce((a, b) => a + b, 0) > PORTRAIT_WIDTH;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: wide ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // as many pages tall as needed
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
  };
  ws.headerFooter = { oddFooter: `&L&8${r.meta.regionName}${monthLabel(r.meta.month)}月报 · ${title.replace(/&/g, "&&")}&C&9第 &P 页 共 &N 页` };
}

export async function reportXlsx(r: MonthlyReport, s: ExportSource): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Civic Cockpit 创城驾驶舱";
  wb.created = new Date();

  // 汇总: the headline figures and the summary paragraph.
  const sum = wb.addWorksheet("汇总");
  const keys = Object.keys(KEY_LABELS) as (keyof MonthlyReport["key"])[];
  const sw = [Math.max(...keys.map((k) => textUnits(KEY_LABELS[k].label))) + 2, 56];
  titleRows(sum, r, s, "汇总", sw);
  const hr = sum.addRow(["指标", "数值"]);
  hr.font = { bold: true };
  hr.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF3F4F6" } };
  sum.views = [{ state: "frozen", ySplit: HEADER_ROW }];
  for (const k of keys) {
    const meta = KEY_LABELS[k];
    const row = sum.addRow([meta.label, r.key[k] ?? null]);
    const f = NUM_FMT[meta.kind];
    if (f) row.getCell(2).numFmt = f;
    row.getCell(2).alignment = { horizontal: "right" };
  }
  sum.addRow([]);
  const sr = sum.addRow(["综述", neutralizeCell(r.summary)]);
  sr.getCell(1).alignment = { vertical: "top" };
  sr.getCell(2).alignment = { wrapText: true, vertical: "top" };
  sr.height = linesIn(r.summary, sw[1]!) * 16;
  sw.forEach((w, i) => (sum.getColumn(i + 1).width = w));
  printSetup(sum, r, "汇总", sw);

  for (const t of r.tables) {
    const ws = wb.addWorksheet(sheetName(t.title));
    const all = [...t.rows, ...(t.total ? [t.total] : [])];
    const widths = sheetColumnWidths(t.columns, all);
    titleRows(ws, r, s, t.title, widths);
    const h = ws.addRow(t.columns.map(headerText));
    h.font = { bold: true };
    h.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF3F4F6" } };
    h.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
    h.height = Math.max(...t.columns.map((c, i) => headerText(c).split("\n").reduce((n, part) => n + linesIn(part, widths[i]!), 0))) * 15;
    ws.views = [{ state: "frozen", ySplit: HEADER_ROW }];
    const put = (values: Record<string, Cell>, bold = false) => {
      const row = ws.addRow(t.columns.map((c) => xlsxValue(values[c.key])));
      let lines = 1;
      t.columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        const v = values[c.key];
        if (c.kind !== "text") cell.alignment = { horizontal: "right", indent: 1 };
        if (isIdColumn(c)) cell.numFmt = "0";
        else if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) cell.numFmt = DATE_FMT;
        else if (NUM_FMT[c.kind]) cell.numFmt = NUM_FMT[c.kind]!;
        if (typeof v === "string" && textUnits(v) > widths[i]! - 1) {
          cell.alignment = { wrapText: true, vertical: "top" };
          lines = Math.max(lines, linesIn(v, widths[i]!));
        }
      });
      if (lines > 1) row.height = lines * 15;
      if (bold) row.font = { bold: true };
    };
    if (t.rows.length === 0) ws.addRow(["（本月无数据）"]);
    for (const row of t.rows) put(row);
    if (t.total) put(t.total, true);
    if (t.note) {
      ws.addRow([]);
      const n = ws.addRow([`说明：${t.note}`]);
      ws.mergeCells(n.number, 1, n.number, t.columns.length);
      n.font = { italic: true, color: { argb: "FF6B7280" } };
      n.getCell(1).alignment = { wrapText: true, vertical: "top" };
      n.height = linesIn(`说明：${t.note}`, widths.reduce((a, b) => a + b, 0)) * 15;
    }
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    printSetup(ws, r, t.title, widths);
  }
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
