import { describe, expect, it } from "vitest";
import { hoursToNextStar, idCardCheckChar, isMobile, makeIdCard, maskIdCard, maskIdCardFull, maskPhone, parseIdCard, starLevel } from "@/lib/volunteers/rules";

describe("ID-card numbers (GB 11643)", () => {
  it("accepts a number whose check digit is X", () => {
    // 11010519491231002X is the standard's worked example.
    const r = parseIdCard("11010519491231002x");
    expect(r).toMatchObject({ ok: true, normalized: "11010519491231002X", birthDate: "1949-12-31", gender: "F" });
  });
  it("derives male from an odd 17th digit", () => {
    const id = makeIdCard("370285", "1990-05-17", 13);
    const r = parseIdCard(id);
    expect(r.ok && r.gender).toBe("M");
    expect(r.ok && r.birthDate).toBe("1990-05-17");
  });
  it("refuses a wrong check digit, naming the problem", () => {
    const id = makeIdCard("370285", "1990-05-17", 12);
    const wrong = id.slice(0, 17) + (id[17] === "1" ? "2" : "1");
    expect(parseIdCard(wrong)).toEqual({ ok: false, error: "身份证号校验位不正确" });
  });
  it("refuses wrong length and impossible birth dates", () => {
    expect(parseIdCard("37028519900517")).toMatchObject({ ok: false });
    const first17 = "37028519900231001"; // 31 February
    expect(parseIdCard(first17 + idCardCheckChar(first17))).toEqual({ ok: false, error: "身份证号中的出生日期无效" });
  });
});

describe("masking", () => {
  it("shows the first 6 and last 4 digits of an ID", () => {
    expect(maskIdCard("370285", "1234")).toBe("370285********1234");
    expect(maskIdCardFull("370285199005171234")).toBe("370285********1234");
  });
  it("shows a phone as 138****5678", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
  });
  it("recognizes mainland mobile numbers", () => {
    expect(isMobile("13812345678")).toBe(true);
    expect(isMobile("12812345678")).toBe(false);
    expect(isMobile("1381234567")).toBe(false);
  });
});

describe("star levels from verified hours", () => {
  it.each([
    [0, 0],
    [99.5, 0],
    [100, 1],
    [299.99, 1],
    [300, 2],
    [600, 3],
    [999, 3],
    [1000, 4],
    [1500, 5],
    [4000, 5],
  ])("%s h → %s★", (h, s) => expect(starLevel(h)).toBe(s));
  it("says how far the next star is", () => {
    expect(hoursToNextStar(250)).toBe(50);
    expect(hoursToNextStar(1500)).toBeNull();
  });
});
