export type FileKind = "xlsx" | "csv" | "xls" | "unknown";

/** What a file is, from its first bytes (never from its name alone): .xlsx (a zip), old .xls (OLE), CSV text, or something else. */
export function sniffSpreadsheet(head: Uint8Array, filename = ""): FileKind {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "xlsx";
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return "xls";
  if (head.length === 0) return "unknown";
  // Text: no NUL bytes and no other control characters than tab/CR/LF (and ESC) in the first bytes.
  for (const b of head) if (b === 0 || b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) return "unknown";
  if (/\.(xlsx|xlsm)$/i.test(filename)) return "unknown"; // a text file pretending to be a workbook
  return "csv";
}
