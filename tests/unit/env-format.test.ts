import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { formatCount, formatPercent } from "@/lib/format";

describe("environment", () => {
  it("names DATABASE_URL when it is not a postgres URL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ DATABASE_URL: "postgres://bad host/x" })).toThrow(/DATABASE_URL/);
  });
  it("defaults to the embedded database at .data/pglite", () => {
    const e = parseEnv({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.PGLITE_DIR).toBe(".data/pglite");
  });
  it("refuses a malformed PII key", () => {
    expect(() => parseEnv({ PII_KEY: "short" })).toThrow(/PII_KEY/);
  });
});

describe("Chinese number formatting", () => {
  it("uses 万 and 亿 for large counts", () => {
    expect(formatCount(123456)).toBe("12.3万");
    expect(formatCount(10071722)).toBe("1007.2万");
    expect(formatCount(123456789)).toBe("1.23亿");
  });
  it("keeps separators below 100,000", () => {
    expect(formatCount(98765)).toBe("98,765");
  });
  it("formats shares as percentages", () => {
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(null)).toBe("—");
  });
});
