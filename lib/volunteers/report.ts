/**
 * Spreadsheets around the import: the downloadable template, the per-row result report (streamed to
 * a temporary file, then kept in the file store — lib/storage, shared by every node of a cluster —
 * downloadable by the user who ran the import) and the masked export of a search.
 * No ID or phone number is ever written in full: reports and exports carry masked values only, and
 * text the uploader typed is written formula-safe (`neutralizeCell`, as the report exports do).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { neutralizeCell } from "@/lib/reports/rules";
import { IMPORT_COLUMNS, TEMPLATE_COLUMNS } from "./import-rules";
import { SECTOR_ZH } from "./rules";
import { env } from "@/lib/env";
import { fileStore } from "@/lib/storage";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The import template: the header row, one example row, and a sheet of instructions. */
export async function buildTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "创城驾驶舱";
  const ws = wb.addWorksheet("志愿者");
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: "@" } }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(Object.fromEntries(TEMPLATE_COLUMNS.map((c) => [c.key, c.example])));
  ws.views = [{ state: "frozen", ySplit: 1 }];
  const help = wb.addWorksheet("填写说明");
  help.columns = [
    { header: "列", key: "col", width: 28 },
    { header: "是否必填", key: "req", width: 10 },
    { header: "说明", key: "desc", width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  const desc: Record<string, string> = {
    name: "真实姓名，2–30 个汉字或字母",
    idCard: "18 位居民身份证号（最后一位可为 X）。请保持该列为“文本”格式，否则 Excel 会丢失后几位。性别、出生日期由身份证号自动得出",
    phone: "11 位中国大陆手机号",
    community: "12 位社区（村）区划代码，或社区名称；重名社区请写“街道名+社区名”，例如：水集街道小泊子社区",
    volunteerNo: "可选。全国志愿服务信息系统中的志愿者编号；不填则由本系统编号",
    registeredOn: "可选。YYYY-MM-DD；不填为导入当天",
    skills: "可选。多项用顿号、逗号分隔",
    sectors: `可选。多项用顿号分隔，可选：${Object.values(SECTOR_ZH).join("、")}`,
  };
  for (const c of TEMPLATE_COLUMNS) help.addRow({ col: c.header, req: c.required ? "必填" : "选填", desc: desc[c.key] ?? "" });
  help.addRow({});
  help.addRow({ col: "重复导入", desc: "同一身份证号只登记一次：已登记且信息相同的行跳过；信息有变化的行更新；同一文件中重复的行跳过。" });
  help.addRow({ col: "可识别的列名", desc: IMPORT_COLUMNS.map((c) => [c.header, ...c.aliases].join("/")).join("；") });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ------------------------------------------------------------------------------ result reports

export type Outcome = "created" | "updated" | "skipped" | "rejected";
export const OUTCOME_ZH: Record<Outcome, string> = { created: "新增", updated: "更新", skipped: "跳过（重复）", rejected: "未导入" };

export interface ReportEntry {
  row: number;
  name: string;
  idMasked: string;
  outcome: Outcome;
  column: string;
  message: string;
}

const REPORT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEEP_MS = 24 * 3600 * 1000;

/** Where a report is written while the import runs (and kept, with the disk store). */
export function reportDir(): string {
  return env().IMPORT_REPORT_DIR || path.join(os.tmpdir(), "civic-cockpit-import-reports");
}

export interface ReportWriter {
  id: string;
  add(e: ReportEntry): void;
  close(summary: Record<string, number>): Promise<void>;
  abort(): Promise<void>;
}

/** Streams a result report to a temporary .xlsx owned by `userId`; old reports are swept. */
export function createReportWriter(userId: number | null, filename: string): ReportWriter {
  const dir = reportDir();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const store = fileStore();
  void store.sweep("import-reports", KEEP_MS);
  const id = crypto.randomUUID();
  const file = path.join(dir, `${id}.part.xlsx`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet("导入结果");
  ws.columns = [
    { header: "行号", key: "row", width: 8 },
    { header: "姓名", key: "name", width: 12 },
    { header: "身份证号（脱敏）", key: "id", width: 22 },
    { header: "结果", key: "outcome", width: 14 },
    { header: "列", key: "column", width: 14 },
    { header: "原因", key: "message", width: 70 },
  ];
  return {
    id,
    add(e) {
      // What the uploader typed goes back into a workbook: a name like =HYPERLINK(…) must stay text.
      ws.addRow({ row: e.row, name: neutralizeCell(e.name), id: neutralizeCell(e.idMasked), outcome: OUTCOME_ZH[e.outcome], column: neutralizeCell(e.column), message: neutralizeCell(e.message) }).commit();
    },
    async close(summary) {
      ws.commit();
      const s = wb.addWorksheet("汇总");
      s.columns = [
        { header: "项目", key: "k", width: 16 },
        { header: "数量", key: "v", width: 12 },
      ];
      s.addRow({ k: "文件", v: neutralizeCell(filename) }).commit();
      for (const [k, v] of Object.entries(summary)) s.addRow({ k: OUTCOME_ZH[k as Outcome] ?? k, v }).commit();
      s.commit();
      await wb.commit();
      try {
        await store.put("import-reports", `${id}.xlsx`, fs.readFileSync(file), { userId, filename, createdAt: Date.now() });
      } finally {
        fs.rmSync(file, { force: true });
      }
    },
    async abort() {
      try {
        ws.commit();
        await wb.commit();
      } catch {
        // the half-written file is removed below either way
      }
      fs.rmSync(file, { force: true });
    },
  };
}

/** The report for `id` if it exists, is recent and belongs to `userId`. */
export async function findReport(id: string, userId: number): Promise<{ bytes: Buffer; filename: string } | null> {
  if (!REPORT_ID.test(id)) return null;
  const f = await fileStore().get("import-reports", `${id}.xlsx`);
  const meta = f?.meta as { userId?: number; filename?: string; createdAt?: number } | null | undefined;
  if (!f || !meta || meta.userId !== userId || typeof meta.createdAt !== "number" || Date.now() - meta.createdAt > KEEP_MS) return null;
  return { bytes: f.bytes, filename: String(meta.filename ?? "") };
}
