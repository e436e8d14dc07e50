/**
 * Bulk import of volunteers from .xlsx or .csv (the national volunteer system's layout). The file
 * is read as a stream by lib/spreadsheet (a workbook's inflated size and row count capped first, so
 * a zip bomb is refused in seconds), rows are validated one by one and written in chunks
 * (import-write.ts), each chunk in its own transaction with its rollup delta and audit entry —
 * memory stays bounded whatever the file size.
 *
 * Per row: created (new ID number), updated (same ID number, in the importer's region, something
 * changed), skipped (same ID number and nothing changed, or the same person twice in the file), or
 * rejected (with row, column and reason). Re-importing a file therefore changes nothing. A file that
 * is not a spreadsheet, is empty or has wrong headers is refused before anything is written.
 */
import { sql } from "drizzle-orm";
import { type Db, type Queryable, rows } from "@/db/client";
import { audit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { today as clockToday } from "@/lib/metrics/clock";
import { cellText, estimateXlsxRows, ImportRefused, isBlankRow, readRows, type SheetSource, sniffSpreadsheet } from "@/lib/spreadsheet";
import { COLUMN_LABEL, type HeaderMap, makeCommunityResolver, mapVolunteerHeaders, type RegionLite, type RowError, validateImportRow } from "./import-rules";
import { type ChunkResult, type Pending, writeChunk } from "./import-write";
import { piiHash } from "./pii";
import { createReportWriter, type ReportEntry, type ReportWriter } from "./report";
import { maskIdCardFull } from "./rules";

export interface ImportProgress {
  rows: number;
  bytes: number;
  size: number;
  /** 0–1 when it can be told honestly (CSV: bytes read; workbook: rows of the estimated total), else null. */
  fraction: number | null;
  /** Estimated data rows of a workbook (from its dimension or its size), null for CSV or unknown. */
  estimatedRows: number | null;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
}

export interface ImportInput {
  source: SheetSource;
  chunkSize?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Write a downloadable per-row report (default true). */
  report?: boolean;
  /** At most this many errors in the JSON answer (all of them are in the report). */
  maxErrors?: number;
  today?: string;
}

export interface ImportSummary {
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  rows: number;
  errors: RowError[];
  errorsTruncated: boolean;
  reportId: string | null;
}

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Rows of one file, header included (the benchmark's 100,000 rows is a 6.4 MB file; 64 MB hold about a million). */
export const MAX_IMPORT_ROWS = 1_000_000;
/** An .xlsx inflated: a million rows of the template are about 300 MB of XML. */
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;

/** Opens the source as a stream of rows, refusing what is not a spreadsheet (nothing written). */
function openRows(source: SheetSource, onBytes: (n: number) => void) {
  if (source.size === 0) throw new ImportRefused("文件是空的");
  if (source.size > MAX_IMPORT_BYTES) throw new ImportRefused(`文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，请拆分后分批导入`);
  const kind = sniffSpreadsheet(source.head, source.filename);
  if (kind === "xls") throw new ImportRefused("不支持 Excel 97-2003（.xls）格式：请在 Excel 中另存为 .xlsx 或 .csv 后再导入");
  if (kind === "unknown") throw new ImportRefused("文件不是电子表格：请上传 .xlsx 或 .csv 文件（可下载导入模板）");
  return { kind, rows: readRows(source, kind, { maxRows: MAX_IMPORT_ROWS, maxInflatedBytes: MAX_INFLATED_BYTES, onBytes }) };
}

function maskRawId(raw: string): string {
  const s = raw.replace(/\s/g, "");
  if (/^\d{17}[\dXx]$/.test(s)) return maskIdCardFull(s.toUpperCase());
  if (s.length >= 10) return `${s.slice(0, 3)}***${s.slice(-2)}`;
  return s ? "***" : "";
}

/** Region names for messages and the community resolver, loaded once per import (~2,300 rows). */
export async function loadRegions(db: Queryable): Promise<RegionLite[]> {
  const r = await rows<{ code: string; name: string; level: RegionLite["level"]; parent_code: string | null }>(db, sql`SELECT code, name, level::text AS level, parent_code FROM regions`);
  return r.map((x) => ({ code: x.code, name: x.name, level: x.level, parentCode: x.parent_code }));
}

/**
 * Imports a file for `actor` (into their region; an org admin's people join their organization).
 * Throws ImportRefused (nothing written) for a file that is not a spreadsheet, is empty, has wrong
 * headers, inflates past the limit or has too many rows; otherwise returns the counts, the first
 * errors and the id of the downloadable report.
 */
export async function importVolunteers(db: Db, actor: Actor, input: ImportInput): Promise<ImportSummary> {
  const { source, ...opts } = input;
  const chunkSize = opts.chunkSize ?? 1000;
  const maxErrors = opts.maxErrors ?? 1000;
  const day = opts.today ?? clockToday();
  const ip = actor.ip ?? null;
  const regions = await loadRegions(db);
  const byCode = new Map(regions.map((r) => [r.code, r.name]));
  const pathOf = (code: string) => [code.slice(0, 6), code.slice(0, 9), code].map((c) => byCode.get(c)).filter(Boolean).join("");
  const resolveCommunity = makeCommunityResolver(regions);

  let bytes = 0;
  const opened = openRows(source, (n) => (bytes += n));
  const rowsIter = opened.rows;
  const isXlsx = opened.kind === "xlsx";
  const estimated = isXlsx ? await estimateXlsxRows(source.size, source.read) : null;
  const estimatedRows = estimated === null ? null : Math.max(1, estimated - 1); // minus the header row
  const sum = { created: 0, updated: 0, skipped: 0, rejected: 0 };
  const errors: RowError[] = [];
  let errorsTruncated = false;
  let dataRows = 0;
  let header: HeaderMap | null = null;
  const seen = new Map<string, number>(); // ID hash → first row in this file
  let report: ReportWriter | null = null;
  let pendingReport: ReportEntry[] = [];
  let chunk: Pending[] = [];

  const fraction = () => (isXlsx ? (estimatedRows ? Math.min(0.99, dataRows / estimatedRows) : null) : Math.min(0.99, bytes / Math.max(1, source.size)));
  const progress = () => opts.onProgress?.({ rows: dataRows, bytes, size: source.size, fraction: fraction(), estimatedRows, ...sum });
  const record = (e: ReportEntry, rowErrors?: RowError[]) => {
    sum[e.outcome]++;
    const errs = rowErrors ?? (e.outcome === "rejected" || (e.outcome === "skipped" && e.column) ? [{ row: e.row, column: e.column, message: e.message }] : []);
    for (const x of errs) {
      if (errors.length < maxErrors) errors.push(x);
      else errorsTruncated = true;
    }
    pendingReport.push(e);
  };
  const flushReport = () => {
    pendingReport.sort((a, b) => a.row - b.row);
    if (report) for (const e of pendingReport) report.add(e);
    pendingReport = [];
  };
  const flush = async () => {
    if (chunk.length === 0) {
      flushReport();
      return;
    }
    const current = chunk;
    chunk = [];
    let result: ChunkResult;
    try {
      result = await db.transaction((tx) => writeChunk(tx, actor, current, { day, pathOf, ip, filename: source.filename }));
    } catch {
      // One bad row (e.g. someone registered the same person a moment ago) must not sink the chunk:
      // retry row by row, each in its own transaction.
      result = { outcomes: new Map() };
      for (const p of current) {
        try {
          const r = await db.transaction((tx) => writeChunk(tx, actor, [p], { day, pathOf, ip, filename: source.filename }));
          for (const [k, v] of r.outcomes) result.outcomes.set(k, v);
        } catch (e) {
          result.outcomes.set(p.row.row, { outcome: "rejected", column: "", message: `写入失败：${(e as Error).message.slice(0, 200)}` });
        }
      }
    }
    for (const p of current) {
      const o = result.outcomes.get(p.row.row)!;
      record({ row: p.row.row, name: p.row.name, idMasked: maskIdCardFull(p.row.idCard), outcome: o.outcome, column: o.column, message: o.message });
    }
    flushReport();
    progress();
  };

  try {
    for await (const raw of rowsIter) {
      if (!header) {
        if (isBlankRow(raw.cells)) continue;
        const h = mapVolunteerHeaders(raw.cells.map(cellText));
        if (!h.ok) throw new ImportRefused(h.message);
        header = h.map;
        if (opts.report !== false) report = createReportWriter(actor.id, source.filename);
        continue;
      }
      if (isBlankRow(raw.cells)) continue;
      dataRows++;
      const v = validateImportRow(raw.row, raw.cells, header, { resolveCommunity, today: day });
      const nameCell = header.name === undefined ? "" : cellText(raw.cells[header.name]);
      const idCell = header.idCard === undefined ? "" : cellText(raw.cells[header.idCard]);
      if (!v.ok) {
        record(
          { row: raw.row, name: nameCell, idMasked: maskRawId(idCell), outcome: "rejected", column: v.errors.map((e) => e.column).join("、"), message: v.errors.map((e) => `${e.column}：${e.message}`).join("；") },
          v.errors,
        );
        if (pendingReport.length > 5000) await flush();
        continue;
      }
      const hash = piiHash(v.data.idCard);
      const first = seen.get(hash);
      if (first !== undefined) {
        record({ row: raw.row, name: v.data.name, idMasked: maskIdCardFull(v.data.idCard), outcome: "skipped", column: COLUMN_LABEL.idCard, message: `与第 ${first} 行身份证号相同，重复行已跳过` });
        continue;
      }
      seen.set(hash, raw.row);
      chunk.push({ row: v.data, hash });
      if (chunk.length >= chunkSize) await flush();
      else if (dataRows % 500 === 0) progress();
    }
    if (!header) throw new ImportRefused("文件是空的：没有表头，也没有数据行");
    if (dataRows === 0) throw new ImportRefused("文件中只有表头，没有数据行");
    await flush();
  } catch (e) {
    await report?.abort();
    throw e;
  }
  progress();
  await report?.close({ ...sum, rows: dataRows });
  await audit(db, {
    userId: actor.id,
    username: actor.username,
    role: actor.role,
    ip,
    action: "volunteer.import.finish",
    objectType: "import",
    objectId: report?.id ?? null,
    summary: { file: source.filename, rows: dataRows, ...sum },
  });
  return { ...sum, rows: dataRows, errors, errorsTruncated, reportId: report?.id ?? null };
}
