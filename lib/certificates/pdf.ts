/**
 * 志愿服务记录证明 as an A4 PDF: a double border, the title, the number and verification code, the
 * holder and the certified hours, a table of the verified records (by organization and year past
 * 40), the statement, the issuing office with the date in Chinese and a seal area (盖章处), and the QR
 * code of the public check. Every page carries the number and "第 x 页 共 y 页". Text goes through
 * font.ts (laid out first, embedded as proper TrueType subsets at the end).
 */
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFPage, rgb } from "pdf-lib";
import QRCode from "qrcode";
import type { CertificateContent } from "./content";
import { drawTextOps, type TextOp, textWidth, type Weight, wrapText } from "./font";
import { chineseDate, hoursText } from "./rules";
import { printedCode } from "./verify";

export const A4: [number, number] = [595.28, 841.89];
const RED = rgb(0.62, 0.09, 0.09);
const INK = rgb(0.1, 0.1, 0.1);
const GRAY = rgb(0.4, 0.4, 0.4);
const LIGHT = rgb(0.93, 0.93, 0.93);
const LEFT = 64;
const RIGHT = A4[0] - 64;
const WIDTH = RIGHT - LEFT;
/** Lowest y the body may use: below it are the sign-off (last page) or the footer. */
const BODY_BOTTOM = 84;
const SIGNOFF_HEIGHT = 190;

export interface CertificatePdfInput {
  content: CertificateContent;
  verifyCode: string;
  /** Absolute URL of the public check (number + code), encoded in the QR code. */
  verifyUrl: string;
}

type Col = { title: string; width: number; align: "left" | "right" | "center"; cell: (i: number) => string };

class Layout {
  readonly ops: TextOp[] = [];
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  constructor(private readonly doc: PDFDocument) {}

  text(text: string, x: number, y: number, size: number, o: { weight?: Weight; color?: ReturnType<typeof rgb>; align?: "left" | "right" | "center"; spacing?: number } = {}) {
    const weight = o.weight ?? 400;
    const spacing = o.spacing ?? 0;
    const chars = [...text];
    const w = textWidth(text, size, weight) + spacing * Math.max(0, chars.length - 1);
    const x0 = o.align === "center" ? x - w / 2 : o.align === "right" ? x - w : x;
    this.ops.push({ page: this.page, text, x: x0, y, size, weight, color: o.color ?? INK, spacing });
  }

  newPage(first: boolean) {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    const [W, H] = A4;
    this.page.drawRectangle({ x: 22, y: 22, width: W - 44, height: H - 44, borderColor: RED, borderWidth: 2.2 });
    this.page.drawRectangle({ x: 29, y: 29, width: W - 58, height: H - 58, borderColor: RED, borderWidth: 0.7 });
    if (first) {
      this.text("志愿服务记录证明", W / 2, H - 108, 28, { weight: 700, align: "center", spacing: 6, color: RED });
      this.y = H - 140;
    } else {
      this.text(`志愿服务记录证明（续）`, W / 2, H - 80, 16, { weight: 700, align: "center", color: RED });
      this.y = H - 110;
    }
  }

  need(h: number, reserve = 0) {
    if (this.y - h < BODY_BOTTOM + reserve) this.newPage(false);
  }

  paragraph(text: string, size: number, lineGap: number, o: { weight?: Weight; color?: ReturnType<typeof rgb>; indent?: number } = {}) {
    const lines = wrapText(text, size, WIDTH - (o.indent ?? 0), o.weight);
    for (const [i, l] of lines.entries()) {
      this.need(lineGap);
      this.text(l, LEFT + (i === 0 ? (o.indent ?? 0) : 0), this.y - size, size, o);
      this.y -= lineGap;
    }
  }

  /** A table whose header row repeats on each page; cells wrap within their column. */
  table(cols: Col[], rows: number) {
    const size = 9.5;
    const line = 13;
    const pad = 4;
    // Header titles may hold "\n" (the unit on a line of its own) and wrap within their column.
    const titles = cols.map((c) => c.title.split("\n").flatMap((part) => wrapText(part, size, c.width - pad * 2, 700)));
    const headH = Math.max(...titles.map((t) => t.length)) * line + pad * 2;
    const header = () => {
      this.page.drawRectangle({ x: LEFT, y: this.y - headH, width: WIDTH, height: headH, color: LIGHT, borderColor: GRAY, borderWidth: 0.5 });
      let x = LEFT;
      cols.forEach((c, k) => {
        const shift = ((headH - pad * 2) / line - titles[k]!.length) * (line / 2); // centred vertically
        titles[k]!.forEach((t, j) => this.text(t, x + c.width / 2, this.y - pad - size - j * line + 1 - shift, size, { weight: 700, align: "center" }));
        x += c.width;
      });
      this.y -= headH;
    };
    this.need(headH + line + pad * 2);
    header();
    for (let i = 0; i < rows; i++) {
      const cells = cols.map((c) => wrapText(c.cell(i), size, c.width - pad * 2));
      const h = Math.max(...cells.map((l) => l.length)) * line + pad * 2;
      if (this.y - h < BODY_BOTTOM) {
        this.newPage(false);
        header();
      }
      let x = LEFT;
      cols.forEach((c, k) => {
        this.page.drawRectangle({ x, y: this.y - h, width: c.width, height: h, borderColor: GRAY, borderWidth: 0.5 });
        cells[k]!.forEach((l, j) => {
          const ty = this.y - pad - size - j * line + 1;
          const tx = c.align === "right" ? x + c.width - pad : c.align === "center" ? x + c.width / 2 : x + pad;
          this.text(l, tx, ty, size, { align: c.align });
        });
        x += c.width;
      });
      this.y -= h;
    }
  }
}

function drawQr(page: PDFPage, url: string, x: number, y: number, size: number) {
  const qr = QRCode.create(url, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const m = size / n;
  page.drawRectangle({ x: x - 4, y: y - 4, width: size + 8, height: size + 8, color: rgb(1, 1, 1) });
  for (let r = 0; r < n; r++)
    for (let col = 0; col < n; col++) if (qr.modules.get(r, col)) page.drawRectangle({ x: x + col * m, y: y + size - (r + 1) * m, width: m + 0.05, height: m + 0.05, color: rgb(0, 0, 0) });
}

export async function certificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
  const c = input.content;
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(`志愿服务记录证明 ${c.number}`);
  doc.setSubject("志愿服务记录证明");
  doc.setCreator("Civic Cockpit");
  const L = new Layout(doc);
  L.newPage(true);

  L.text(`证明编号：${c.number}`, LEFT, L.y, 10, { color: GRAY });
  L.text(`校验码：${printedCode(input.verifyCode)}`, RIGHT, L.y, 10, { color: GRAY, align: "right" });
  L.y -= 30;

  L.paragraph(
    `兹证明 ${c.name}（${c.idType} ${c.idMasked}，志愿者编号 ${c.volunteerNo}）于 ${chineseDate(c.periodFrom)}至${chineseDate(c.periodTo)}期间参加志愿服务，服务时长经服务组织记录、主管单位审核认定，情况如下：`,
    12,
    22,
    { indent: 24 },
  );
  L.y -= 6;
  // The certified hours, large: what the reader looks for first.
  L.page.drawRectangle({ x: LEFT, y: L.y - 44, width: WIDTH, height: 44, color: rgb(0.99, 0.96, 0.95), borderColor: RED, borderWidth: 0.6 });
  L.text("认定志愿服务时长", LEFT + 14, L.y - 28, 12, { color: GRAY });
  L.text(`${hoursText(c.hours)} 小时`, LEFT + WIDTH / 2, L.y - 31, 22, { weight: 700, color: RED, align: "center" });
  L.text(`已认定记录 ${c.records} 条`, RIGHT - 14, L.y - 28, 11, { color: GRAY, align: "right" });
  L.y -= 60;
  L.paragraph(`服务组织：${c.organizations.length ? c.organizations.join("、") : "—"}`, 11, 18);
  L.y -= 6;

  if (c.summary && c.summary.length) {
    const s = c.summary;
    L.paragraph(`服务记录（共 ${c.records} 条，按服务组织和年度汇总）`, 11, 20, { weight: 700 });
    L.table(
      [
        { title: "年度", width: 44, align: "center", cell: (i) => s[i]!.year },
        { title: "服务组织", width: WIDTH - 284, align: "left", cell: (i) => s[i]!.organization },
        { title: "服务时间", width: 100, align: "center", cell: (i) => `${s[i]!.from.slice(5).replace("-", ".")}–${s[i]!.to.slice(5).replace("-", ".")}` },
        { title: "记录数", width: 80, align: "right", cell: (i) => String(s[i]!.records) },
        { title: "时长\n（小时）", width: 60, align: "right", cell: (i) => hoursText(s[i]!.hours) },
      ],
      s.length,
    );
  } else if (c.activities.length) {
    const a = c.activities;
    L.paragraph(`服务记录（共 ${c.records} 条）`, 11, 20, { weight: 700 });
    L.table(
      [
        { title: "序号", width: 30, align: "center", cell: (i) => String(i + 1) },
        { title: "服务日期", width: 64, align: "center", cell: (i) => a[i]!.date },
        { title: "服务项目", width: 150, align: "left", cell: (i) => a[i]!.title },
        { title: "服务组织", width: WIDTH - 292, align: "left", cell: (i) => a[i]!.organization },
        { title: "时长\n（小时）", width: 48, align: "right", cell: (i) => hoursText(a[i]!.hours) },
      ],
      a.length,
    );
    if (c.moreActivities) L.paragraph(`另有 ${c.moreActivities} 条已认定记录未列出，合计时长已计入上述认定志愿服务时长。`, 9.5, 16, { color: GRAY });
  } else {
    L.paragraph("（期间内无已认定的服务记录）", 11, 18, { color: GRAY });
  }
  L.y -= 10;
  // "特此证明。" stays on the page of the sign-off: QR code on the left, office, date and seal on the right.
  L.need(SIGNOFF_HEIGHT + 22);
  L.paragraph("特此证明。", 12, 22, { indent: 24 });
  const top = L.y - 10;
  const qrSize = 92;
  drawQr(L.page, input.verifyUrl, LEFT, top - qrSize, qrSize);
  L.text("扫码核验本证明", LEFT + qrSize / 2, top - qrSize - 16, 9, { align: "center", color: GRAY });
  L.text(`校验码 ${printedCode(input.verifyCode)}`, LEFT + qrSize / 2, top - qrSize - 29, 9, { align: "center", color: GRAY });

  const sealX = RIGHT - 80;
  const sealY = top - 62;
  L.page.drawCircle({ x: sealX, y: sealY, size: 52, borderColor: rgb(0.75, 0.55, 0.55), borderWidth: 0.8, borderDashArray: [3, 3] });
  L.text("盖章处", sealX, sealY - 4, 10, { align: "center", color: rgb(0.75, 0.55, 0.55) });
  const signX = RIGHT - 10;
  L.text(`出具单位：${c.issuer}`, signX, top - 128, 12, { align: "right" });
  L.text(`出具日期：${chineseDate(c.issuedOn)}`, signX, top - 150, 12, { align: "right" });
  L.text(`经办人：${c.handler}    联系电话：${c.contact || "—"}`, LEFT, top - 172, 9, { color: GRAY });

  const total = L.pages.length;
  L.pages.forEach((p, i) => {
    L.page = p;
    L.text(`证明编号 ${c.number}　　第 ${i + 1} 页 共 ${total} 页`, A4[0] / 2, 44, 9, { align: "center", color: GRAY });
  });
  await drawTextOps(doc, L.ops);
  return doc.save();
}
