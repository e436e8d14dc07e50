/**
 * What an .xlsx (a zip) holds, read from its central directory with random access — without
 * trusting what it declares: `checkInflatedLimits` inflates every entry as a stream, counting the
 * bytes (and a worksheet's rows) as they come, and stops at the first limit. A zip bomb (a small
 * file that inflates to a gigabyte) is refused after the limit's worth of work, within seconds.
 */
import zlib from "node:zlib";
import { ImportRefused } from "./errors";

/** Bytes [start, end) of the file. */
export type ReadRange = (start: number, end: number) => Promise<Uint8Array>;

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  compressedSize: number;
  /** As declared — a bomb may lie, so never trust it for limits. */
  declaredSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of a zip from its central directory, or null when the file is not a (readable) zip. */
export async function zipEntries(size: number, read: ReadRange): Promise<ZipEntry[] | null> {
  const tailStart = Math.max(0, size - 65_557);
  const tail = Buffer.from(await read(tailStart, size));
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  // ZIP64 (sizes of 0xFFFFFFFF) is for files of gigabytes: no spreadsheet we accept needs it.
  if (cdOffset === 0xffffffff || cdOffset + cdSize > size) return null;
  const cd = Buffer.from(await read(cdOffset, cdOffset + cdSize));
  const out: ZipEntry[] = [];
  for (let p = 0; p + 46 <= cd.length && cd.readUInt32LE(p) === CENTRAL; ) {
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    out.push({
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      declaredSize: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
      name: cd.subarray(p + 46, p + 46 + nameLen).toString("utf8"),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Where an entry's data starts (after its local header), or null when the header is not there. */
export async function entryDataStart(e: ZipEntry, read: ReadRange): Promise<number | null> {
  const lh = Buffer.from(await read(e.localHeaderOffset, e.localHeaderOffset + 30));
  if (lh.length < 30 || lh.readUInt32LE(0) !== LOCAL) return null;
  return e.localHeaderOffset + 30 + lh.readUInt16LE(26) + lh.readUInt16LE(28);
}

/** The first worksheet (`xl/worksheets/sheetN.xml` with the smallest N). */
export function firstWorksheet(entries: ZipEntry[]): ZipEntry | null {
  let best: { e: ZipEntry; n: number } | null = null;
  for (const e of entries) {
    const m = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(e.name);
    if (m && (!best || Number(m[1]) < best.n)) best = { e, n: Number(m[1]) };
  }
  return best?.e ?? null;
}

export interface InflateLimits {
  /** All entries together, inflated. */
  maxInflatedBytes: number;
  /** `<row` elements in any one worksheet. */
  maxRows: number;
}

const CHUNK = 1024 * 1024;
const ROW_TAGS = /<(?:\w+:)?row[\s>]/g;
const ROW_TAG = /^<(?:\w+:)?row[\s>]/;
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

export const inflatedTooLarge = (limit: number) => `文件解压后超过 ${mb(limit)}（可能是损坏或恶意构造的文件），已拒绝导入，未写入任何数据；请检查文件，或拆分后分批导入`;
export const tooManyRows = (limit: number) => `文件超过 ${limit.toLocaleString("en-US")} 行，已拒绝导入，未写入任何数据；请拆分后分批导入`;
export const UNREADABLE_XLSX = "无法读取 .xlsx 工作簿：文件已损坏或不是 Excel 文件";

/**
 * Inflates every entry as a stream and throws `ImportRefused` as soon as the inflated total passes
 * `maxInflatedBytes` or a worksheet passes `maxRows` rows — what is declared in the zip is not
 * trusted. Costs one inflate pass (about a second for a few hundred MB); nothing is kept in memory.
 */
export async function checkInflatedLimits(size: number, read: ReadRange, limits: InflateLimits): Promise<void> {
  const entries = await zipEntries(size, read);
  if (!entries) throw new ImportRefused(UNREADABLE_XLSX);
  const declared = entries.reduce((s, e) => s + e.declaredSize, 0);
  if (declared > limits.maxInflatedBytes) throw new ImportRefused(inflatedTooLarge(limits.maxInflatedBytes));
  let total = 0;
  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8) throw new ImportRefused(UNREADABLE_XLSX);
    const start = await entryDataStart(e, read);
    if (start === null || start + e.compressedSize > size) throw new ImportRefused(UNREADABLE_XLSX);
    const isSheet = /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name);
    let rows = 0;
    let carry = "";
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limits.maxInflatedBytes) throw new ImportRefused(inflatedTooLarge(limits.maxInflatedBytes));
      if (!isSheet) return;
      // Count `<row` / `<x:row` openings; keep a short tail so a tag split across chunks counts once.
      const text = carry + chunk.toString("latin1");
      rows += text.match(ROW_TAGS)?.length ?? 0;
      const lt = text.lastIndexOf("<");
      carry = lt >= 0 && text.length - lt < 12 && !ROW_TAG.test(text.slice(lt)) ? text.slice(lt) : "";
      if (rows > limits.maxRows) throw new ImportRefused(tooManyRows(limits.maxRows));
    };
    if (e.method === 0) {
      for (let at = start; at < start + e.compressedSize; at += CHUNK) onData(Buffer.from(await read(at, Math.min(at + CHUNK, start + e.compressedSize))));
      continue;
    }
    await inflateRange(read, start, e.compressedSize, onData);
  }
}

async function inflateRange(read: ReadRange, start: number, length: number, onData: (chunk: Buffer) => void): Promise<void> {
  const inflater = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
  let failure: unknown = null;
  const done = new Promise<void>((resolve) => {
    inflater.on("data", (c: Buffer) => {
      if (failure) return;
      try {
        onData(c);
      } catch (e) {
        failure = e;
        inflater.destroy();
        resolve();
      }
    });
    inflater.on("error", (e) => {
      failure ??= e;
      resolve();
    });
    inflater.on("close", () => resolve());
    inflater.on("end", () => resolve());
  });
  for (let at = start; at < start + length && !failure; at += CHUNK) {
    const piece = Buffer.from(await read(at, Math.min(at + CHUNK, start + length)));
    if (!inflater.write(piece)) await Promise.race([new Promise<void>((r) => inflater.once("drain", () => r())), done]);
  }
  if (!failure && !inflater.destroyed) inflater.end();
  await done;
  if (failure instanceof ImportRefused) throw failure;
  if (failure) throw new ImportRefused(UNREADABLE_XLSX);
}
