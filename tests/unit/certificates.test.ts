/**
 * 志愿服务记录证明: the rules (verification code, issuing office, Chinese dates, the summary past 40
 * records) and the PDF as a reader sees it — rasterised by poppler's pdftoppm (Debian poppler-utils,
 * installed by scripts/test.mjs and .ci/run) and checked for ink where the title and the hours are.
 * Text extraction alone passed while every printer drew a blank page.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import type { CertificateContent, CertificateLine } from "@/lib/certificates/content";
import { runsOf } from "@/lib/certificates/font";
import { certificatePdf } from "@/lib/certificates/pdf";
import { chineseDate, issuingOffice, MAX_LISTED, summarize } from "@/lib/certificates/rules";
import { CODE_ALPHABET, CODE_LENGTH, maskedHolder, newVerifyCode, normalizeVerifyCode, printedCode, publicOrigin, sameCode, verifyPath } from "@/lib/certificates/verify";

function content(lines: CertificateLine[], over: Partial<CertificateContent> = {}): CertificateContent {
  const s = summarize(lines);
  return {
    number: "QDZY-2026-000007",
    name: "王秀英",
    idType: "居民身份证",
    idMasked: "370285********1234",
    volunteerNo: "QD3702850012345",
    periodFrom: "2025-01-01",
    periodTo: "2026-11-30",
    hours: 12.5,
    records: lines.length,
    activities: s.activities,
    summary: s.summary,
    organizations: [...new Set(lines.map((l) => l.organization))],
    issuer: "水集街道办事处",
    handler: "李明",
    contact: "0532-88888888",
    issuedOn: "2026-11-30",
    ...over,
  };
}

const line = (i: number): CertificateLine => ({
  date: `${2025 + (i % 2)}-${String(1 + (i % 12)).padStart(2, "0")}-15`,
  title: i % 2 ? "水集街道敬老院助老服务" : "社区垃圾分类宣传与劝导",
  organization: i % 3 ? "水集街道志愿服务队" : "莱西市红十字志愿服务队",
  hours: 2.5,
});

describe("verification codes", () => {
  it("are random, 10 characters from an alphabet without look-alikes", () => {
    const codes = new Set(Array.from({ length: 500 }, () => newVerifyCode()));
    expect(codes.size).toBe(500);
    for (const c of codes) {
      expect(c).toHaveLength(CODE_LENGTH);
      for (const ch of c) expect(CODE_ALPHABET).toContain(ch);
    }
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });
  it("are read back whatever the case, spaces or dashes, and compared exactly", () => {
    expect(normalizeVerifyCode(" ab3k7-mzq9x ")).toBe("AB3K7MZQ9X");
    expect(normalizeVerifyCode("short")).toBeNull();
    expect(normalizeVerifyCode("AB3K7MZQ9X'--")).toBeNull();
    expect(sameCode("AB3K7MZQ9X", "AB3K7MZQ9X")).toBe(true);
    expect(sameCode("AB3K7MZQ9X", "AB3K7MZQ9Y")).toBe(false);
    expect(sameCode("AB3K7MZQ9X", "AB3K7MZQ9")).toBe(false);
    expect(printedCode("AB3K7MZQ9X")).toBe("AB3K7-MZQ9X");
  });
  it("build the public check's address and mask the holder", () => {
    expect(verifyPath("QDZY-2026-000007", "AB3K7MZQ9X")).toBe("/verify/QDZY-2026-000007?code=AB3K7MZQ9X");
    expect(publicOrigin("http://10.0.0.5:3000/api/x", "https://wmb.qingdao.example/")).toBe("https://wmb.qingdao.example");
    expect(publicOrigin("http://localhost:3000/api/x", "")).toBe("http://localhost:3000");
    expect(maskedHolder("王秀英")).toBe("王**");
    expect(maskedHolder("欧阳")).toBe("欧*");
    expect(maskedHolder("李")).toBe("*");
  });
});

describe("certificate rules", () => {
  it("takes the issuing office from the account, not from a form", () => {
    expect(issuingOffice({ role: "wmb_staff", regionName: "莱西市", regionLevel: "district" })).toBe("莱西市文明办");
    expect(issuingOffice({ role: "wmb_staff", regionName: "青岛市", regionLevel: "city" })).toBe("青岛市文明办");
    expect(issuingOffice({ role: "street_officer", regionName: "水集街道", regionLevel: "street" })).toBe("水集街道办事处");
    expect(issuingOffice({ role: "street_officer", regionName: "店埠镇", regionLevel: "street" })).toBe("店埠镇人民政府");
    expect(issuingOffice({ role: "org_admin", regionName: "水集街道", regionLevel: "street", organizationName: "莱西市红十字志愿服务队" })).toBe("莱西市红十字志愿服务队");
    expect(issuingOffice({ role: "org_admin", regionName: "水集街道", regionLevel: "street", organizationName: null })).toBeNull();
    expect(issuingOffice({ role: "leader", regionName: "青岛市", regionLevel: "city" })).toBeNull();
  });
  it("writes dates in Chinese", () => {
    expect(chineseDate("2026-01-05")).toBe("2026年1月5日");
    expect(chineseDate("2026-12-31")).toBe("2026年12月31日");
  });
  it("lists up to 40 records and summarises by organization and year past that", () => {
    const few = summarize(Array.from({ length: MAX_LISTED }, (_, i) => line(i)));
    expect(few.activities).toHaveLength(40);
    expect(few.summary).toBeNull();
    const many = summarize(Array.from({ length: 193 }, (_, i) => line(i)));
    expect(many.activities).toHaveLength(0);
    expect(many.summary!.reduce((s, r) => s + r.records, 0)).toBe(193);
    expect(many.summary!.reduce((s, r) => s + r.hours, 0)).toBeCloseTo(193 * 2.5);
    expect(new Set(many.summary!.map((r) => `${r.year}/${r.organization}`)).size).toBe(many.summary!.length);
    expect(many.summary!.map((r) => r.year)).toEqual([...many.summary!.map((r) => r.year)].sort());
  });
  it("splits Chinese text into runs by font file", () => {
    const runs = runsOf("姓名：张三 123");
    expect(runs.map((r) => r.text).join("")).toBe("姓名：张三 123");
    expect(runs.length).toBeGreaterThan(1);
  });
});

// ---- the PDF, rendered ----

function havePoppler(): boolean {
  try {
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

interface Word {
  page: number;
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Word boxes (points, origin top-left) from `pdftotext -bbox`. */
function words(pdf: string): Word[] {
  const html = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" });
  const out: Word[] = [];
  let page = 0;
  for (const m of html.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0] === "<page ") page++;
    else out.push({ page, text: m[5]!, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]) });
  }
  return out;
}

/** Share of dark pixels of a 60 dpi rendering inside a box given in points. */
async function ink(png: string, box: { x0: number; y0: number; x1: number; y1: number }): Promise<number> {
  const k = 60 / 72;
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const [x0, y0, x1, y1] = [box.x0, box.y0, box.x1, box.y1].map((v) => Math.round(v * k));
  let dark = 0;
  let all = 0;
  for (let y = y0!; y < Math.min(y1!, info.height); y++)
    for (let x = x0!; x < Math.min(x1!, info.width); x++) {
      all++;
      if (data[y * info.width + x]! < 160) dark++;
    }
  return all ? dark / all : 0;
}

describe("certificate PDF as printed (pdftoppm)", { timeout: 60_000 }, () => {
  beforeAll(() => {
    if (!havePoppler()) throw new Error("pdftoppm/pdftotext not found: install Debian's poppler-utils (scripts/test.mjs and .ci/run do as root)");
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cert-"));
  const render = async (c: CertificateContent, name: string) => {
    const bytes = await certificatePdf({ content: c, verifyCode: "AB3K7MZQ9X", verifyUrl: "https://wmb.example/verify/QDZY-2026-000007?code=AB3K7MZQ9X" });
    const file = path.join(dir, `${name}.pdf`);
    fs.writeFileSync(file, bytes);
    execFileSync("pdftoppm", ["-png", "-r", "60", file, path.join(dir, name)]);
    const pngs = fs.readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith(".png")).sort();
    return { file, bytes, pngs: pngs.map((f) => path.join(dir, f)) };
  };

  it("draws the title and the certified hours: ink where the text is", async () => {
    const r = await render(content([line(1), line(2)], { hours: 12.5 }), "short");
    expect(r.bytes.length).toBeLessThan(250_000);
    expect(r.pngs).toHaveLength(1);
    const w = words(r.file).filter((x) => x.page === 1);
    const title = w.filter((x) => "志愿服务记录证明".includes(x.text) && x.y0 < 200);
    expect(title.length).toBeGreaterThan(0);
    const titleBox = { x0: Math.min(...title.map((x) => x.x0)), y0: Math.min(...title.map((x) => x.y0)), x1: Math.max(...title.map((x) => x.x1)), y1: Math.max(...title.map((x) => x.y1)) };
    expect(await ink(r.pngs[0]!, titleBox)).toBeGreaterThan(0.08);
    const hours = w.find((x) => x.text === "12.5");
    expect(hours).toBeDefined();
    expect(await ink(r.pngs[0]!, hours!)).toBeGreaterThan(0.08);
    // And a blank stretch of the page stays blank (the check can fail).
    expect(await ink(r.pngs[0]!, { x0: 100, y0: 690, x1: 500, y1: 770 })).toBeLessThan(0.01);
  });

  it("keeps the text extractable, with every field, the Chinese dates and the code", async () => {
    const r = await render(content([line(1), line(2)]), "text");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(r.bytes)), { mergePages: true });
    expect(text).toMatch(/志\s*愿\s*服\s*务\s*记\s*录\s*证\s*明/);
    for (const s of ["王秀英", "370285********1234", "QD3702850012345", "12.5", "QDZY-2026-000007", "水集街道办事处", "李明", "敬老院", "2025年1月1日", "2026年11月30日", "AB3K7-MZQ9X", "盖章处", "第 1 页 共 1 页"])
      expect(text).toContain(s);
  });

  it("summarises 193 records by organization and year and numbers every page", async () => {
    const lines = Array.from({ length: 193 }, (_, i) => line(i));
    const r = await render(content(lines, { hours: 482.5, records: 193 }), "long");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(r.bytes)), { mergePages: false });
    const all = (text as string[]).join("\n");
    expect(all).toContain("按服务组织和年度汇总");
    expect(all).not.toContain("另有");
    (text as string[]).forEach((t, i) => {
      expect(t).toContain("QDZY-2026-000007");
      expect(t).toContain(`第 ${i + 1} 页 共 ${text.length} 页`);
    });
    for (const png of r.pngs) expect(await ink(png, { x0: 150, y0: 780, x1: 450, y1: 812 })).toBeGreaterThan(0.01);
  });

  it("runs over pages with the table header repeated when 40 records are listed", async () => {
    const r = await render(content(Array.from({ length: 40 }, (_, i) => line(i))), "forty");
    expect(r.pngs.length).toBeGreaterThan(1);
    const w = words(r.file);
    // The table runs onto page 2 under its repeated header; "特此证明" stays with the sign-off.
    for (const p of [1, 2]) expect(w.some((x) => x.page === p && x.text === "服务组织")).toBe(true);
    const last = w.filter((x) => x.page === r.pngs.length).map((x) => x.text).join("");
    expect(last).toContain("特此证明");
    expect(last).toContain("出具单位");
    // The footer (number, page x of y) is drawn on every page.
    for (const png of r.pngs) expect(await ink(png, { x0: 150, y0: 780, x1: 450, y1: 812 })).toBeGreaterThan(0.01);
  });
});
