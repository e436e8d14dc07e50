import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/spreadsheet";
import { HEADERS, mapTaskHeaders, normalizeDate, type PlaceLookup, problemKey, sniffSheet, validateRow } from "@/lib/tasks/import-rules";

const enc = (s: string) => new TextEncoder().encode(s);

const places: PlaceLookup = {
  streets: new Map([
    ["370285001", "水集街道"],
    ["370285002", "望城街道"],
  ]),
  communities: new Map([
    ["370285001001", { name: "东关社区", street: "370285001" }],
    ["370285001002", { name: "西关村", street: "370285001" }],
    ["370285002001", { name: "东关社区", street: "370285002" }],
  ]),
};
const TODAY = "2026-11-30";

describe("what kind of file", () => {
  it("xlsx by its ZIP signature, CSV as UTF-8 (BOM stripped) or GB18030 text", () => {
    expect(sniffSheet(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toEqual({ ok: true, kind: "xlsx" });
    expect(sniffSheet(enc("\uFEFF问题类型,点位名称\n"))).toEqual({ ok: true, kind: "csv", text: "问题类型,点位名称\n" });
    // "问题" in GB18030/GBK, as Excel for Chinese Windows saves CSV.
    const gbk = new Uint8Array([0xce, 0xca, 0xcc, 0xe2, 0x2c, 0x61, 0x0a]);
    expect(sniffSheet(gbk)).toMatchObject({ ok: true, kind: "csv", text: "问题,a\n" });
  });
  it("refuses old .xls, binaries and empty files with a message", () => {
    expect(sniffSheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).toMatchObject({ ok: false, message: expect.stringContaining(".xls") });
    expect(sniffSheet(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toMatchObject({ ok: false, message: "文件不是 Excel（.xlsx）或 CSV 表格，无法读取" });
    expect(sniffSheet(new Uint8Array())).toMatchObject({ ok: false, message: "文件为空" });
  });
});

describe("CSV", () => {
  it("reads quotes, doubled quotes, commas and newlines inside quotes, CRLF", () => {
    expect(parseCsv('a,b,c\r\n"x, y","say ""hi""","line1\nline2"\r\n')).toEqual([
      ["a", "b", "c"],
      ["x, y", 'say "hi"', "line1\nline2"],
    ]);
  });
  it("keeps empty cells and a last line without newline; tab-separated when the header has tabs", () => {
    expect(parseCsv("a,,c\n1,2,")).toEqual([
      ["a", "", "c"],
      ["1", "2", ""],
    ]);
    expect(parseCsv("a\tb\n1\t2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});

describe("header row", () => {
  it("maps the template's Chinese headers in any order, tolerating * and （必填） markers", () => {
    const r = mapTaskHeaders([["整改期限", "*问题类型", "点位名称（必填）", "问题描述", "责任街道", "社区", "备注"]]);
    expect(r).toMatchObject({ ok: true, headerRow: 0, index: { deadline: 0, type: 1, pointName: 2, description: 3, street: 4, community: 5 } });
  });
  it("names the missing columns and points to the template", () => {
    const r = mapTaskHeaders([["点位名称", "问题描述", "foo"]]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain("「问题类型」");
    expect(!r.ok && r.message).toContain("「整改期限」");
    expect(!r.ok && r.message).toContain("模板");
  });
  it("refuses a column given twice", () => {
    expect(mapTaskHeaders([[...HEADERS, "问题类型"]])).toMatchObject({ ok: false });
  });
});

describe("rows", () => {
  const head = mapTaskHeaders([HEADERS]);
  if (!head.ok) throw new Error("template headers must map");
  const row = (o: Partial<Record<string, string>>) =>
    HEADERS.map((h) => o[h] ?? ({ 问题类型: "小广告", 点位名称: "长江路口", 问题描述: "电线杆小广告", 责任街道: "水集街道", 社区: "东关社区", 整改期限: "2026-12-15" } as Record<string, string>)[h] ?? "");

  it("a good row becomes a registration with codes resolved from names", () => {
    const r = validateRow(row({}), 2, head.index, places, TODAY);
    expect(r).toMatchObject({ ok: true, row: 2, input: { type: "flyposting", streetCode: "370285001", communityCode: "370285001001", deadline: "2026-12-15" } });
  });
  it("accepts codes, the district-prefixed street name, and names without 社区/村", () => {
    expect(validateRow(row({ 责任街道: "370285001", 社区: "370285001002" }), 2, head.index, places, TODAY)).toMatchObject({ ok: true, input: { communityCode: "370285001002" } });
    expect(validateRow(row({ 责任街道: "莱西市水集街道", 社区: "西关" }), 2, head.index, places, TODAY)).toMatchObject({ ok: true, input: { communityCode: "370285001002" } });
  });
  it("reports every problem of a bad row with its row number and column, in Chinese", () => {
    const r = validateRow(row({ 问题类型: "噪音", 点位名称: "", 责任街道: "崂山区沙子口街道", 整改期限: "明天" }), 7, head.index, places, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const by = Object.fromEntries(r.errors.map((e) => [e.column, e]));
    expect(r.errors.every((e) => e.row === 7)).toBe(true);
    expect(by["问题类型"]!.message).toContain("未知的问题类型「噪音」");
    expect(by["点位名称"]!.message).toBe("不能为空");
    expect(by["责任街道"]!.message).toContain("不是您管辖范围内的街道");
    expect(by["整改期限"]!.message).toContain("不是有效日期");
  });
  it("a community must belong to the street", () => {
    const r = validateRow(row({ 社区: "370285002001" }), 3, head.index, places, TODAY);
    expect(r).toMatchObject({ ok: false, errors: [{ column: "社区", row: 3 }] });
  });
  it("a deadline before today is refused but still carries the key (so a re-import says 'already imported')", () => {
    const r = validateRow(row({ 整改期限: "2026-11-01" }), 4, head.index, places, TODAY);
    expect(r).toMatchObject({ ok: false, errors: [{ column: "整改期限" }], key: expect.stringMatching(/^H:/) });
  });
});

describe("stable problem keys", () => {
  const p = { streetCode: "370285001", pointName: "长江路口", type: "flyposting" as const, description: "电线杆小广告" };
  it("the 问题编号 per district when given", () => {
    expect(problemKey({ ...p, problemNo: " WT-001 " })).toBe("NO:370285:WT-001");
    expect(problemKey({ ...p, problemNo: "WT-001", streetCode: "370285002" })).toBe("NO:370285:WT-001");
    expect(problemKey({ ...p, problemNo: "WT-001", streetCode: "370202001" })).toBe("NO:370202:WT-001");
  });
  it("otherwise a hash of point + type + description that ignores spacing", () => {
    const a = problemKey(p);
    expect(a).toMatch(/^H:[0-9a-f]{32}$/);
    expect(problemKey({ ...p, pointName: " 长江路口  ", description: "电线杆小广告 " })).toBe(a);
    expect(problemKey({ ...p, type: "sanitation" })).not.toBe(a);
    expect(problemKey({ ...p, description: "电线杆小广告二" })).not.toBe(a);
  });
});

describe("dates", () => {
  it("reads the ways people write dates", () => {
    expect(normalizeDate("2026-12-05")).toBe("2026-12-05");
    expect(normalizeDate("2026/12/5")).toBe("2026-12-05");
    expect(normalizeDate("2026.1.5")).toBe("2026-01-05");
    expect(normalizeDate("2026年12月5日")).toBe("2026-12-05");
    expect(normalizeDate("20261205")).toBe("2026-12-05");
    expect(normalizeDate("46361")).toBe("2026-12-05"); // Excel serial
    expect(normalizeDate("2026-02-30")).toBeNull();
    expect(normalizeDate("下周")).toBeNull();
  });
});
