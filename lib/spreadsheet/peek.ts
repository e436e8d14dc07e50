/**
 * How many rows an .xlsx holds, cheaply, for an honest progress bar: the first worksheet's
 * `<dimension ref="A1:H100001"/>` (Excel writes it at the top), or else an estimate from the
 * sheet's uncompressed size and the size of the rows in its first bytes. Reads the zip's central
 * directory and inflates only the beginning of the sheet. Returns null when it cannot tell.
 */
import zlib from "node:zlib";
import { entryDataStart, firstWorksheet, type ReadRange, zipEntries } from "./zip";

export async function estimateXlsxRows(size: number, read: ReadRange): Promise<number | null> {
  try {
    const entries = await zipEntries(size, read);
    const sheet = entries && firstWorksheet(entries);
    if (!sheet) return null;
    const dataStart = await entryDataStart(sheet, read);
    if (dataStart === null) return null;
    const raw = Buffer.from(await read(dataStart, dataStart + Math.min(sheet.compressedSize, 262_144)));
    const xml = (sheet.method === 8 ? zlib.inflateRawSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: 16 * 1024 * 1024 }) : raw).toString("utf8");
    const dim = /<dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(xml);
    if (dim?.[1]) return Number(dim[1]);
    // No dimension (streamed writers omit it): rows in the inflated prefix → bytes per row.
    const start = xml.indexOf("<row");
    const rows = xml.match(/<row[\s>]/g)?.length ?? 0;
    if (start < 0 || rows < 3 || !sheet.declaredSize) return null;
    const lastRow = xml.lastIndexOf("<row");
    const perRow = (lastRow - start) / (rows - 1);
    return perRow > 0 ? Math.round((sheet.declaredSize - start) / perRow) : null;
  } catch {
    return null;
  }
}
