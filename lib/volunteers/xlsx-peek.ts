/**
 * How many rows an .xlsx holds, cheaply, for an honest progress bar: the first worksheet's
 * `<dimension ref="A1:H100001"/>` (Excel writes it at the top), or else an estimate from the
 * sheet's uncompressed size and the size of the rows in its first bytes. Reads the zip's central
 * directory and inflates only the beginning of the sheet. Returns null when it cannot tell.
 */
import zlib from "node:zlib";

export type ReadRange = (start: number, end: number) => Promise<Uint8Array>;

export async function estimateXlsxRows(size: number, read: ReadRange): Promise<number | null> {
  try {
    const tailStart = Math.max(0, size - 65_557);
    const tail = Buffer.from(await read(tailStart, size));
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset + cdSize > size) return null;
    const cd = Buffer.from(await read(cdOffset, cdOffset + cdSize));
    let sheet: { method: number; csize: number; usize: number; offset: number; n: number } | null = null;
    for (let p = 0; p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50; ) {
      const method = cd.readUInt16LE(p + 10);
      const csize = cd.readUInt32LE(p + 20);
      const usize = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const offset = cd.readUInt32LE(p + 42);
      const name = cd.subarray(p + 46, p + 46 + nameLen).toString("utf8");
      const m = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name);
      if (m && (!sheet || Number(m[1]) < sheet.n)) sheet = { method, csize, usize, offset, n: Number(m[1]) };
      p += 46 + nameLen + extraLen + commentLen;
    }
    if (!sheet) return null;
    const lh = Buffer.from(await read(sheet.offset, sheet.offset + 30));
    if (lh.readUInt32LE(0) !== 0x04034b50) return null;
    const dataStart = sheet.offset + 30 + lh.readUInt16LE(26) + lh.readUInt16LE(28);
    const raw = Buffer.from(await read(dataStart, dataStart + Math.min(sheet.csize, 262_144)));
    const xml = (sheet.method === 8 ? zlib.inflateRawSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH }) : raw).toString("utf8");
    const dim = /<dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(xml);
    if (dim?.[1]) return Number(dim[1]);
    // No dimension (streamed writers omit it): rows in the inflated prefix → bytes per row.
    const start = xml.indexOf("<row");
    const rows = xml.match(/<row[\s>]/g)?.length ?? 0;
    if (start < 0 || rows < 3 || !sheet.usize) return null;
    const lastRow = xml.lastIndexOf("<row");
    const perRow = (lastRow - start) / (rows - 1);
    return perRow > 0 ? Math.round((sheet.usize - start) / perRow) : null;
  } catch {
    return null;
  }
}
