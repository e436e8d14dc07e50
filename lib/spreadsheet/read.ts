/**
 * Reading a spreadsheet someone uploaded, for every importer: what the file is (from its bytes),
 * and its rows as a stream — exceljs' streaming WorkbookReader for .xlsx (after the inflated size
 * and the row count are checked, see zip.ts), an incremental CSV parser for text — with the row
 * count capped while streaming. Memory stays bounded whatever the file holds.
 */
import fs from "node:fs";
import { Readable, Transform } from "node:stream";
import ExcelJS from "exceljs";
import { type Cell, cellValue } from "./cells";
import { CsvParser, csvEncoding } from "./csv";
import { ImportRefused } from "./errors";
import { checkInflatedLimits, type ReadRange, tooManyRows, UNREADABLE_XLSX } from "./zip";

/** An uploaded or stored file: its size, first bytes (≥ 64 KiB when it is that long), a stream and random access. */
export interface SheetSource {
  filename: string;
  size: number;
  head: Uint8Array;
  open(): Readable;
  read: ReadRange;
}

export interface RawRow {
  /** The row number as the spreadsheet shows it (CSV: the record number). */
  row: number;
  cells: Cell[];
}

export interface ReadLimits {
  /** Rows read at most (blank ones included); more → refused. */
  maxRows: number;
  /** An .xlsx inflated (all its parts) at most; more → refused. */
  maxInflatedBytes: number;
  /** Read this worksheet when the workbook has it, else the first one. */
  sheet?: string;
  /** Called with the compressed/text bytes read, for progress. */
  onBytes?: (n: number) => void;
}

const HEAD = 65_536;

export function bytesSource(bytes: Uint8Array, filename = "upload"): SheetSource {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    filename,
    size: buf.length,
    head: buf.subarray(0, HEAD),
    open: () => Readable.from([buf]),
    read: async (start, end) => buf.subarray(start, Math.min(end, buf.length)),
  };
}

/** An uploaded File (multipart form field). */
export async function blobSource(file: Blob, filename: string): Promise<SheetSource> {
  return {
    filename,
    size: file.size,
    head: new Uint8Array(await file.slice(0, HEAD).arrayBuffer()),
    open: () => Readable.fromWeb(file.stream() as unknown as import("node:stream/web").ReadableStream),
    read: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
  };
}

/** A file on disk (the benchmark, tests). */
export function fileSource(file: string, filename = file.split(/[\\/]/).pop() ?? file): SheetSource {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, "r");
  const head = Buffer.alloc(Math.min(size, HEAD));
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

function counted(input: Readable, onBytes?: (n: number) => void): Readable {
  if (!onBytes) return input;
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      onBytes(chunk.length);
      cb(null, chunk);
    },
  });
  input.on("error", (e) => t.destroy(e));
  return input.pipe(t);
}

/** The sheet number (`sheetN.xml`) a workbook calls `name`, once the reader has its workbook part. */
function sheetNumberOf(reader: unknown, name: string): number | null {
  const r = reader as { model?: { sheets?: { name: string; rId: string }[] }; workbookRels?: { Id: string; Target: string }[] };
  const sheet = r.model?.sheets?.find((s) => s.name === name);
  const target = sheet && r.workbookRels?.find((x) => x.Id === sheet.rId)?.Target;
  const m = target ? /sheet(\d+)\.xml$/.exec(target) : null;
  return m ? Number(m[1]) : null;
}

async function* xlsxRows(source: SheetSource, limits: ReadLimits): AsyncGenerator<RawRow> {
  await checkInflatedLimits(source.size, source.read, limits);
  const input = counted(source.open(), limits.onBytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" });
  let sheets = 0;
  let wanted: number | null | undefined;
  try {
    for await (const ws of reader) {
      sheets++;
      if (wanted === undefined) wanted = limits.sheet ? sheetNumberOf(reader, limits.sheet) : null;
      const id = (ws as unknown as { id: number }).id;
      if (wanted !== null && id !== wanted) {
        for await (const _row of ws) void _row; // not the sheet asked for: passed over
        continue;
      }
      let n = 0;
      for await (const row of ws) {
        if (++n > limits.maxRows) throw new ImportRefused(tooManyRows(limits.maxRows));
        const values = (row.values as unknown[]) ?? [];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
        yield { row: row.number, cells };
      }
      break; // one worksheet only
    }
  } catch (e) {
    if (e instanceof ImportRefused) throw e;
    throw new ImportRefused(`${UNREADABLE_XLSX}（${(e as Error).message.slice(0, 120)}）`);
  } finally {
    input.destroy();
  }
  if (sheets === 0) throw new ImportRefused("文件中没有工作表：请使用导入模板（.xlsx）");
}

async function* csvRows(source: SheetSource, limits: ReadLimits): AsyncGenerator<RawRow> {
  const input = counted(source.open(), limits.onBytes);
  const decoder = new TextDecoder(csvEncoding(source.head));
  const parser = new CsvParser();
  let n = 0;
  const next = (rec: string[]): RawRow => {
    if (++n > limits.maxRows) throw new ImportRefused(tooManyRows(limits.maxRows));
    return { row: n, cells: rec };
  };
  try {
    for await (const chunk of input) {
      for (const rec of parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }))) yield next(rec);
    }
    for (const rec of parser.feed(decoder.decode())) yield next(rec);
    for (const rec of parser.end()) yield next(rec);
  } finally {
    input.destroy();
  }
}

/**
 * The rows of a spreadsheet of `kind` ("xlsx" or "csv", from `sniffSpreadsheet`), streamed. Throws
 * `ImportRefused` for an unreadable workbook, one that inflates past the limit, or more rows than
 * allowed — before the first row when the workbook itself is the problem.
 */
export function readRows(source: SheetSource, kind: "xlsx" | "csv", limits: ReadLimits): AsyncGenerator<RawRow> {
  return kind === "xlsx" ? xlsxRows(source, limits) : csvRows(source, limits);
}
