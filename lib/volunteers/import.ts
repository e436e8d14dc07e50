/**
 * Bulk import of volunteers from .xlsx or .csv (the national volunteer system's layout). The file
 * is read as a stream (exceljs' WorkbookReader for workbooks, an incremental CSV parser for text),
 * rows are validated one by one and written in chunks, each chunk in its own transaction with its
 * rollup delta and audit entry — memory stays bounded whatever the file size.
 *
 * Per row: created (new ID number), updated (same ID number, in the importer's region, something
 * changed), skipped (same ID number and nothing changed, or the same person twice in the file), or
 * rejected (with row, column and reason). Re-importing a file therefore changes nothing. A file that
 * is not a spreadsheet, is empty or has wrong headers is refused before anything is written.
 */
import { Readable, Transform } from "node:stream";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { type Db, type Queryable, rows } from "@/db/client";
import { audit, writeAudit } from "@/lib/audit/log";
import { today as clockToday } from "@/lib/metrics/clock";
import { addManyToRollup } from "@/lib/metrics/rollup";
import {
  type Cell,
  cellText,
  COLUMN_LABEL,
  type HeaderMap,
  type ImportRow,
  isBlankRow,
  looksLikeUtf8,
  makeCommunityResolver,
  mapHeaders,
  type RegionLite,
  type RowError,
  sniffFile,
  validateImportRow,
  CsvParser,
} from "./import-rules";
import { encryptPii, piiHash } from "./pii";
import { nextVolunteerIds, volunteerNoFor } from "./register";
import { createReportWriter, type Outcome, type ReportEntry, type ReportWriter } from "./report";
import { maskIdCardFull } from "./rules";
import { estimateXlsxRows, type ReadRange } from "./xlsx-peek";
import { pgArrayLiteral } from "@/db/sql-array";
import { canRegisterIn, type ScopeUser } from "@/lib/auth/scope";

export class ImportRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportRefused";
  }
}

export interface ImportSource {
  filename: string;
  size: number;
  /** The first bytes (at least 64 KiB when the file is that long), to tell what the file is. */
  head: Uint8Array;
  open(): Readable;
  /** Random access, for the row estimate of a workbook. */
  read?: ReadRange;
}

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

export interface ImportOptions {
  chunkSize?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Write a downloadable per-row report (default true). */
  report?: boolean;
  /** At most this many errors in the JSON answer (all of them are in the report). */
  maxErrors?: number;
  ip?: string | null;
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

// ------------------------------------------------------------------------------ readers

interface RawRow {
  row: number;
  cells: Cell[];
}

function normalizeXlsxValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string; formula?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join("");
    if (o.result !== undefined) return normalizeXlsxValue(o.result);
    if (o.text !== undefined) return normalizeXlsxValue(o.text);
    if (o.error) return "";
  }
  return String(v);
}

async function* xlsxRows(input: Readable): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" });
  let sheets = 0;
  try {
    for await (const ws of reader) {
      sheets++;
      for await (const row of ws) {
        const values = (row.values as unknown[]) ?? [];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(normalizeXlsxValue(values[i]));
        yield { row: row.number, cells };
      }
      break; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof ImportRefused) throw e;
    throw new ImportRefused(`无法读取 .xlsx 工作簿（文件可能已损坏或不是 Excel 文件）：${(e as Error).message}`);
  } finally {
    input.destroy();
  }
  if (sheets === 0) throw new ImportRefused("文件中没有工作表：请使用导入模板（.xlsx）");
}

async function* csvRows(input: Readable, encoding: string): AsyncGenerator<RawRow> {
  const decoder = new TextDecoder(encoding);
  const parser = new CsvParser();
  let n = 0;
  try {
    for await (const chunk of input) {
      for (const rec of parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }))) yield { row: ++n, cells: rec };
    }
    for (const rec of parser.feed(decoder.decode())) yield { row: ++n, cells: rec };
    for (const rec of parser.end()) yield { row: ++n, cells: rec };
  } finally {
    input.destroy();
  }
}

function counted(input: Readable, onBytes: (n: number) => void): Readable {
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      onBytes(chunk.length);
      cb(null, chunk);
    },
  });
  input.on("error", (e) => t.destroy(e));
  return input.pipe(t);
}

/** Opens the source as a stream of rows, refusing what is not a spreadsheet. */
export function openRows(source: ImportSource, onBytes: (n: number) => void): AsyncGenerator<RawRow> {
  if (source.size === 0) throw new ImportRefused("文件是空的");
  if (source.size > MAX_IMPORT_BYTES) throw new ImportRefused(`文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，请拆分后分批导入`);
  const kind = sniffFile(source.head, source.filename);
  if (kind === "xls") throw new ImportRefused("不支持 Excel 97-2003（.xls）格式：请在 Excel 中另存为 .xlsx 或 .csv 后再导入");
  if (kind === "unknown") throw new ImportRefused("文件不是电子表格：请上传 .xlsx 或 .csv 文件（可下载导入模板）");
  if (kind === "xlsx") return xlsxRows(counted(source.open(), onBytes));
  const encoding = looksLikeUtf8(source.head) ? "utf-8" : "gb18030";
  return csvRows(counted(source.open(), onBytes), encoding);
}

// ------------------------------------------------------------------------------ writing

interface ExistingRow {
  id: number;
  id_card_hash: string;
  name: string;
  phone_hash: string;
  community_code: string;
  volunteer_no: string;
  registered_on: string;
  skills: string[] | string;
  sector_intentions: string[] | string;
  member: boolean;
}

function pgArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  const s = v.replace(/^\{|\}$/g, "");
  return s ? s.split(",").map((x) => x.replace(/^"|"$/g, "")) : [];
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join("\u0001") === [...b].sort().join("\u0001");

interface Pending {
  row: ImportRow;
  hash: string;
}

/** A delta to the new_volunteers rollup. */
interface RegDelta {
  day: string;
  communityCode: string;
  n: number;
}

interface ChunkResult {
  outcomes: Map<number, { outcome: Outcome; column: string; message: string }>;
}

async function writeChunk(
  tx: Queryable,
  user: ScopeUser,
  chunk: Pending[],
  ctx: { day: string; pathOf: (code: string) => string; ip: string | null; filename: string },
): Promise<ChunkResult> {
  const outcomes: ChunkResult["outcomes"] = new Map();
  const hashes = chunk.map((p) => p.hash);
  const orgId = user.role === "org_admin" ? user.organizationId : null;
  const existing = await rows<ExistingRow>(
    tx,
    sql`SELECT v.id, v.id_card_hash, v.name, v.phone_hash, v.community_code, v.volunteer_no, v.registered_on::text AS registered_on,
        v.skills, v.sector_intentions,
        ${orgId ? sql`EXISTS (SELECT 1 FROM memberships m WHERE m.volunteer_id = v.id AND m.organization_id = ${orgId})` : sql`true`} AS member
      FROM volunteers v WHERE v.id_card_hash = ANY(${pgArrayLiteral(hashes)}::text[]) FOR UPDATE`,
  );
  const byHash = new Map(existing.map((e) => [e.id_card_hash, e]));
  const givenNos = chunk.map((p) => p.row.volunteerNo).filter((x): x is string => !!x);
  const noOwners = new Map<string, string>();
  if (givenNos.length > 0) {
    const r = await rows<{ volunteer_no: string; id_card_hash: string }>(tx, sql`SELECT volunteer_no, id_card_hash FROM volunteers WHERE volunteer_no = ANY(${pgArrayLiteral(givenNos)}::text[])`);
    for (const x of r) noOwners.set(x.volunteer_no, x.id_card_hash);
  }

  const inserts: Pending[] = [];
  const updates: { p: Pending; e: ExistingRow; phoneChanged: boolean; addMember: boolean }[] = [];
  const deltas: RegDelta[] = [];
  for (const p of chunk) {
    const r = p.row;
    const e = byHash.get(p.hash);
    if (r.volunteerNo && noOwners.has(r.volunteerNo) && noOwners.get(r.volunteerNo) !== p.hash) {
      outcomes.set(r.row, { outcome: "rejected", column: COLUMN_LABEL.volunteerNo, message: `志愿者编号 ${r.volunteerNo} 已被其他志愿者使用` });
      continue;
    }
    if (e) {
      if (!canRegisterIn(user, e.community_code)) {
        outcomes.set(r.row, { outcome: "rejected", column: COLUMN_LABEL.idCard, message: `该身份证号已在${ctx.pathOf(e.community_code)}注册，不在您的管辖范围内，请联系该社区核实` });
        continue;
      }
      if (!canRegisterIn(user, r.communityCode)) {
        outcomes.set(r.row, { outcome: "rejected", column: COLUMN_LABEL.community, message: "所属社区不在您的管辖范围内" });
        continue;
      }
      const phoneHash = piiHash(r.phone);
      const changed: string[] = [];
      if (e.name !== r.name) changed.push("姓名");
      if (e.phone_hash !== phoneHash) changed.push("手机号");
      if (e.community_code !== r.communityCode) changed.push("所属社区");
      if (r.volunteerNo && r.volunteerNo !== e.volunteer_no) changed.push("志愿者编号");
      if (r.registeredOn && r.registeredOn !== String(e.registered_on).slice(0, 10)) changed.push("注册日期");
      if (r.skills && !sameSet(r.skills, pgArray(e.skills))) changed.push("技能");
      if (r.sectors && !sameSet(r.sectors, pgArray(e.sector_intentions))) changed.push("服务意向");
      const addMember = !!orgId && !(e.member === true || (e.member as unknown) === "t");
      if (addMember) changed.push("加入本组织");
      if (changed.length === 0) {
        outcomes.set(r.row, { outcome: "skipped", column: "", message: "已注册，信息无变化" });
        continue;
      }
      updates.push({ p, e, phoneChanged: e.phone_hash !== phoneHash, addMember });
      outcomes.set(r.row, { outcome: "updated", column: "", message: `已注册，更新：${changed.join("、")}` });
      const oldDay = String(e.registered_on).slice(0, 10);
      const newDay = r.registeredOn ?? oldDay;
      if (oldDay !== newDay || e.community_code !== r.communityCode) {
        deltas.push({ day: oldDay, communityCode: e.community_code, n: -1 }, { day: newDay, communityCode: r.communityCode, n: 1 });
      }
      continue;
    }
    if (!canRegisterIn(user, r.communityCode)) {
      outcomes.set(r.row, { outcome: "rejected", column: COLUMN_LABEL.community, message: "所属社区不在您的管辖范围内" });
      continue;
    }
    inserts.push(p);
    outcomes.set(r.row, { outcome: "created", column: "", message: "" });
  }

  if (inserts.length > 0) {
    const ids = await nextVolunteerIds(tx, inserts.length);
    const nos = inserts.map((p, i) => p.row.volunteerNo ?? volunteerNoFor(ids[i]!));
    // A generated number may already have been taken by an imported one: give that row a suffix.
    const clash = await rows<{ volunteer_no: string }>(tx, sql`SELECT volunteer_no FROM volunteers WHERE volunteer_no = ANY(${pgArrayLiteral(nos)}::text[])`);
    const taken = new Set(clash.map((c) => c.volunteer_no));
    const now = new Date().toISOString();
    const cols = {
      id: ids,
      no: nos.map((n, i) => (taken.has(n) && !inserts[i]!.row.volunteerNo ? `${n}-${ids[i]}` : n)),
      name: inserts.map((p) => p.row.name),
      idEnc: inserts.map((p) => encryptPii(p.row.idCard)),
      idHash: inserts.map((p) => p.hash),
      idPrefix: inserts.map((p) => p.row.idCard.slice(0, 6)),
      idLast4: inserts.map((p) => p.row.idCard.slice(-4)),
      phoneEnc: inserts.map((p) => encryptPii(p.row.phone)),
      phoneHash: inserts.map((p) => piiHash(p.row.phone)),
      phoneLast4: inserts.map((p) => p.row.phone.slice(-4)),
      gender: inserts.map((p) => p.row.gender),
      birth: inserts.map((p) => p.row.birthDate),
      community: inserts.map((p) => p.row.communityCode),
      reg: inserts.map((p) => p.row.registeredOn ?? ctx.day),
      skills: inserts.map((p) => JSON.stringify(p.row.skills ?? [])),
      sectors: inserts.map((p) => JSON.stringify(p.row.sectors ?? [])),
    };
    await tx.execute(sql`
      INSERT INTO volunteers (id, volunteer_no, name, id_card_enc, id_card_hash, id_prefix, id_last4, phone_enc, phone_hash, phone_last4,
        gender, birth_date, community_code, registered_on, skills, sector_intentions, status, created_at, updated_at)
      SELECT u.id, u.no, u.name, u.id_enc, u.id_hash, u.id_prefix, u.id_last4, u.phone_enc, u.phone_hash, u.phone_last4,
        u.gender::gender, u.birth::date, u.community, u.reg::date,
        ARRAY(SELECT jsonb_array_elements_text(u.skills::jsonb)), ARRAY(SELECT jsonb_array_elements_text(u.sectors::jsonb)),
        'active', ${now}::timestamptz, ${now}::timestamptz
      FROM unnest(${pgArrayLiteral(cols.id)}::int[], ${pgArrayLiteral(cols.no)}::text[], ${pgArrayLiteral(cols.name)}::text[], ${pgArrayLiteral(cols.idEnc)}::text[], ${pgArrayLiteral(cols.idHash)}::text[], ${pgArrayLiteral(cols.idPrefix)}::text[],
        ${pgArrayLiteral(cols.idLast4)}::text[], ${pgArrayLiteral(cols.phoneEnc)}::text[], ${pgArrayLiteral(cols.phoneHash)}::text[], ${pgArrayLiteral(cols.phoneLast4)}::text[], ${pgArrayLiteral(cols.gender)}::text[], ${pgArrayLiteral(cols.birth)}::text[],
        ${pgArrayLiteral(cols.community)}::text[], ${pgArrayLiteral(cols.reg)}::text[], ${pgArrayLiteral(cols.skills)}::text[], ${pgArrayLiteral(cols.sectors)}::text[])
        AS u(id, no, name, id_enc, id_hash, id_prefix, id_last4, phone_enc, phone_hash, phone_last4, gender, birth, community, reg, skills, sectors)`);
    await tx.execute(sql`INSERT INTO point_accounts (volunteer_id, balance) SELECT unnest(${pgArrayLiteral(ids)}::int[]), 0 ON CONFLICT DO NOTHING`);
    if (orgId) {
      await tx.execute(sql`INSERT INTO memberships (volunteer_id, organization_id, role, joined_on)
        SELECT u.id, ${orgId}, 'member', u.reg::date FROM unnest(${pgArrayLiteral(ids)}::int[], ${pgArrayLiteral(cols.reg)}::text[]) AS u(id, reg) ON CONFLICT DO NOTHING`);
    }
    inserts.forEach((p, i) => deltas.push({ day: cols.reg[i]!, communityCode: p.row.communityCode, n: 1 }));
  }

  if (updates.length > 0) {
    const u = {
      id: updates.map((x) => x.e.id),
      name: updates.map((x) => x.p.row.name),
      phoneEnc: updates.map((x) => (x.phoneChanged ? encryptPii(x.p.row.phone) : "")),
      phoneHash: updates.map((x) => piiHash(x.p.row.phone)),
      phoneLast4: updates.map((x) => x.p.row.phone.slice(-4)),
      community: updates.map((x) => x.p.row.communityCode),
      no: updates.map((x) => x.p.row.volunteerNo ?? x.e.volunteer_no),
      reg: updates.map((x) => x.p.row.registeredOn ?? String(x.e.registered_on).slice(0, 10)),
      skills: updates.map((x) => (x.p.row.skills ? JSON.stringify(x.p.row.skills) : "")),
      sectors: updates.map((x) => (x.p.row.sectors ? JSON.stringify(x.p.row.sectors) : "")),
    };
    await tx.execute(sql`
      UPDATE volunteers v SET
        name = u.name,
        phone_enc = CASE WHEN u.phone_enc = '' THEN v.phone_enc ELSE u.phone_enc END,
        phone_hash = u.phone_hash, phone_last4 = u.phone_last4,
        community_code = u.community, volunteer_no = u.no, registered_on = u.reg::date,
        skills = CASE WHEN u.skills = '' THEN v.skills ELSE ARRAY(SELECT jsonb_array_elements_text(u.skills::jsonb)) END,
        sector_intentions = CASE WHEN u.sectors = '' THEN v.sector_intentions ELSE ARRAY(SELECT jsonb_array_elements_text(u.sectors::jsonb)) END,
        version = v.version + 1, updated_at = now()
      FROM unnest(${pgArrayLiteral(u.id)}::int[], ${pgArrayLiteral(u.name)}::text[], ${pgArrayLiteral(u.phoneEnc)}::text[], ${pgArrayLiteral(u.phoneHash)}::text[], ${pgArrayLiteral(u.phoneLast4)}::text[], ${pgArrayLiteral(u.community)}::text[],
        ${pgArrayLiteral(u.no)}::text[], ${pgArrayLiteral(u.reg)}::text[], ${pgArrayLiteral(u.skills)}::text[], ${pgArrayLiteral(u.sectors)}::text[])
        AS u(id, name, phone_enc, phone_hash, phone_last4, community, no, reg, skills, sectors)
      WHERE v.id = u.id`);
    const join = updates.filter((x) => x.addMember).map((x) => x.e.id);
    if (orgId && join.length > 0) {
      await tx.execute(sql`INSERT INTO memberships (volunteer_id, organization_id, role, joined_on)
        SELECT unnest(${pgArrayLiteral(join)}::int[]), ${orgId}, 'member', ${ctx.day}::date ON CONFLICT DO NOTHING`);
    }
  }

  await addManyToRollup(tx, "new_volunteers", deltas);
  if (inserts.length + updates.length > 0) {
    await writeAudit(tx, {
      userId: user.id,
      username: user.username,
      role: user.role,
      ip: ctx.ip,
      action: "volunteer.import",
      objectType: "volunteer",
      summary: { file: ctx.filename, rows: [chunk[0]!.row.row, chunk[chunk.length - 1]!.row.row], created: inserts.length, updated: updates.length },
    });
  }
  return { outcomes };
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
 * Imports a file for `user`. Throws ImportRefused (nothing written) for a file that is not a
 * spreadsheet, is empty or has wrong headers; otherwise returns the counts, the first errors and
 * the id of the downloadable report.
 */
export async function importVolunteers(db: Db, user: ScopeUser, source: ImportSource, opts: ImportOptions = {}): Promise<ImportSummary> {
  const chunkSize = opts.chunkSize ?? 1000;
  const maxErrors = opts.maxErrors ?? 1000;
  const day = opts.today ?? clockToday();
  const ip = opts.ip ?? null;
  const regions = await loadRegions(db);
  const byCode = new Map(regions.map((r) => [r.code, r.name]));
  const pathOf = (code: string) => [code.slice(0, 6), code.slice(0, 9), code].map((c) => byCode.get(c)).filter(Boolean).join("");
  const resolveCommunity = makeCommunityResolver(regions);

  let bytes = 0;
  const rowsIter = openRows(source, (n) => (bytes += n));
  const isXlsx = sniffFile(source.head, source.filename) === "xlsx";
  const estimated = isXlsx && source.read ? await estimateXlsxRows(source.size, source.read) : null;
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
      result = await db.transaction((tx) => writeChunk(tx, user, current, { day, pathOf, ip, filename: source.filename }));
    } catch {
      // One bad row (e.g. someone registered the same person a moment ago) must not sink the chunk:
      // retry row by row, each in its own transaction.
      result = { outcomes: new Map() };
      for (const p of current) {
        try {
          const r = await db.transaction((tx) => writeChunk(tx, user, [p], { day, pathOf, ip, filename: source.filename }));
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
        const h = mapHeaders(raw.cells.map(cellText));
        if (!h.ok) throw new ImportRefused(h.message);
        header = h.map;
        if (opts.report !== false) report = createReportWriter(user.id, source.filename);
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
    userId: user.id,
    username: user.username,
    role: user.role,
    ip,
    action: "volunteer.import.finish",
    objectType: "import",
    objectId: report?.id ?? null,
    summary: { file: source.filename, rows: dataRows, ...sum },
  });
  return { ...sum, rows: dataRows, errors, errorsTruncated, reportId: report?.id ?? null };
}

/** An ImportSource for a file on disk (the benchmark, tests). */
export async function fileSource(file: string, filename = file.split(/[\\/]/).pop() ?? file): Promise<ImportSource> {
  const fs = await import("node:fs");
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, "r");
  const head = Buffer.alloc(Math.min(size, 65536));
  fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const read: ReadRange = async (start, end) => {
    const h = await fs.promises.open(file, "r");
    try {
      const buf = Buffer.alloc(Math.max(0, Math.min(end, size) - start));
      await h.read(buf, 0, buf.length, start);
      return buf;
    } finally {
      await h.close();
    }
  };
  return { filename, size, head, open: () => fs.createReadStream(file), read };
}

/** An ImportSource for an uploaded File (multipart form field). */
export async function blobSource(file: Blob, filename: string): Promise<ImportSource> {
  const head = new Uint8Array(await file.slice(0, 65536).arrayBuffer());
  return {
    filename,
    size: file.size,
    head,
    open: () => Readable.fromWeb(file.stream() as unknown as import("node:stream/web").ReadableStream),
    read: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
  };
}
