import { describe, expect, it } from "vitest";
import { parseOrgFilters } from "@/lib/organizations/rules";
import { parseProjectFilters } from "@/lib/projects/rules";
import { filtersToQuery, parseVolunteerFilters } from "@/lib/volunteers/filters";
import { clientIp, RateLimiter, rateLimitMessage, sharedLimiter } from "@/lib/rate-limit";
import { hoursToNextStar, maskIdCard, maskPhone, starLevel } from "@/lib/volunteers/rules";

describe("rate limit for the public page", () => {
  it("allows 5 per minute, then refuses with the seconds to wait", () => {
    const rl = new RateLimiter([{ ms: 60_000, max: 5 }, { ms: 86_400_000, max: 30 }]);
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) expect(rl.take("1.2.3.4", t0 + i).ok).toBe(true);
    const r = rl.take("1.2.3.4", t0 + 10);
    expect(r).toMatchObject({ ok: false, retryAfter: 60 });
    expect(rl.take("5.6.7.8", t0 + 10).ok).toBe(true); // per address
    expect(rl.take("1.2.3.4", t0 + 60_001).ok).toBe(true);
  });
  it("caps a day at 30", () => {
    const rl = new RateLimiter([{ ms: 60_000, max: 5 }, { ms: 86_400_000, max: 30 }]);
    let t = 0;
    for (let i = 0; i < 30; i++) {
      expect(rl.take("ip", t).ok).toBe(true);
      t += 61_000;
    }
    const r = rl.take("ip", t);
    expect(r.ok).toBe(false);
    expect(!r.ok && rateLimitMessage(r.retryAfter)).toContain("今天");
  });
  it("keys on the TCP peer, not on forwarded headers a client can send", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6", "x-civic-peer": "10.0.0.9" }))).toBe("10.0.0.9");
    expect(clientIp(new Headers({ "x-real-ip": "10.0.0.8" }))).toBe("unknown");
    expect(clientIp(new Headers())).toBe("unknown");
  });
  it("one limiter per name in the process: a second lookup counts against the same windows", () => {
    const w = [{ ms: 60_000, max: 1 }];
    expect(sharedLimiter("unit-test", w).take("1.2.3.4").ok).toBe(true);
    expect(sharedLimiter("unit-test", w).take("1.2.3.4").ok).toBe(false);
    expect(sharedLimiter("unit-test-other", w).take("1.2.3.4").ok).toBe(true);
  });
  it("says what happens when the day's allowance is spent, per page", () => {
    expect(rateLimitMessage(86_400, "今天已达上限")).toBe("今天已达上限");
  });
  it("says seconds or minutes in Chinese", () => {
    expect(rateLimitMessage(42)).toBe("提交过于频繁，请 42 秒后再试");
    expect(rateLimitMessage(600)).toBe("提交过于频繁，请 10 分钟后再试");
  });
});

describe("search filters in the URL", () => {
  it("parses, drops bad values with a message naming the parameter, and round-trips", () => {
    const { filters, errors } = parseVolunteerFilters({ q: " 张 ", region: "370285001", org: "12", star: "3", sector: "elderly", active: "1", page: "2" });
    expect(errors).toEqual([]);
    expect(filters).toEqual({ q: "张", region: "370285001", org: 12, star: 3, sector: "elderly", active: true, page: 2 });
    expect(filtersToQuery(filters)).toBe("?q=%E5%BC%A0&region=370285001&org=12&star=3&sector=elderly&active=1&page=2");
    const bad = parseVolunteerFilters({ region: "abc", star: "9", sector: "x", page: "-1" });
    expect(bad.errors.map((e) => e.split("：")[0])).toEqual(["region", "star", "sector", "page"]);
    expect(bad.filters).toMatchObject({ region: "", star: null, sector: null, page: 1 });
  });
});

describe("masking and stars (as the pages show them)", () => {
  it("masks", () => {
    expect(maskIdCard("370285", "123X")).toBe("370285********123X");
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("5678")).toBe("*******5678");
  });
  it.each([
    [0, 0, 100],
    [100, 1, 200],
    [300, 2, 300],
    [600, 3, 400],
    [1000, 4, 500],
    [1499.5, 4, 0.5],
    [1500, 5, null],
  ])("%s h → %s★, %s h to the next", (h, s, next) => {
    expect(starLevel(h)).toBe(s);
    expect(hoursToNextStar(h)).toBe(next);
  });
});

describe("control characters in the URL (a NUL once gave a 500)", () => {
  it("are dropped and reported naming the parameter, for volunteers, organizations and projects", () => {
    for (const parse of [parseVolunteerFilters, parseOrgFilters, parseProjectFilters]) {
      const r = parse({ q: "a\u0000b", region: "370285" });
      expect(r.errors).toEqual(["q: 含有不可见的控制字符，请删除后重试"]);
      expect(r.filters).toMatchObject({ q: "", region: "370285" });
    }
    expect(parseVolunteerFilters({ q: ["张\u0007", "李"] }).errors[0]).toMatch(/^q: /);
  });
});

