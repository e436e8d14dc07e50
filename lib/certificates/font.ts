/**
 * Chinese text in a PDF that every reader draws. Noto Sans SC ships (@fontsource/noto-sans-sc) as
 * ~100 unicode-range WOFF2 files per weight. Text is laid out first (widths from fontkit reading
 * those files) and recorded as draw operations; when the document is finished, each file that was
 * used is cut down by HarfBuzz's subsetter (subset-font) to the characters drawn with it, turned into
 * a plain TrueType font and embedded WHOLE (`subset: false`). pdf-lib's own subsetting
 * (`subset: true` through @pdf-lib/fontkit) wrote broken glyph data for these fonts: poppler and
 * Ghostscript drew a blank page while text extraction still worked.
 */
import fs from "node:fs";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { type PDFDocument, type PDFPage, type RGB, setCharacterSpacing } from "pdf-lib";
import subsetFont from "subset-font";

const FONT_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "@fontsource", "noto-sans-sc");

export type Weight = 400 | 700;
type Range = [number, number];
type Measured = { unitsPerEm: number; glyphForCodePoint(cp: number): { advanceWidth: number } };

let chunks: { key: string; ranges: Range[] }[] | null = null;
const measured = new Map<string, Measured>();

function loadChunks() {
  if (chunks) return chunks;
  const map = JSON.parse(fs.readFileSync(path.join(FONT_DIR, "unicode.json"), "utf8")) as Record<string, string>;
  chunks = Object.entries(map).map(([k, v]) => ({
    key: k.replace(/^\[|\]$/g, ""),
    ranges: v.split(",").map((r) => {
      const [a, b] = r.trim().replace(/^U\+/i, "").split("-");
      const lo = parseInt(a!, 16);
      return [lo, b ? parseInt(b, 16) : lo] as Range;
    }),
  }));
  // Latin first: digits and ASCII punctuation resolve to the small latin file.
  chunks.sort((x, y) => (x.key === "latin" ? -1 : y.key === "latin" ? 1 : 0));
  return chunks;
}

/** The file (unicode-range chunk) holding a code point, or null when the font has no glyph for it. */
export function chunkFor(cp: number): string | null {
  for (const c of loadChunks()) for (const [lo, hi] of c.ranges) if (cp >= lo && cp <= hi) return c.key;
  return null;
}

function fileOf(key: string, weight: Weight): string {
  return path.join(FONT_DIR, "files", `noto-sans-sc-${key}-${weight}-normal.woff2`);
}

function metrics(key: string, weight: Weight): Measured {
  const id = `${key}:${weight}`;
  let f = measured.get(id);
  if (!f) {
    f = fontkit.create(fs.readFileSync(fileOf(key, weight))) as unknown as Measured;
    measured.set(id, f);
  }
  return f;
}

/** Splits text into runs of characters from the same file; a character the font lacks becomes "?". */
export function runsOf(text: string): { key: string; text: string }[] {
  const out: { key: string; text: string }[] = [];
  for (const ch of text) {
    const found = chunkFor(ch.codePointAt(0)!);
    const key = found ?? "latin";
    const safe = found ? ch : "?";
    const last = out[out.length - 1];
    if (last && last.key === key) last.text += safe;
    else out.push({ key, text: safe });
  }
  return out;
}

/** Width of a text at a size, in PDF points. */
export function textWidth(text: string, size: number, weight: Weight = 400): number {
  let units = 0;
  for (const r of runsOf(text)) {
    const f = metrics(r.key, weight);
    for (const ch of r.text) units += (f.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth / f.unitsPerEm) * size;
  }
  return units;
}

/** Breaks text into lines no wider than maxWidth (CJK may break anywhere; a Latin word is kept whole when it fits). */
export function wrapText(text: string, size: number, maxWidth: number, weight: Weight = 400): string[] {
  const lines: string[] = [];
  let cur = "";
  for (const ch of text) {
    if (cur && textWidth(cur + ch, size, weight) > maxWidth) {
      const word = /[A-Za-z0-9.-]+$/.exec(cur);
      if (word && /[A-Za-z0-9.-]/.test(ch) && word.index > 0) {
        lines.push(cur.slice(0, word.index));
        cur = word[0] + ch;
      } else {
        lines.push(cur);
        cur = ch;
      }
    } else cur += ch;
  }
  if (cur) lines.push(cur);
  return lines.length ? lines : [""];
}

export interface TextOp {
  page: PDFPage;
  text: string;
  x: number;
  y: number;
  size: number;
  weight: Weight;
  color: RGB;
  /** Extra space after each character (points), e.g. for a title. */
  spacing?: number;
}

/**
 * Embeds, for each (file, weight) the operations use, a TrueType subset holding exactly the
 * characters drawn with it, then draws every operation run by run.
 */
export async function drawTextOps(doc: PDFDocument, ops: TextOp[]): Promise<void> {
  const used = new Map<string, { key: string; weight: Weight; chars: Set<string> }>();
  for (const op of ops)
    for (const r of runsOf(op.text)) {
      const id = `${r.key}:${op.weight}`;
      const u = used.get(id) ?? { key: r.key, weight: op.weight, chars: new Set<string>() };
      for (const ch of r.text) u.chars.add(ch);
      used.set(id, u);
    }
  // Widths come from each character's own glyph (textWidth); contextual substitutions fontkit would
  // apply when encoding (Noto swaps digits after letters for other glyphs) are switched off to match.
  const features = { calt: false, liga: false, clig: false, ccmp: false, locl: false, kern: false, rlig: false, pnum: false, tnum: false, frac: false, numr: false, dnom: false };
  const fonts = new Map<string, Awaited<ReturnType<PDFDocument["embedFont"]>>>();
  for (const [id, u] of used) {
    const ttf = await subsetFont(fs.readFileSync(fileOf(u.key, u.weight)), [...u.chars].join(""), { targetFormat: "sfnt", noLayoutClosure: true });
    fonts.set(id, await doc.embedFont(ttf, { subset: false, features }));
  }
  for (const op of ops) {
    let x = op.x;
    const sp = op.spacing ?? 0;
    if (sp) op.page.pushOperators(setCharacterSpacing(sp));
    for (const r of runsOf(op.text)) {
      op.page.drawText(r.text, { x, y: op.y, size: op.size, font: fonts.get(`${r.key}:${op.weight}`)!, color: op.color });
      x += textWidth(r.text, op.size, op.weight) + sp * [...r.text].length;
    }
    if (sp) op.page.pushOperators(setCharacterSpacing(0));
  }
}
