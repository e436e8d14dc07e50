/**
 * The certificate as a PDF (pdf-lib + fontkit). Noto Sans SC comes from @fontsource/noto-sans-sc as
 * ~100 unicode-range subsets: each text line is split into runs by the subset that holds each
 * character, each run drawn with that subset (embedded with subset:true) and x advanced by its
 * width — so the Chinese text stays extractable (tests read it back with unpdf).
 */
import fs from "node:fs";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import type { CertificateContent } from "./content";

const FONT_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "@fontsource", "noto-sans-sc");

type Range = [number, number];
let chunks: { key: string; ranges: Range[] }[] | null = null;

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
  // Latin first: digits and ASCII punctuation resolve to the small latin subset.
  chunks.sort((x, y) => (x.key === "latin" ? -1 : y.key === "latin" ? 1 : 0));
  return chunks;
}

export function chunkFor(cp: number): string | null {
  for (const c of loadChunks()) for (const [lo, hi] of c.ranges) if (cp >= lo && cp <= hi) return c.key;
  return null;
}

/** Splits text into runs of characters from the same subset. */
export function runsOf(text: string): { key: string; text: string }[] {
  const out: { key: string; text: string }[] = [];
  for (const ch of text) {
    const key = chunkFor(ch.codePointAt(0)!) ?? "latin";
    const safe = chunkFor(ch.codePointAt(0)!) ? ch : "?";
    const last = out[out.length - 1];
    if (last && last.key === key) last.text += safe;
    else out.push({ key, text: safe });
  }
  return out;
}

class Writer {
  private fonts = new Map<string, PDFFont>();
  constructor(private readonly doc: PDFDocument) {}
  private async font(key: string) {
    let f = this.fonts.get(key);
    if (!f) {
      const bytes = fs.readFileSync(path.join(FONT_DIR, "files", `noto-sans-sc-${key}-400-normal.woff2`));
      f = await this.doc.embedFont(bytes, { subset: true });
      this.fonts.set(key, f);
    }
    return f;
  }
  async width(text: string, size: number) {
    let w = 0;
    for (const r of runsOf(text)) w += (await this.font(r.key)).widthOfTextAtSize(r.text, size);
    return w;
  }
  async draw(page: PDFPage, text: string, x: number, y: number, size: number, color = rgb(0.1, 0.1, 0.1)) {
    let cx = x;
    for (const r of runsOf(text)) {
      const f = await this.font(r.key);
      page.drawText(r.text, { x: cx, y, size, font: f, color });
      cx += f.widthOfTextAtSize(r.text, size);
    }
  }
  /** Wraps by width (CJK can break anywhere). */
  async wrap(text: string, size: number, maxWidth: number): Promise<string[]> {
    const lines: string[] = [];
    let cur = "";
    for (const ch of text) {
      if ((await this.width(cur + ch, size)) > maxWidth && cur) {
        lines.push(cur);
        cur = ch;
      } else cur += ch;
    }
    if (cur) lines.push(cur);
    return lines;
  }
}

export async function certificatePdf(c: CertificateContent): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(`志愿服务记录证明 ${c.number}`);
  doc.setSubject("志愿服务记录证明");
  doc.setCreator("Civic Cockpit");
  const w = new Writer(doc);
  const A4: [number, number] = [595.28, 841.89];
  let page = doc.addPage(A4);
  const left = 64;
  const maxW = A4[0] - left * 2;
  let y = A4[1] - 80;

  const title = "志愿服务记录证明";
  await w.draw(page, title, (A4[0] - (await w.width(title, 22))) / 2, y, 22);
  y -= 28;
  const no = `证明编号：${c.number}`;
  await w.draw(page, no, A4[0] - left - (await w.width(no, 10)), y, 10, rgb(0.35, 0.35, 0.35));
  y -= 30;

  const line = async (text: string, size = 12, gap = 22) => {
    for (const l of await w.wrap(text, size, maxW)) {
      if (y < 90) {
        page = doc.addPage(A4);
        y = A4[1] - 72;
      }
      await w.draw(page, l, left, y, size);
      y -= gap;
    }
  };
  await line(`姓名：${c.name}`);
  await line(`证件类型：${c.idType}    证件号码：${c.idMasked}`);
  await line(`志愿者编号：${c.volunteerNo}`);
  await line(`服务期间：${c.periodFrom} 至 ${c.periodTo}`);
  await line(`认定服务时长：${c.hours} 小时（共 ${c.records} 条已认定记录）`);
  await line(`服务组织：${c.organizations.length ? c.organizations.join("、") : "—"}`);
  y -= 6;
  await line("服务内容：", 12);
  if (c.activities.length === 0) await line("（期间内无已认定的服务记录）", 11, 18);
  for (const a of c.activities) await line(`· ${a.date}  ${a.title}（${a.organization}）  ${a.hours} 小时`, 10.5, 17);
  if (c.moreActivities > 0) await line(`……另有 ${c.moreActivities} 项服务记录`, 10.5, 17);
  y -= 10;
  await line("兹证明上述人员在上述期间参加志愿服务，服务时长经组织记录并由主管单位审核认定。", 11, 18);
  y -= 18;
  await line(`出具单位：${c.issuer}`);
  await line(`经办人：${c.handler}    联系电话：${c.contact || "—"}`);
  await line(`出具日期：${c.issuedOn}`);
  y -= 8;
  await line(`本证明可凭编号 ${c.number} 在平台“证明查验”中核验。`, 9.5, 15);
  return doc.save();
}
