/**
 * Cells and header rows, whatever the file: a cell as the readers hand it over, its text, blank
 * rows, and recognising a template's columns in a header row (whitespace, required-marks and
 * full-width brackets ignored; a trailing "(说明)" may be left off).
 */

/** A cell value as the readers hand it over. */
export type Cell = string | number | boolean | Date | null | undefined;

/** An exceljs cell value (rich text, formula result, hyperlink, error) as a plain cell. */
export function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join("");
    if (o.result !== undefined) return cellValue(o.result);
    if (o.text !== undefined) return cellValue(o.text);
    if (o.error) return "";
    return "";
  }
  return String(v);
}

/** Cell → trimmed text (no-break spaces as spaces). Dates as YYYY-MM-DD; numbers keep their digits. */
export function cellText(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v).replace(/\u00a0/g, " ").trim();
}

/** True when every cell of a row is empty (such rows are passed over silently). */
export function isBlankRow(cells: readonly Cell[]): boolean {
  return cells.every((c) => cellText(c) === "");
}

export interface HeaderColumn<K extends string> {
  key: K;
  header: string;
  required: boolean;
  aliases: readonly string[];
}

/** A header as compared: no BOM, spaces, `*`, `?` or `:`; brackets half-width; "（必填）/（选填）" dropped. */
export function normHeader(s: string): string {
  return s
    .replace(/^\uFEFF/, "")
    .replace(/[\s\u3000*＊?？:：]/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .replace(/\((必填|选填)\)/g, "");
}

export interface HeaderMatch<K extends string> {
  /** Column key → index in the row. */
  index: Partial<Record<K, number>>;
  /** Required columns not found. */
  missing: HeaderColumn<K>[];
  /** Columns found more than once, with how often. */
  duplicates: { column: HeaderColumn<K>; count: number }[];
}

/** Which template column each header cell is (by header or alias, with or without a trailing "(…)"). */
export function mapHeaders<K extends string>(cells: readonly string[], columns: readonly HeaderColumn<K>[]): HeaderMatch<K> {
  const index: Partial<Record<K, number>> = {};
  const counts = new Map<K, number>();
  cells.forEach((raw, i) => {
    const h = normHeader(raw ?? "");
    if (!h) return;
    const bare = h.replace(/\(.*\)$/, "");
    const col = columns.find((c) => [c.header, ...c.aliases].some((a) => normHeader(a) === h || normHeader(a) === bare));
    if (!col) return;
    counts.set(col.key, (counts.get(col.key) ?? 0) + 1);
    if (index[col.key] === undefined) index[col.key] = i;
  });
  return {
    index,
    missing: columns.filter((c) => c.required && index[c.key] === undefined),
    duplicates: columns.filter((c) => (counts.get(c.key) ?? 0) > 1).map((column) => ({ column, count: counts.get(column.key)! })),
  };
}
