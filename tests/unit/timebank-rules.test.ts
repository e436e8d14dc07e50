import { describe, expect, it } from "vitest";
import { certificateNumber, nextCertificateNumber, parseCertificateNumber } from "@/lib/certificates/number";
import { checkHours, defaultHours, pointsForHours, spanHours } from "@/lib/service-hours/rules";
import { isIdempotencyKey, pickupCode, rewardOpenTo } from "@/lib/timebank/rules";
import { starLevel, STAR_THRESHOLDS } from "@/lib/volunteers/rules";

const at = (s: string) => new Date(`${s}+08:00`);

describe("hour bounds", () => {
  const span = spanHours(at("2026-11-28T09:00:00"), at("2026-11-28T12:30:00"));
  it("defaults to the activity's duration", () => {
    expect(span).toBe(3.5);
    expect(defaultHours(at("2026-11-28T09:00:00"), at("2026-11-28T12:30:00"))).toBe(3.5);
    expect(defaultHours(at("2026-11-27T09:00:00"), at("2026-11-29T09:00:00"))).toBe(24);
  });
  it("accepts values in (0, span]", () => {
    expect(checkHours("3.5", span)).toEqual({ ok: true, hours: 3.5 });
    expect(checkHours(0.25, span)).toEqual({ ok: true, hours: 0.25 });
  });
  it("refuses zero, negative, non-numbers, too many decimals and more than the span or a day", () => {
    expect(checkHours(0, span).ok).toBe(false);
    expect(checkHours(-1, span).ok).toBe(false);
    expect(checkHours("abc", span).ok).toBe(false);
    expect(checkHours("", span).ok).toBe(false);
    expect(checkHours(1.234, span).ok).toBe(false);
    const over = checkHours(3.51, span);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.message).toContain("3.5");
    expect(checkHours(25, null).ok).toBe(false);
    expect(checkHours(24, null).ok).toBe(true);
  });
});

describe("point conversion and star levels", () => {
  it("converts hours at the configured rate, rounded to whole points", () => {
    expect(pointsForHours(3.5, 10)).toBe(35);
    expect(pointsForHours(1.25, 10)).toBe(13);
    expect(pointsForHours(2, 15)).toBe(30);
  });
  it("moves a star at each threshold of verified hours", () => {
    expect(starLevel(0)).toBe(0);
    expect(starLevel(STAR_THRESHOLDS[0] - 0.01)).toBe(0);
    expect(starLevel(STAR_THRESHOLDS[0])).toBe(1);
    expect(starLevel(STAR_THRESHOLDS[4])).toBe(5);
    expect(starLevel(99_999)).toBe(5);
  });
});

describe("certificate numbering", () => {
  it("formats a readable, fixed-width number per year", () => {
    expect(certificateNumber(2026, 123)).toBe("QDZY-2026-000123");
    expect(parseCertificateNumber("qdzy-2026-000123")).toEqual({ year: 2026, seq: 123 });
    expect(parseCertificateNumber("QDZY-2026-12")).toBeNull();
    expect(parseCertificateNumber("QDZY-2026-000000")).toBeNull();
    expect(() => certificateNumber(2026, 0)).toThrow();
    expect(() => certificateNumber(2026, 1_000_000)).toThrow();
  });
  it("continues the year's sequence and restarts in a new year", () => {
    expect(nextCertificateNumber(2026, null)).toBe("QDZY-2026-000001");
    expect(nextCertificateNumber(2026, "QDZY-2026-000041")).toBe("QDZY-2026-000042");
    expect(nextCertificateNumber(2027, "QDZY-2026-000041")).toBe("QDZY-2027-000001");
  });
});

describe("redemption rules", () => {
  it("pickup codes are unique-looking and unambiguous", () => {
    const codes = new Set(Array.from({ length: 500 }, pickupCode));
    expect(codes.size).toBe(500);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  });
  it("idempotency keys and reward reach", () => {
    expect(isIdempotencyKey("abc")).toBe(false);
    expect(isIdempotencyKey("redeem-2026-11-30-0001")).toBe(true);
    expect(isIdempotencyKey("has space in it")).toBe(false);
    expect(rewardOpenTo("370285", "370285001002")).toBe(true);
    expect(rewardOpenTo("370285002", "370285001002")).toBe(false);
  });
});
