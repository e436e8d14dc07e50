/**
 * The one spreadsheet-reading module for every importer (volunteers, problem lists): sniffing,
 * streamed rows with limits (zip bombs refused), CSV, cells and header rows. Writing formula-safe
 * cells lives with the report exports (`neutralizeCell` in lib/reports/rules.ts).
 */
export { type Cell, cellText, cellValue, type HeaderColumn, type HeaderMatch, isBlankRow, mapHeaders, normHeader } from "./cells";
export { CsvParser, csvEncoding, looksLikeUtf8, parseCsv } from "./csv";
export { ImportRefused } from "./errors";
export { estimateXlsxRows } from "./peek";
export { blobSource, bytesSource, fileSource, type RawRow, readRows, type ReadLimits, type SheetSource } from "./read";
export { type FileKind, sniffSpreadsheet } from "./sniff";
export { checkInflatedLimits, type ReadRange } from "./zip";
