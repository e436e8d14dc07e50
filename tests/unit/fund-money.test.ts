import { describe, expect, it } from "vitest";
import { balanceOf, fenToYuan, yuanToFen } from "@/lib/funds/money";

describe("fund money: yuan outside, integer fen inside", () => {
  it("parses yuan with at most two decimals into fen, exactly (no float drift)", () => {
    expect(yuanToFen("0.01")).toBe(1);
    expect(yuanToFen("1234.5")).toBe(123450);
    expect(yuanToFen("1234.50")).toBe(123450);
    expect(yuanToFen(0.1 + 0.2 > 0.3 ? "0.30" : "0")).toBe(30);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen("100")).toBe(10000);
  });
  it("refuses zero, negatives, three decimals, words and grouping", () => {
    for (const bad of ["0", "0.00", "-1", "1.234", "abc", "1,000", "", " ", "1e3"]) expect(yuanToFen(bad), bad).toBeNull();
  });
  it("prints fen as yuan with two decimals", () => {
    expect(fenToYuan(0)).toBe("0.00");
    expect(fenToYuan(5)).toBe("0.05");
    expect(fenToYuan(123450)).toBe("1234.50");
    expect(fenToYuan(-99)).toBe("-0.99");
  });
  it("balance = Σ in − Σ out; a reversal brings it back", () => {
    const e = [
      { kind: "in" as const, amountFen: 500000 },
      { kind: "out" as const, amountFen: 120000 },
      { kind: "out" as const, amountFen: 8605 },
    ];
    expect(balanceOf(e)).toBe(371395);
    expect(balanceOf([...e, { kind: "in", amountFen: 8605 }])).toBe(380000);
  });
});
