/**
 * The task list and the overdue list as Excel workbooks that print: A4 landscape, fitted to one page
 * wide, the column header row repeated on every page; dates are real dates; text a spreadsheet
 * would run as a formula is neutralised (the report exports' `neutralizeCell`). The rows are the
 * list's own query (`listTasks`, the scope in its WHERE), so the file matches what the page shows.
 */
import "server-only";
import ExcelJS from "exceljs";
import type { Queryable } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { neutralizeCell } from "@/lib/reports/rules";
import { listTasks, type TaskRow } from "./queries";
import { STATUS_LABELS, TYPE_LABELS } from "./rules";
import type { TaskFilters } from "./schema";

/** More rows than any one scope holds; past it the sheet says the file is cut short. */
export const EXPORT_MAX_ROWS = 20_000;
export const EXPORT_KINDS = ["list", "overdue"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const HEADER_ROW = 4;

interface Col {
  header: string;
  width: number;
  value: (r: TaskRow) => string | number | Date | null;
  numFmt?: string;
}

/** A calendar day as the date Excel shows (its serial has no time zone). */
function day(iso: string): Date {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

/** An instant as China wall-clock time in Excel. */
function cst(iso: string | null): Date | null {
  if (!iso) return null;
  return new Date(new Date(iso).getTime() + 8 * 3_600_000);
}

const COLUMNS: Col[] = [
  { header: "任务编号", width: 10, value: (r) => r.id, numFmt: "0" },
  { header: "问题编号", width: 18, value: (r) => neutralizeCell(r.problemKey) },
  { header: "问题类型", width: 12, value: (r) => TYPE_LABELS[r.type] },
  { header: "点位名称", width: 26, value: (r) => neutralizeCell(r.pointName) },
  { header: "地址", width: 28, value: (r) => neutralizeCell(r.address) },
  { header: "问题描述", width: 40, value: (r) => neutralizeCell(r.description) },
  { header: "责任街道", width: 14, value: (r) => r.streetName },
  { header: "社区（村）", width: 16, value: (r) => r.communityName },
  { header: "责任单位", width: 18, value: (r) => neutralizeCell(r.responsibleUnit) },
  { header: "状态", width: 9, value: (r) => STATUS_LABELS[r.status] },
  { header: "整改期限", width: 12, value: (r) => day(r.deadline), numFmt: "yyyy-mm-dd" },
  { header: "超期天数", width: 9, value: (r) => (r.urgency.overdue ? r.urgency.daysOverdue : null), numFmt: "0" },
  { header: "督办", width: 7, value: (r) => (r.urgency.escalated ? "督办" : "") },
  { header: "登记时间", width: 17, value: (r) => cst(r.reportedAt), numFmt: "yyyy-mm-dd hh:mm" },
  { header: "销号时间", width: 17, value: (r) => cst(r.closedAt), numFmt: "yyyy-mm-dd hh:mm" },
];

/** The filters each kind exports: the list as filtered; the overdue list keeps street and type only. */
export function exportFilters(kind: ExportKind, f: Partial<TaskFilters>): Partial<TaskFilters> {
  const base = { ...f, page: 1, pageSize: EXPORT_MAX_ROWS };
  if (kind === "list") return base;
  return { street: f.street, type: f.type, overdue: f.overdue === "escalated" ? "escalated" : "1", page: 1, pageSize: EXPORT_MAX_ROWS };
}

/** The filters in words, for the sheet's second line ("状态：整改中；超期：仅超期"). */
export function filterSummary(f: Partial<TaskFilters>, streetName?: string): string {
  const parts: string[] = [];
  if (f.status) parts.push(`状态：${f.status === "open" ? "未销号" : STATUS_LABELS[f.status]}`);
  if (f.type) parts.push(`类型：${TYPE_LABELS[f.type]}`);
  if (f.street) parts.push(`街道：${streetName ?? f.street}`);
  if (f.overdue) parts.push(`超期：${{ "1": "仅超期", "0": "未超期", escalated: "仅督办" }[f.overdue]}`);
  if (f.dueFrom || f.dueTo) parts.push(`期限：${f.dueFrom ?? "…"} 至 ${f.dueTo ?? "…"}`);
  if (f.q) parts.push(`搜索：${f.q}`);
  return parts.join("；");
}

export function exportFileName(kind: ExportKind, scopeName: string, today: string): string {
  const clean = scopeName.replace(/[\\/:*?"<>|\s]+/g, "");
  return `${clean}_${kind === "overdue" ? "超期整改任务清单" : "整改任务清单"}_${today}.xlsx`;
}

/** One workbook with one sheet: title, scope + as-of + filters, the count, then the table. */
export async function exportTasksXlsx(
  db: Queryable,
  actor: Actor & { scopeName?: string },
  { kind, filters }: { kind: ExportKind; filters: Partial<TaskFilters> },
): Promise<{ buffer: Buffer; fileName: string; rows: number; total: number }> {
  const f = exportFilters(kind, filters);
  const list = await listTasks(db, actor, f);
  const filterLabel = filterSummary(f, f.street ? list.items.find((r) => r.streetCode === f.street)?.streetName : undefined);
  const title = kind === "overdue" ? "超期整改任务清单" : "整改任务清单";
  const scope = actor.scopeName ?? actor.scopeCode;
  const wb = new ExcelJS.Workbook();
  wb.creator = "Civic Cockpit 创城驾驶舱";
  wb.created = new Date();
  const ws = wb.addWorksheet(title, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: `&C第 &P 页 共 &N 页` },
    views: [{ state: "frozen", ySplit: HEADER_ROW }],
  });
  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
  ws.addRow([`${scope}${title}`]).font = { bold: true, size: 14 };
  ws.addRow([neutralizeCell(`范围：${scope}（${actor.scopeCode}）  统计日：${list.today}  筛选：${filterLabel || "无"}`)]).font = { color: { argb: "FF4B5563" } };
  const cut = list.total > list.items.length;
  ws.addRow([cut ? `共 ${list.total} 项，本文件含前 ${list.items.length} 项，请缩小筛选范围分批导出` : `共 ${list.total} 项`]);
  for (let i = 1; i < HEADER_ROW; i++) ws.mergeCells(i, 1, i, COLUMNS.length);
  const hr = ws.addRow(COLUMNS.map((c) => c.header));
  hr.font = { bold: true };
  hr.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  hr.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF3F4F6" } };
    cell.border = { bottom: { style: "thin", color: { argb: "FF9CA3AF" } } };
  });
  COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.numFmt) col.numFmt = c.numFmt;
  });
  for (const r of list.items) {
    const row = ws.addRow(COLUMNS.map((c) => c.value(r)));
    row.alignment = { vertical: "top", wrapText: true };
  }
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: COLUMNS.length } };
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, fileName: exportFileName(kind, scope, list.today), rows: list.items.length, total: list.total };
}
