import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { certificateNumber, nextCertificateNumber, parseCertificateNumber } from "@/lib/certificates/number";
import { certificatePdf, runsOf } from "@/lib/certificates/pdf";
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

describe("certificate PDF", () => {
  it("splits Chinese text into font-subset runs", () => {
    const runs = runsOf("姓名：张三 123");
    expect(runs.map((r) => r.text).join("")).toBe("姓名：张三 123");
    expect(runs.length).toBeGreaterThan(1);
  });
  it("writes extractable Chinese text with every required field", async () => {
    const bytes = await certificatePdf({
      number: "QDZY-2026-000007",
      name: "王秀英",
      idType: "居民身份证",
      idMasked: "370285********1234",
      volunteerNo: "QD3702850012345",
      periodFrom: "2026-01-01",
      periodTo: "2026-11-30",
      hours: 12.5,
      records: 2,
      activities: [{ date: "2026-11-28", title: "水集街道敬老院助老服务", organization: "水集街道志愿服务队", hours: 3.5 }],
      moreActivities: 0,
      organizations: ["水集街道志愿服务队"],
      issuer: "水集街道新时代文明实践所",
      handler: "李明",
      contact: "0532-88888888",
      issuedOn: "2026-11-30",
    });
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(pdf, { mergePages: true });
    for (const s of ["志愿服务记录证明", "王秀英", "370285********1234", "QD3702850012345", "12.5 小时", "QDZY-2026-000007", "水集街道新时代文明实践所", "李明", "敬老院"]) expect(text).toContain(s);
  });
});
