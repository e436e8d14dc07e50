import { describe, expect, it } from "vitest";
import { CsvParser, looksLikeUtf8, sniffSpreadsheet } from "@/lib/spreadsheet";
import { makeCommunityResolver, mapVolunteerHeaders, parseDateCell, type RegionLite, validateImportRow } from "@/lib/volunteers/import-rules";
import { makeIdCard } from "@/lib/volunteers/rules";

const REGIONS: RegionLite[] = [
  { code: "3702", name: "青岛市", level: "city", parentCode: null },
  { code: "370285", name: "莱西市", level: "district", parentCode: "3702" },
  { code: "370285001", name: "水集街道", level: "street", parentCode: "370285" },
  { code: "370285001001", name: "城关社区", level: "community", parentCode: "370285001" },
  { code: "370285001002", name: "小泊子社区", level: "community", parentCode: "370285001" },
  { code: "370285002", name: "望城街道", level: "street", parentCode: "370285" },
  { code: "370285002001", name: "城关社区", level: "community", parentCode: "370285002" },
];
const resolve = makeCommunityResolver(REGIONS);
const HEAD = ["姓名", "身份证号", "手机号", "所属社区(区划代码或名称)", "志愿者编号", "注册日期", "技能", "服务意向"];
const map = (mapVolunteerHeaders(HEAD) as { ok: true; map: Parameters<typeof validateImportRow>[2] }).map;
const ctx = { resolveCommunity: resolve, today: "2026-11-30" };
const ID = makeIdCard("370285", "1988-03-09", 21);

describe("headers", () => {
  it("recognizes the template's headers and common aliases", () => {
    expect(mapVolunteerHeaders(HEAD)).toMatchObject({ ok: true, map: { name: 0, idCard: 1, phone: 2, community: 3, volunteerNo: 4, registeredOn: 5, skills: 6, sectors: 7 } });
    expect(mapVolunteerHeaders(["姓名", "证件号码", "手机号码", "所属社区", "性别"])).toMatchObject({ ok: true, map: { idCard: 1, phone: 2, community: 3, gender: 4 } });
    expect(mapVolunteerHeaders(["\uFEFF姓名 ", "身份证号码*", "联系电话", "所属社区（区划代码或名称）"]).ok).toBe(true);
  });
  it("refuses wrong headers, naming the missing columns", () => {
    const r = mapVolunteerHeaders(["name", "id", "phone"]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain("缺少必需的列「姓名」「身份证号」「手机号」「所属社区(区划代码或名称)」");
    expect(mapVolunteerHeaders(["姓名", "身份证号", "身份证号码", "手机号", "社区"])).toMatchObject({ ok: false });
  });
});

describe("one row", () => {
  it("accepts a good row and derives gender and birth date", () => {
    const r = validateImportRow(2, ["李四", ID, "13912345678", "370285001002", "", "2025-06-01", "急救、摄影", "关爱老年"], map, ctx);
    expect(r).toMatchObject({ ok: true, data: { row: 2, idCard: ID, gender: "M", birthDate: "1988-03-09", communityCode: "370285001002", registeredOn: "2025-06-01", skills: ["急救", "摄影"], sectors: ["elderly"] } });
  });
  it("reports every problem with row and column", () => {
    const r = validateImportRow(7, ["", ID.slice(0, 17) + "0", "1234", "不存在社区", "QD 1", "2027-01-01", "", "跳舞"], map, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const cols = r.errors.map((e) => e.column);
    expect(cols).toEqual(expect.arrayContaining(["姓名", "身份证号", "手机号", "所属社区", "志愿者编号", "注册日期", "服务意向"]));
    expect(r.errors.every((e) => e.row === 7)).toBe(true);
  });
  it("refuses an ID number Excel stored as a (rounded) number", () => {
    const r = validateImportRow(3, ["王五", 370285198803090000, "13912345678", "370285001002"], map, ctx);
    expect(r).toMatchObject({ ok: false, errors: [{ column: "身份证号", message: expect.stringContaining("文本") }] });
  });
  it("accepts Excel date serials, Date cells and a phone stored as a number", () => {
    const r = validateImportRow(4, ["王五", ID, 13912345678, "水集街道城关社区", null, 45000, null, null], map, ctx);
    expect(r).toMatchObject({ ok: true, data: { phone: "13912345678", communityCode: "370285001001", registeredOn: "2023-03-15", skills: null, sectors: null } });
  });
});

describe("communities by code or name", () => {
  it("finds by code, unique name, street+name, district+street+name", () => {
    expect(resolve("370285001002")).toEqual({ ok: true, code: "370285001002" });
    expect(resolve("小泊子社区")).toEqual({ ok: true, code: "370285001002" });
    expect(resolve("望城街道 城关社区")).toEqual({ ok: true, code: "370285002001" });
    expect(resolve("青岛市莱西市水集街道城关社区")).toEqual({ ok: true, code: "370285001001" });
  });
  it("refuses ambiguous names, non-community codes and unknown codes", () => {
    expect(resolve("城关社区")).toMatchObject({ ok: false, message: expect.stringContaining("不唯一") });
    expect(resolve("370285001")).toMatchObject({ ok: false, message: expect.stringContaining("不是社区") });
    expect(resolve("370285009999")).toMatchObject({ ok: false, message: expect.stringContaining("不存在") });
  });
});

describe("dates", () => {
  it.each([
    ["2025-06-01", "2025-06-01"],
    ["2025/6/1", "2025-06-01"],
    ["2025年6月1日", "2025-06-01"],
    ["20250601", "2025-06-01"],
    [20250601, "2025-06-01"],
    [45000, "2023-03-15"],
    ["", ""],
    ["2025-02-30", null],
    ["昨天", null],
  ])("%s → %s", (v, out) => expect(parseDateCell(v)).toBe(out));
});

describe("CSV, streamed", () => {
  it("parses quotes, commas, doubled quotes, CRLF and line breaks inside quotes, whatever the chunking", () => {
    const text = '\uFEFF姓名,技能\r\n"张,三","说""好"""\r\n李四,"多\n行"\n王五,';
    const whole = new CsvParser();
    const all = [...whole.feed(text), ...whole.end()];
    expect(all).toEqual([["姓名", "技能"], ["张,三", '说"好"'], ["李四", "多\n行"], ["王五", ""]]);
    for (let size = 1; size <= 7; size++) {
      const p = new CsvParser();
      const out: string[][] = [];
      for (let i = 0; i < text.length; i += size) out.push(...p.feed(text.slice(i, i + size)));
      out.push(...p.end());
      expect(out).toEqual(all);
    }
  });
  it("tells UTF-8 from GBK and spreadsheets from other files", () => {
    expect(looksLikeUtf8(new TextEncoder().encode("姓名,身份证号"))).toBe(true);
    expect(looksLikeUtf8(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]))).toBe(false); // 姓名 in GBK
    expect(sniffSpreadsheet(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe("xlsx");
    expect(sniffSpreadsheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe("xls");
    expect(sniffSpreadsheet(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("unknown");
    expect(sniffSpreadsheet(new TextEncoder().encode("a,b\n"), "x.csv")).toBe("csv");
    expect(sniffSpreadsheet(new TextEncoder().encode("a,b\n"), "x.xlsx")).toBe("unknown");
  });
});
