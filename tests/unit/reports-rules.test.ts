import { describe, expect, it } from "vitest";
import { barChartSvg } from "@/lib/reports/charts";
import { columnWidths, TEXT_WIDTH } from "@/lib/reports/docx-table";
import { csvHeader, csvValue, formatCell, headerLabel, percentText, reportOffice, textUnits, zhDate } from "@/lib/reports/format";
import { headerText, sheetColumnWidths, xlsxValue } from "@/lib/reports/xlsx";
import type { Column } from "@/lib/reports/types";
import {
  contentDisposition,
  csvField,
  defaultMonth,
  monthEnd,
  monthOptions,
  monthRange,
  neutralizeCell,
  rankStreets,
  RANKING_MIN_TASKS,
  RANKING_SIZE,
  type RankInput,
  reportFileName,
  toCsv,
  zhCount,
  zhDelta,
  zhHours,
  zhPercent,
} from "@/lib/reports/rules";

describe("month ranges", () => {
  it("covers the whole of a past month, including February in a leap year", () => {
    expect(monthRange("2026-10", "2026-11-30")).toEqual({ ok: true, range: { month: "2026-10", from: "2026-10-01", to: "2026-10-31", partial: false, end: "2026-10-31" } });
    expect(monthEnd("2028-02")).toBe("2028-02-29");
    expect(monthEnd("2026-02")).toBe("2026-02-28");
    expect(monthEnd("2026-12")).toBe("2026-12-31");
  });
  it("cuts the running month at today and marks it partial; its last day is complete", () => {
    const r = monthRange("2026-11", "2026-11-17");
    expect(r.ok && r.range).toMatchObject({ from: "2026-11-01", to: "2026-11-17", partial: true });
    const last = monthRange("2026-11", "2026-11-30");
    expect(last.ok && last.range.partial).toBe(false);
  });
  it("refuses a month that has not started and malformed months, naming the field", () => {
    const f = monthRange("2026-12", "2026-11-30");
    expect(f.ok).toBe(false);
    expect(!f.ok && f.message).toMatch(/^month: 2026年12月尚未开始/);
    for (const bad of ["2026-13", "2026-1", "26-11", "2026/11", ""]) {
      const r = monthRange(bad, "2026-11-30");
      expect(r.ok, bad).toBe(false);
      expect(!r.ok && r.message).toMatch(/^month: /);
    }
  });
  it("opens on the last complete month, or the current one on its last day", () => {
    expect(defaultMonth("2026-12-01")).toBe("2026-11");
    expect(defaultMonth("2026-11-30")).toBe("2026-11");
    expect(defaultMonth("2027-01-15")).toBe("2026-12");
  });
  it("lists months newest first across a year boundary", () => {
    expect(monthOptions("2025-11", "2026-02-03")).toEqual(["2026-02", "2026-01", "2025-12", "2025-11"]);
  });
});

const street = (code: string, closed: number, total: number, extra: Partial<RankInput> = {}): RankInput => ({
  code,
  name: `街道${code}`,
  total,
  closed,
  overdue: extra.overdue ?? total - closed,
  closureRate: total ? closed / total : null,
  onTimeClosureRate: extra.onTimeClosureRate ?? (total ? closed / total : null),
  ...extra,
});

describe("street ranking (红榜/黑榜)", () => {
  it("ranks by closure rate, then on-time rate, then fewer overdue, then code", () => {
    const r = rankStreets([
      street("370285003", 8, 10),
      street("370285001", 9, 10, { onTimeClosureRate: 0.5 }),
      street("370285002", 9, 10, { onTimeClosureRate: 0.8 }),
      street("370285005", 5, 10, { overdue: 1 }),
      street("370285004", 5, 10, { overdue: 4 }),
    ]);
    expect(r.ranked.map((s) => s.code)).toEqual(["370285002", "370285001", "370285003", "370285005", "370285004"]);
    expect(r.ranked.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5]);
  });
  it("leaves streets with too few tasks out of the ranking but reports them", () => {
    const r = rankStreets([street("370285001", RANKING_MIN_TASKS - 1, RANKING_MIN_TASKS - 1), street("370285002", 1, 10), street("370285003", 0, 0)]);
    expect(r.ranked.map((s) => s.code)).toEqual(["370285002"]);
    expect(r.unranked.map((s) => s.code).sort()).toEqual(["370285001", "370285003"]);
  });
  it("red = best five, black = worst five (worst first), never the same street on both", () => {
    const many = Array.from({ length: 12 }, (_, i) => street(`3702850${String(i + 10).padStart(2, "0")}`, i, 12));
    const r = rankStreets(many);
    expect(r.red).toHaveLength(RANKING_SIZE);
    expect(r.black).toHaveLength(RANKING_SIZE);
    expect(r.red[0]!.closed).toBe(11);
    expect(r.black[0]!.closed).toBe(0);
    const three = rankStreets(many.slice(0, 3));
    expect([three.red.length, three.black.length]).toEqual([2, 1]);
    const seven = rankStreets(many.slice(0, 7));
    const both = seven.red.filter((x) => seven.black.some((y) => y.code === x.code));
    expect(both).toEqual([]);
    expect(seven.red.length + seven.black.length).toBe(7);
  });
});

describe("Chinese number formatting", () => {
  it("writes large counts with 万 and 亿, small ones with separators", () => {
    expect(zhCount(9876)).toBe("9,876");
    expect(zhCount(123456)).toBe("12.3万");
    expect(zhCount(2_000_000)).toBe("200万");
    expect(zhCount(350_000_000)).toBe("3.5亿");
  });
  it("hours keep one decimal, shares are percentages, no data is a dash not 0%", () => {
    expect(zhHours(12345.67)).toBe("12,345.7");
    expect(zhPercent(0.85671)).toBe("85.7%");
    expect(zhPercent(null)).toBe("—");
    expect(formatCell(null, "percent")).toBe("—");
    expect(formatCell(0, "percent")).toBe("0.0%");
    expect(zhDelta(3)).toBe("+3");
    expect(zhDelta(-2.5)).toBe("−2.5");
    expect(zhDelta(0)).toBe("0");
  });
  it("headers carry units; CSV writes percentages as numbers of percent", () => {
    expect(headerLabel({ key: "h", label: "认定服务时长", kind: "hours", unit: "小时" })).toBe("认定服务时长（小时）");
    // The cells of a share already show "%": no "（%）" in its header, except in CSV where it is a number.
    expect(headerLabel({ key: "r", label: "整改率", kind: "percent" })).toBe("整改率");
    expect(csvHeader({ label: "整改率", kind: "percent" })).toBe("整改率（%）");
    expect(csvHeader({ label: "认定服务时长", kind: "hours", unit: "小时" })).toBe("认定服务时长（小时）");
    expect(csvValue(0.8567, "percent")).toBe(85.7);
    expect(csvValue(12.345, "hours")).toBe(12.35);
  });
});

describe("CSV safety", () => {
  it("neutralises text that a spreadsheet would run as a formula", () => {
    for (const s of ["=1+1", "+86 123", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]) expect(neutralizeCell(s)).toBe(`'${s}`);
    expect(neutralizeCell("水集街道")).toBe("水集街道");
    expect(neutralizeCell(-5)).toBe("-5");
    expect(neutralizeCell(null)).toBe("");
  });
  it("quotes per RFC 4180 and starts with a BOM, lines end in CRLF", () => {
    expect(csvField('说"明"')).toBe('"说""明"""');
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("第一行\n第二行")).toBe('"第一行\n第二行"');
    const csv = toCsv(["区域", "整改率（%）"], [["莱西市", 85.7], ['=HYPERLINK("x")', -1]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\uFEFF区域,整改率（%）\r\n莱西市,85.7\r\n"\'=HYPERLINK(""x"")",-1\r\n');
  });
});

describe("file names and charts", () => {
  it("names files in Chinese with scope and month, and encodes them for the download header", () => {
    const name = reportFileName("莱西市", "2026-11", "志愿服务/月报", "xlsx");
    expect(name).toBe("莱西市_2026年11月_志愿服务月报.xlsx");
    const cd = contentDisposition(name);
    expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+"/);
  });
  it("draws one bar per point, scaled to the maximum, and escapes labels", () => {
    const svg = barChartSvg([{ label: "<b>", value: 50 }, { label: "B", value: 100 }], { title: "整改率", unit: "%", max: 100, height: 300 });
    const heights = [...svg.matchAll(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(2);
    expect(heights[1]).toBeCloseTo(heights[0]! * 2, 0);
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;b&gt;");
  });
});

describe("what the exported documents print", () => {
  it("a tiny share reads <0.1%, never 0.0%; ids have no thousands separators", () => {
    expect(percentText(0.0003)).toBe("<0.1%");
    expect(formatCell(0.0003, "percent")).toBe("<0.1%");
    expect(formatCell(0, "percent")).toBe("0.0%");
    expect(formatCell(0.0005, "percent")).toBe("0.1%");
    expect(formatCell(12345, "int", { key: "id" })).toBe("12345");
    expect(formatCell(12345, "int", { key: "total" })).toBe("12,345");
  });
  it("measures Chinese as two half-width units and writes dates in Chinese", () => {
    expect(textUnits("市南区")).toBe(6);
    expect(textUnits("12.5%")).toBe(5);
    expect(textUnits("（人）")).toBe(6);
    expect(zhDate("2026-11-03")).toBe("2026年11月3日");
    expect(zhDate("2026-11-30T17:00:00Z")).toBe("2026年12月1日");
  });
  it("signs off as the region's office", () => {
    expect(reportOffice({ regionName: "青岛市", level: "city" })).toBe("青岛市文明办");
    expect(reportOffice({ regionName: "莱西市", level: "district" })).toBe("莱西市文明办");
    expect(reportOffice({ regionName: "水集街道", level: "street" })).toBe("水集街道办事处");
  });
  const cols: Column[] = [
    { key: "name", label: "街道（镇）", kind: "text" },
    { key: "total", label: "发现问题", kind: "int", unit: "个" },
    { key: "closureRate", label: "整改率", kind: "percent" },
    { key: "gaps", label: "空白领域", kind: "text" },
  ];
  const rows = [
    { name: "浮山新区街道", total: 1234, closureRate: 0.9, gaps: "关爱老年人、关爱未成年人、乡村振兴、城市温暖提升、环境保护、安全救助".repeat(2) },
    { name: "李村街道", total: 5, closureRate: 1, gaps: "无" },
  ];
  it("Word columns: names and numbers fit on one line, free text takes the rest, the table spans the page", () => {
    const w = columnWidths(cols, rows);
    expect(w.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
    // 浮山新区街道 = 12 half-width units of ~92 twips plus padding: never wrapped.
    expect(w[0]!).toBeGreaterThanOrEqual(12 * 92 + 230);
    expect(w[3]!).toBeGreaterThan(w[1]!);
    const narrow = columnWidths(cols.slice(0, 3), rows);
    expect(narrow.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
    expect(narrow[0]! / narrow[1]!).toBeGreaterThan(1);
  });
  it("Excel columns are as wide as their content, the unit on its own header line, dates as dates", () => {
    const w = sheetColumnWidths(cols, rows);
    expect(w[0]).toBe(12 + 2);
    expect(w[1]).toBe(Math.max(8, 6) + 2);
    expect(w[3]).toBe(48);
    expect(headerText(cols[1]!)).toBe("发现问题\n（个）");
    expect(headerText(cols[2]!)).toBe("整改率");
    expect(xlsxValue("2026-09-08")).toEqual(new Date("2026-09-08T00:00:00Z"));
    expect(xlsxValue("=cmd")).toBe("'=cmd");
    expect(xlsxValue(3)).toBe(3);
  });
});
