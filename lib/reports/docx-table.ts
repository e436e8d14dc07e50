/**
 * Tables of the Word 月报: columns sized to their content (names and numbers never wrap; long
 * descriptions take what is left and wrap), the header row repeated on each page, rows that do not
 * split, and small tables kept on one page with their heading.
 */
import { AlignmentType, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType } from "docx";
import { formatCell, textUnits } from "./format";
import type { Cell, Column, ReportTable } from "./types";

/** A4 portrait, 2 cm side margins: the text width in twentieths of a point. */
export const TEXT_WIDTH = 11906 - 2 * 1134;
/** Table text: 9 pt. A half-width character is about 4.5 pt (90 twips); cell padding both sides. */
const UNIT = 92;
const PAD = 230;
const TABLE_SIZE = 18;
/** Text columns that may wrap (free text); every other column is sized to its longest value. */
const WRAPPING = new Set(["description", "gaps", "point", "place"]);
/** Tables this short stay on one page with their heading. */
const KEEP_TOGETHER = 15;

/**
 * A header as printed: the label (on one line up to 5 characters, else two) and the unit below it;
 * `tight` is the width with the label over three lines, for tables short of room.
 */
function headerLines(c: Column): { label: string; unit: string | null; units: number; tight: number } {
  const label = c.label;
  const unit = c.unit ? `（${c.unit}）` : null;
  const chars = [...label].length;
  const lu = textUnits(label);
  const labelUnits = lu <= 10 ? lu : Math.ceil(chars / 2) * 2;
  const unitUnits = unit ? textUnits(unit) - 1 : 0; // the unit line is set a point smaller
  return { label, unit, units: Math.max(labelUnits, unitUnits), tight: Math.max(Math.ceil(chars / 3) * 2, unitUnits) };
}

/**
 * Column widths (twips) summing to `total`: each column wide enough for its longest value and for
 * its header on at most two lines. When that is too wide, space is taken in turn from free-text
 * columns (down to ~12 characters a line), from headers (three lines), then from free text again
 * (down to 4 characters); space left over is spread in proportion so the table spans the page.
 */
export function columnWidths(columns: Column[], rows: Record<string, Cell>[], total = TEXT_WIDTH): number[] {
  const need = columns.map((c) => {
    const values = rows.map((r) => textUnits(formatCell(r[c.key] ?? null, c.kind, c)));
    const longest = Math.max(0, ...values);
    const h = headerLines(c);
    const wraps = WRAPPING.has(c.key);
    const want = wraps ? Math.max(8, h.units, Math.min(longest, 60)) : Math.max(longest, h.units, 4);
    const stages = wraps ? [Math.max(24, h.units), want, Math.max(8, h.tight)] : [want, Math.max(longest, h.tight, 4), want];
    return { want: want * UNIT + PAD, floor: stages.map((u) => Math.min(want, u) * UNIT + PAD) };
  });
  const widths = need.map((n) => n.want);
  const sum = () => widths.reduce((a, b) => a + b, 0);
  for (let stage = 0; stage < 3 && sum() > total; stage++) {
    const slack = need.reduce((s, n, i) => s + Math.max(0, widths[i]! - n.floor[stage]!), 0);
    if (slack <= 0) continue;
    const cut = Math.min(sum() - total, slack);
    need.forEach((n, i) => {
      const room = Math.max(0, widths[i]! - n.floor[stage]!);
      widths[i] = Math.round(widths[i]! - (room * cut) / slack);
    });
  }
  if (sum() > total) {
    const s0 = sum();
    for (let i = 0; i < widths.length; i++) widths[i] = Math.floor((widths[i]! * total) / s0);
  } else if (sum() < total) {
    const s0 = sum();
    const extra = total - s0;
    for (let i = 0; i < widths.length; i++) widths[i] = widths[i]! + Math.floor((widths[i]! * extra) / s0);
  }
  widths[widths.length - 1] = widths[widths.length - 1]! + (total - sum());
  return widths;
}

function cell(text: string, width: number, o: { head?: boolean; right?: boolean; bold?: boolean; unit?: string | null }) {
  const runs = [new TextRun({ text, bold: o.head || o.bold, size: TABLE_SIZE })];
  if (o.unit) runs.push(new TextRun({ text: o.unit, break: 1, size: TABLE_SIZE - 2 }));
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    shading: o.head ? { type: ShadingType.CLEAR, color: "auto", fill: "E7E6E6" } : undefined,
    margins: { left: 80, right: 80, top: 30, bottom: 30 },
    children: [new Paragraph({ alignment: o.head ? AlignmentType.CENTER : o.right ? AlignmentType.RIGHT : AlignmentType.LEFT, spacing: { line: 260 }, children: runs })],
  });
}

/** The table of a report section, as Word draws it; `keepWithNext` holds its last row to what follows (its note). */
export function reportTable(t: Pick<ReportTable, "columns" | "rows" | "total">, keepWithNext = false): Table {
  const all = [...t.rows, ...(t.total ? [t.total] : [])];
  const widths = columnWidths(t.columns, all);
  const together = all.length <= KEEP_TOGETHER;
  const head = new TableRow({ tableHeader: true, cantSplit: true, keepNext: true, children: t.columns.map((c, i) => {
      const h = headerLines(c);
      return cell(h.label, widths[i]!, { head: true, unit: h.unit });
    }) });
  const body = all.map(
    (r, k) =>
      new TableRow({
        cantSplit: true,
        // Short tables stay whole; long ones keep at least their first rows with the header.
        keepNext: k < all.length - 1 ? together || k < 2 : keepWithNext,
        children: t.columns.map((c, i) => cell(formatCell(r[c.key] ?? null, c.kind, c), widths[i]!, { right: c.kind !== "text", bold: t.total === r })),
      }),
  );
  const empty =
    t.rows.length === 0
      ? [new TableRow({ children: [new TableCell({ columnSpan: t.columns.length, children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: "本月无数据", size: TABLE_SIZE })] })] })] })]
      : [];
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows: [head, ...body, ...empty] });
}
