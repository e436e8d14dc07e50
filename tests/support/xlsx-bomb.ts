/**
 * A zip-bomb .xlsx for tests: a real workbook (exceljs writes it, jszip opens it) whose first
 * worksheet is replaced by a huge run of repeated XML — about `inflatedBytes` once inflated, a few
 * MB on disk. The repeated part is deflated once (a full flush makes it a self-contained run of
 * blocks) and repeated, so building a gigabyte bomb takes about a second, not a minute.
 */
import zlib from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";

export interface BombOptions {
  /** Roughly how big the worksheet inflates. */
  inflatedBytes: number;
  /** The XML repeated inside `<sheetData>`: many small rows by default, or e.g. one giant cell's text. */
  unit?: string;
  /** Text before and after the repeated part (inside `<sheetData>`). */
  before?: string;
  after?: string;
  /** What the zip declares the worksheet inflates to (a bomb lies; default 4 KB). */
  declaredBytes?: number;
}

const ROWS = Array.from({ length: 2000 }, () => '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="inlineStr"><is><t>370285199005170013</t></is></c></row>').join("");

export async function xlsxBomb(opts: BombOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("志愿者").addRow(["姓名", "身份证号", "手机号", "所属社区"]);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const entries: Entry[] = [];
  for (const name of Object.keys(zip.files).sort()) {
    const file = zip.files[name]!;
    if (file.dir) continue;
    if (name === "xl/worksheets/sheet1.xml") {
      const unit = Buffer.from(opts.unit ?? ROWS);
      const head = Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>${opts.before ?? ""}`);
      const tail = Buffer.from(`${opts.after ?? ""}</sheetData></worksheet>`);
      const times = Math.max(1, Math.ceil(opts.inflatedBytes / unit.length));
      const full = { finishFlush: zlib.constants.Z_FULL_FLUSH };
      const unitZ = zlib.deflateRawSync(unit, full);
      let crc = zlib.crc32(head);
      for (let i = 0; i < times; i++) crc = zlib.crc32(unit, crc);
      crc = zlib.crc32(tail, crc);
      const data = Buffer.concat([zlib.deflateRawSync(head, full), ...Array.from({ length: times }, () => unitZ), zlib.deflateRawSync(tail)]);
      entries.push({ name, data, crc, size: opts.declaredBytes ?? 4096 });
      continue;
    }
    const raw = await file.async("nodebuffer");
    entries.push({ name, data: zlib.deflateRawSync(raw), crc: zlib.crc32(raw), size: raw.length });
  }
  return zipOf(entries);
}

type Entry = { name: string; data: Buffer; crc: number; size: number };

/** The fields a local header and a central-directory record share (version, UTF-8 flag, deflate, crc, sizes, name length), written at `at`. */
function common(buf: Buffer, at: number, e: Entry, nameLength: number) {
  buf.writeUInt16LE(20, at);
  buf.writeUInt16LE(0x0800, at + 2);
  buf.writeUInt16LE(8, at + 4);
  buf.writeUInt32LE(e.crc >>> 0, at + 10);
  buf.writeUInt32LE(e.data.length, at + 14);
  buf.writeUInt32LE(e.size, at + 18);
  buf.writeUInt16LE(nameLength, at + 22);
}

/** A zip file of already-deflated entries (local headers, central directory, end record). */
function zipOf(entries: Entry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4, e, name.length);
    parts.push(local, name, e.data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    common(cd, 6, e, name.length);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + e.data.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, end]);
}
