/**
 * The report as a Word 月报 — what staff forward up the chain: title, scope and data status, the
 * summary paragraph, one heading + table per section (with its note), the charts with their values
 * and the target line, the 红榜/黑榜 (the full ranking is in the Excel file), typical unresolved
 * problems (with a photo when there is one), and the sign-off with the issuing office and date.
 * A4 portrait; page "第 X 页 共 Y 页" in the footer as fields. Body text in 仿宋 and headings in 黑体,
 * both on every Chinese Windows Office (仿宋_GB2312 is not); Latin text in Times New Roman.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type Table,
  TextRun,
} from "docx";
import sharp from "sharp";
import { closureSvg, hoursTrendSvg, registrationSvg } from "./charts";
import { reportTable } from "./docx-table";
import { formatCell, reportOffice, zhDate } from "./format";
import { monthLabel } from "./rules";
import type { MonthlyReport } from "./types";
import { type ExportSource, sourceLine } from "./xlsx";

const BODY = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "仿宋", cs: "Times New Roman" };
const HEAD = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体", cs: "Times New Roman" };
const INK = "000000";

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

function p(text: string, o: { bold?: boolean; size?: number; align?: Align; color?: string; keepNext?: boolean; indent?: boolean } = {}) {
  return new Paragraph({
    alignment: o.align,
    keepNext: o.keepNext,
    indent: o.indent ? { firstLine: 480 } : undefined,
    spacing: { after: 120, line: 360 },
    children: [new TextRun({ text, bold: o.bold, size: o.size, color: o.color })],
  });
}

async function chart(svg: string, name: string, title: string, keepNext = true): Promise<Paragraph> {
  const data = await sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext,
    spacing: { after: 120 },
    children: [new ImageRun({ type: "png", data, transformation: { width: 600, height: 250 }, altText: { name, title, description: title } })],
  });
}

/** 红榜 / 黑榜 as small tables (rank, street, district, 整改率): the body's ranking; the full list is in the xlsx. */
function rankingLists(r: MonthlyReport): (Paragraph | Table)[] {
  const t = r.tables.find((x) => x.id === "ranking");
  if (!t) return [];
  const cols = t.columns.filter((c) => ["rank", "name", "district", "total", "closed", "overdue", "closureRate", "onTimeRate"].includes(c.key));
  const out: (Paragraph | Table)[] = [];
  for (const [list, color] of [["红榜", "B91C1C"], ["黑榜", INK]] as const) {
    const rows = t.rows.filter((x) => x.list === list);
    out.push(p(`${list}（${rows.length} 个街道）`, { bold: true, color, keepNext: true }));
    out.push(rows.length ? reportTable({ columns: cols, rows }) : p("无"));
  }
  out.push(p(`全部 ${t.rows.length} 个参与排名街道的名次见同名 Excel 文件“街道整改排名（红黑榜）”表。`, { size: 20 }));
  return out;
}

export async function reportDocx(r: MonthlyReport, s: ExportSource, photo?: (id: number) => Promise<Buffer | null>): Promise<Buffer> {
  const childLabel = r.meta.level === "city" ? "区（市）" : "街道（镇）";
  const office = reportOffice(r.meta);
  const reg = registrationSvg(r, childLabel);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: `${r.meta.regionName}${monthLabel(r.meta.month)}志愿服务与创城工作月报` })] }),
    p(`统计范围：${r.meta.regionName}（${r.meta.regionCode}）    统计期：${zhDate(r.meta.from)}至${zhDate(r.meta.to)}${r.meta.partial ? "（月未结束）" : ""}`, { align: AlignmentType.CENTER, size: 21 }),
    p(sourceLine(s), { align: AlignmentType.CENTER, size: 21, color: s.source === "published" ? "047857" : "B45309" }),
    p(`${r.meta.campaign.name}：第 ${r.meta.campaign.day} 天 / 共 ${r.meta.campaign.days} 天`, { align: AlignmentType.CENTER, size: 21 }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("综述")] }),
    p(r.summary, { indent: true }),
  ];
  for (const t of r.tables) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t.title)] }));
    if (t.id === "volunteers") {
      if (reg) children.push(await chart(reg, "registration", `各${childLabel}志愿者注册率`));
      children.push(await chart(hoursTrendSvg(r.charts.hoursTrend), "hours", "认定服务时长日趋势", false));
    }
    if (t.id === "rectification") children.push(await chart(closureSvg(r.charts.closureByChild, childLabel), "closure", `各${childLabel}整改率`));
    if (t.id === "ranking") children.push(...rankingLists(r));
    else children.push(reportTable(t, Boolean(t.note)));
    if (t.note) children.push(p(`说明：${t.note}`, { size: 18, color: "595959" }));
    if (t.id === "problems" && photo) {
      for (const pr of r.problems) {
        if (!pr.photoId) continue;
        const img = await photo(pr.photoId);
        if (!img) continue;
        const jpg = await sharp(img).resize({ width: 480, withoutEnlargement: true }).jpeg().toBuffer();
        const meta = await sharp(jpg).metadata();
        children.push(p(`编号 ${pr.id}：${pr.title}（${pr.place}，超期 ${formatCell(pr.days, "int")} 天）`, { size: 18, keepNext: true }));
        children.push(new Paragraph({ children: [new ImageRun({ type: "jpg", data: jpg, transformation: { width: 320, height: Math.round(((meta.height ?? 240) / (meta.width ?? 320)) * 320) }, altText: { name: `photo-${pr.id}`, title: pr.title, description: pr.title } })] }));
      }
    }
  }
  // Sign-off: the issuing office and the date (of publication, or of generation for live figures).
  const day = zhDate(s.source === "published" && s.publishedAt ? s.publishedAt : r.meta.generatedAt);
  children.push(new Paragraph({ spacing: { before: 600 }, keepNext: true, children: [] }));
  children.push(p(office, { align: AlignmentType.RIGHT, keepNext: true }));
  children.push(p(day, { align: AlignmentType.RIGHT }));

  const footer = new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ size: 18, children: ["第 ", PageNumber.CURRENT, " 页 共 ", PageNumber.TOTAL_PAGES, " 页"] })] })],
  });
  const heading = (id: string, name: string, size: number, o: { align?: Align; before?: number } = {}) => ({
    id,
    name,
    basedOn: "Normal",
    next: "Normal",
    quickFormat: true,
    run: { font: HEAD, size, bold: id !== "Title", color: INK },
    paragraph: { keepNext: true, keepLines: true, alignment: o.align, spacing: { before: o.before ?? 240, after: 120 } },
  });
  const doc = new Document({
    creator: `Civic Cockpit 创城驾驶舱 · ${office}`,
    title: `${r.meta.regionName}${monthLabel(r.meta.month)}月报`,
    styles: {
      default: { document: { run: { font: BODY, size: 24, color: INK } } },
      paragraphStyles: [heading("Title", "Title", 40, { align: AlignmentType.CENTER, before: 0 }), heading("Heading1", "Heading 1", 30)],
    },
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.PORTRAIT, width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1300, left: 1134, right: 1134, footer: 700 } } },
        footers: { default: footer },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
