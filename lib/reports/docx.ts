/**
 * The report as a Word 月报 — what staff forward up the chain: title, scope and data status, the
 * summary paragraph, one heading + table per section (with its note), the two charts as images, the
 * red/black lists, typical unresolved problems (with a photo when there is one). A4 portrait.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import sharp from "sharp";
import { closureSvg, hoursTrendSvg } from "./charts";
import { formatCell, headerLabel } from "./format";
import { monthLabel } from "./rules";
import type { MonthlyReport, ReportTable } from "./types";
import { type ExportSource, sourceLine } from "./xlsx";

const FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "仿宋_GB2312", cs: "Times New Roman" };

function p(text: string, opts: { bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; color?: string } = {}) {
  return new Paragraph({ alignment: opts.align, spacing: { after: 120, line: 360 }, children: [new TextRun({ text, bold: opts.bold, size: opts.size, color: opts.color })] });
}

function table(t: ReportTable): Table {
  const cell = (text: string, head = false, right = false) =>
    new TableCell({
      shading: head ? { type: ShadingType.CLEAR, color: "auto", fill: "E5E7EB" } : undefined,
      children: [new Paragraph({ alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: head, size: 18 })] })],
    });
  const head = new TableRow({ tableHeader: true, children: t.columns.map((c) => cell(headerLabel(c), true)) });
  const body = [...t.rows, ...(t.total ? [t.total] : [])].map(
    (r) => new TableRow({ children: t.columns.map((c) => cell(formatCell(r[c.key] ?? null, c.kind), false, c.kind !== "text")) }),
  );
  const empty = t.rows.length === 0 ? [new TableRow({ children: [new TableCell({ columnSpan: t.columns.length, children: [p("本月无数据")] })] })] : [];
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [head, ...body, ...empty] });
}

async function png(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
}

export async function reportDocx(r: MonthlyReport, s: ExportSource, photo?: (id: number) => Promise<Buffer | null>): Promise<Buffer> {
  const childLabel = r.meta.level === "city" ? "区（市）" : "街道（镇）";
  const [trend, closure] = await Promise.all([png(hoursTrendSvg(r.charts.hoursTrend)), png(closureSvg(r.charts.closureByChild, childLabel))]);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${r.meta.regionName}${monthLabel(r.meta.month)}志愿服务与创城工作月报`, bold: true, size: 36 })] }),
    p(`统计范围：${r.meta.regionName}（${r.meta.regionCode}）    统计期：${r.meta.from} 至 ${r.meta.to}${r.meta.partial ? "（月未结束）" : ""}`, { align: AlignmentType.CENTER, size: 20 }),
    p(sourceLine(s), { align: AlignmentType.CENTER, size: 20, color: s.source === "published" ? "047857" : "B45309" }),
    p(`${r.meta.campaign.name}：第 ${r.meta.campaign.day} 天 / 共 ${r.meta.campaign.days} 天`, { align: AlignmentType.CENTER, size: 20 }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("综述")] }),
    p(r.summary),
  ];
  for (const t of r.tables) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t.title)] }));
    if (t.id === "volunteers") children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: "png", data: trend, transformation: { width: 600, height: 250 }, altText: { name: "hours", title: "认定服务时长日趋势", description: "认定服务时长日趋势" } })] }));
    if (t.id === "rectification") children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: "png", data: closure, transformation: { width: 600, height: 250 }, altText: { name: "closure", title: "整改率", description: `各${childLabel}整改率` } })] }));
    if (t.id === "ranking") {
      children.push(p(`红榜：${r.ranking.red.map((x) => `${x.rank}. ${x.name}（${formatCell(x.closureRate, "percent")}）`).join("；") || "无"}`, { bold: true, color: "B91C1C" }));
      children.push(p(`黑榜：${r.ranking.black.map((x) => `${x.rank}. ${x.name}（${formatCell(x.closureRate, "percent")}）`).join("；") || "无"}`, { bold: true, color: "111827" }));
    }
    children.push(table(t));
    if (t.note) children.push(p(`说明：${t.note}`, { size: 18, color: "6B7280" }));
    if (t.id === "problems" && photo) {
      for (const pr of r.problems) {
        if (!pr.photoId) continue;
        const img = await photo(pr.photoId);
        if (!img) continue;
        const jpg = await sharp(img).resize({ width: 480, withoutEnlargement: true }).jpeg().toBuffer();
        const meta = await sharp(jpg).metadata();
        children.push(p(`${pr.title}（${pr.place}，超期 ${pr.days} 天）`, { size: 18 }));
        children.push(new Paragraph({ children: [new ImageRun({ type: "jpg", data: jpg, transformation: { width: 320, height: Math.round(((meta.height ?? 240) / (meta.width ?? 320)) * 320) }, altText: { name: `photo-${pr.id}`, title: pr.title, description: pr.title } })] }));
      }
    }
  }
  const doc = new Document({
    creator: "Civic Cockpit 创城驾驶舱",
    title: `${r.meta.regionName}${monthLabel(r.meta.month)}月报`,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ properties: { page: { size: { orientation: PageOrientation.PORTRAIT, width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1260, right: 1260 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
