/**
 * The monthly report's Word and Excel files as they print, on the seeded database: the xlsx print
 * settings read back from the file (A4 = paper size 9, fit to one page wide really on, landscape
 * for wide sheets, the header row repeated, page numbers), numbers/dates/ids stored as such; the docx
 * footer with PAGE/NUMPAGES fields, Windows fonts, black headings, the ranking's red/black lists only
 * and the sign-off. When LibreOffice is installed (CI installs it), both files are rendered to PDF
 * and checked page by page with poppler.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { renderFile } from "@/lib/reports/export";
import { loadReport } from "@/lib/reports/service";
import type { MonthlyReport } from "@/lib/reports/types";
import { testDb, userFor } from "../support/db";

let city: MonthlyReport;
let xlsx: Buffer;
let docx: Buffer;

beforeAll(async () => {
  const r = await loadReport(await testDb(), await userFor("wmb_admin"), { month: "2026-10", code: "3702" });
  if (!r.ok) throw new Error(r.message);
  city = r.live;
  xlsx = (await renderFile(city, { source: "live" }, "xlsx"))!.body as Buffer;
  docx = (await renderFile(city, { source: "published", revision: 2, publishedAt: "2026-11-03T02:00:00Z" }, "docx"))!.body as Buffer;
});

const attr = (xml: string, tag: string, name: string) => new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];

describe("xlsx printing", () => {
  it("every sheet prints on A4, one page wide (fit-to-page on), its header row repeated and numbered pages", async () => {
    const zip = await JSZip.loadAsync(xlsx);
    const book = await zip.file("xl/workbook.xml")!.async("string");
    const sheets = [...book.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]!);
    expect(sheets).toHaveLength(city.tables.length + 1);
    const wide: string[] = [];
    for (let i = 1; i <= sheets.length; i++) {
      const xml = await zip.file(`xl/worksheets/sheet${i}.xml`)!.async("string");
      expect(attr(xml, "pageSetup", "paperSize"), sheets[i - 1]).toBe("9");
      expect(attr(xml, "pageSetup", "fitToWidth")).toBe("1");
      expect(attr(xml, "pageSetup", "fitToHeight")).toBe("0");
      expect(attr(xml, "pageSetUpPr", "fitToPage")).toBe("1");
      expect(xml).toMatch(/<oddFooter>[^<]*&amp;P[^<]*&amp;N/);
      if (attr(xml, "pageSetup", "orientation") === "landscape") wide.push(sheets[i - 1]!);
      expect(book).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="${i - 1}">`);
    }
    expect(book.match(/_xlnm\.Print_Titles[^<]*\$5:\$5/g)).toHaveLength(sheets.length);
    // The wide tables print landscape; the narrow ones portrait.
    expect(wide).toEqual(expect.arrayContaining(["六大领域项目覆盖", "典型未整改问题"]));
    expect(wide).not.toContain("志愿者星级分布");
  });

  it("stores ids plainly, dates as dates, shares as numbers; no 说明 column, no （%） headers, the full ranking", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as never);
    const sum = wb.getWorksheet("汇总")!;
    expect(sum.getRow(5).cellCount).toBe(2);
    expect(sum.getColumn(3).values.filter((v) => v !== null && v !== undefined)).toHaveLength(0);
    for (const ws of wb.worksheets) for (const v of ws.getRow(5).values as unknown[]) if (typeof v === "string") expect(v, ws.name).not.toContain("（%）");
    const problems = wb.getWorksheet("典型未整改问题")!;
    const head = Array.from(problems.getRow(5).values as unknown[], (v) => String(v ?? ""));
    const idCol = head.indexOf("编号");
    const dateCol = head.findIndex((h) => h.startsWith("整改期限"));
    expect(problems.getRow(6).getCell(idCol).numFmt).toBe("0");
    expect(problems.getRow(6).getCell(dateCol).value).toBeInstanceOf(Date);
    expect(problems.getRow(6).getCell(dateCol).numFmt).toBe("yyyy-mm-dd");
    const rank = wb.getWorksheet("街道整改排名（红黑榜）")!;
    const ranked = city.tables.find((t) => t.id === "ranking")!.rows.length;
    expect(rank.getRow(5 + ranked).getCell(1).value).toBe(ranked);
    const share = wb.getWorksheet("志愿者注册与服务")!.getRow(6).getCell(4);
    expect(typeof share.value).toBe("number");
    expect(share.numFmt).toContain('"<0.1%"');
  });
});

describe("docx", () => {
  it("numbers pages in the footer with fields, in fonts Windows has, with black headings", async () => {
    const zip = await JSZip.loadAsync(docx);
    const footers = Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n));
    expect(footers.length).toBeGreaterThan(0);
    const footer = await zip.file(footers[0]!)!.async("string");
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(footer.replace(/<w:instrText[^>]*>[^<]*<\/w:instrText>/g, "").replace(/<[^>]+>/g, "")).toMatch(/第\s*\d*\s*页 共\s*\d*\s*页/);
    const styles = await zip.file("word/styles.xml")!.async("string");
    expect(styles).toContain('w:eastAsia="仿宋"');
    expect(styles).toContain('w:eastAsia="黑体"');
    const doc = await zip.file("word/document.xml")!.async("string");
    expect(doc + styles).not.toContain("仿宋_GB2312");
    const h1 = /<w:style [^>]*w:styleId="Heading1"[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(h1).toContain('w:val="000000"');
    expect(h1).toContain("<w:keepNext");
  });

  it("keeps the red and black lists in the body (the full ranking is in the xlsx), with the sign-off", async () => {
    const doc = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
    const text = doc.replace(/<[^>]+>/g, "");
    const ranking = city.tables.find((t) => t.id === "ranking")!;
    const section = text.slice(text.indexOf(ranking.title), text.indexOf("八、"));
    for (const r of ranking.rows.filter((x) => x.list)) expect(section).toContain(String(r.name));
    const middle = ranking.rows.filter((x) => !x.list);
    expect(middle.length).toBeGreaterThan(0);
    for (const r of middle) expect(section).not.toContain(String(r.name));
    expect(text).toContain("青岛市文明办");
    expect(text).toContain("2026年11月3日");
    for (const p of city.problems) expect(text).toContain(`${p.id}`);
    expect(doc).toContain('<w:tblLayout w:type="fixed"/>');
    expect(doc).toContain("<w:cantSplit/>");
  });
});

function have(cmd: string): boolean {
  try {
    execFileSync("bash", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const office = have("soffice") && have("pdfinfo");
if (!office) console.warn("[report-exports] LibreOffice (soffice) or poppler missing: the docx/xlsx render checks are skipped — .ci/run installs libreoffice-writer-nogui, libreoffice-calc-nogui and poppler-utils");

describe.skipIf(!office)("rendered by LibreOffice, as a reader opens them", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-"));
  const toPdf = (name: string, body: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, body);
    execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${dir}/lo`, "--convert-to", "pdf", "--outdir", dir, file], { stdio: "ignore", timeout: 120_000 });
    return file.replace(/\.\w+$/, ".pdf");
  };
  const pages = (pdf: string) =>
    [...execFileSync("pdfinfo", ["-f", "1", "-l", "999", pdf], { encoding: "utf8" }).matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

  it("the workbook prints one A4 page per sheet here (fit to width, nothing cut off)", () => {
    const pdf = toPdf("city.xlsx", xlsx);
    const sizes = pages(pdf);
    expect(sizes).toHaveLength(city.tables.length + 1);
    for (const [w, h] of sizes) expect([Math.round(Math.min(w!, h!)), Math.round(Math.max(w!, h!))]).toEqual([595, 842]);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    expect(text).toContain(`第 1 页 共 ${sizes.length} 页`);
    expect(text).toContain("<0.1%");
  });

  it("the Word file renders on A4 with page numbers and the sign-off on the last page", () => {
    const pdf = toPdf("city.docx", docx);
    const sizes = pages(pdf);
    expect(sizes.length).toBeGreaterThan(2);
    expect(sizes.length).toBeLessThan(12);
    for (const [w, h] of sizes) expect([Math.round(w!), Math.round(h!)]).toEqual([595, 842]);
    const last = execFileSync("pdftotext", ["-f", String(sizes.length), "-l", String(sizes.length), pdf, "-"], { encoding: "utf8" }).replace(/[ \t]/g, "");
    expect(last).toContain(`第${sizes.length}页共${sizes.length}页`);
    expect(last).toContain("青岛市文明办");
  });
});
