import { describe, expect, it } from "vitest";
import { csvCell, neutralizeFormula } from "@/lib/admin/audit-query";
import { buildCsp } from "@/lib/security/csp";
import { clientIpFrom, ipAllowed, isValidAllowEntry } from "@/lib/security/ip";
import { badContentType, crossOriginReason } from "@/lib/security/origin";
import { DEFAULT_SECURITY_SETTINGS, SecuritySettingsSchema } from "@/lib/security/settings";
import { bearerFrom, tokenAllows } from "@/lib/security/tokens";

const req = (h: Record<string, string>, url = "http://127.0.0.1:3000/api/v1/tasks") => new Request(url, { method: "POST", headers: h });

describe("security settings bounds", () => {
  it("refuses audit retention under 180 days and lockout thresholds outside 3–10", () => {
    expect(SecuritySettingsSchema.safeParse(DEFAULT_SECURITY_SETTINGS).success).toBe(true);
    const short = SecuritySettingsSchema.safeParse({ ...DEFAULT_SECURITY_SETTINGS, auditRetentionDays: 179 });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.message).toContain("180");
    expect(SecuritySettingsSchema.safeParse({ ...DEFAULT_SECURITY_SETTINGS, lockoutThreshold: 50 }).success).toBe(false);
    expect(SecuritySettingsSchema.safeParse({ ...DEFAULT_SECURITY_SETTINGS, adminIpAllowList: ["not-an-ip"] }).success).toBe(false);
  });
});

describe("client address and allow-list", () => {
  it("with no proxy configured (the default) takes the TCP peer and ignores forwarded headers a client can forge", () => {
    const forged = new Headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7", "x-civic-peer": "::ffff:203.0.113.9" });
    expect(clientIpFrom((n) => forged.get(n), 0)).toBe("203.0.113.9");
    expect(clientIpFrom((n) => forged.get(n), 0)).toBe("203.0.113.9");
    // Without the peer (plain `next start`) the address is unknown, never the client's claim.
    const noPeer = new Headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" });
    expect(clientIpFrom((n) => noPeer.get(n), 0)).toBeNull();
  });
  it("behind N trusted proxies takes the entry N places from the right of X-Forwarded-For", () => {
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.5, 10.0.0.1", "x-civic-peer": "10.0.0.254" });
    expect(clientIpFrom((n) => h.get(n), 1)).toBe("10.0.0.1");
    expect(clientIpFrom((n) => h.get(n), 2)).toBe("10.0.0.5");
    expect(clientIpFrom((n) => h.get(n), 5)).toBeNull();
    expect(clientIpFrom(() => null, 1)).toBeNull();
    expect(clientIpFrom((n) => (n === "x-forwarded-for" ? "::ffff:127.0.0.1" : null), 1)).toBe("127.0.0.1");
  });
  it("matches IPv4 addresses and CIDRs; an empty list allows everyone", () => {
    expect(ipAllowed("10.1.2.3", [])).toBe(true);
    expect(ipAllowed("10.1.2.3", ["10.0.0.0/8"])).toBe(true);
    expect(ipAllowed("11.1.2.3", ["10.0.0.0/8"])).toBe(false);
    expect(ipAllowed("192.168.1.7", ["192.168.1.7"])).toBe(true);
    expect(ipAllowed(null, ["10.0.0.0/8"])).toBe(false);
    expect(ipAllowed("::1", ["::1"])).toBe(true);
    expect(isValidAllowEntry("10.0.0.0/33")).toBe(false);
    expect(isValidAllowEntry("300.1.1.1")).toBe(false);
  });
});

describe("same-origin and content-type rules", () => {
  it("refuses a foreign Origin or a cross-site fetch, accepts ours and header-less clients", () => {
    expect(crossOriginReason(req({ origin: "https://evil.example" }))).toMatch(/origin/);
    expect(crossOriginReason(req({ "sec-fetch-site": "cross-site" }))).toMatch(/cross-site/);
    expect(crossOriginReason(req({ "sec-fetch-site": "same-site" }))).toMatch(/same-site/);
    expect(crossOriginReason(req({ origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(crossOriginReason(req({}))).toBeNull();
  });
  it("accepts JSON and multipart, refuses form and text bodies", () => {
    expect(badContentType(req({ "content-type": "application/json; charset=utf-8" }))).toBe(false);
    expect(badContentType(req({ "content-type": "multipart/form-data; boundary=x" }))).toBe(false);
    expect(badContentType(req({ "content-type": "application/x-www-form-urlencoded" }))).toBe(true);
    expect(badContentType(req({ "content-type": "text/plain" }))).toBe(true);
    expect(badContentType(req({ "content-length": "0" }))).toBe(false);
  });
});

describe("tokens, CSV and CSP", () => {
  it("reads bearer tokens and checks area permissions (write implies read)", () => {
    expect(bearerFrom(req({ authorization: "Bearer cct_abc" }))).toBe("cct_abc");
    expect(bearerFrom(req({ authorization: "Basic xyz" }))).toBe("");
    expect(bearerFrom(req({}))).toBeNull();
    expect(tokenAllows(["tasks:write"], "tasks", false)).toBe(true);
    expect(tokenAllows(["tasks:read"], "tasks", true)).toBe(false);
    expect(tokenAllows(["tasks:read"], "volunteers", false)).toBe(false);
    // tokens issued when 活动与工时 was the `activities` area keep working under its new name
    expect(tokenAllows(["activities:write"], "service-hours", true)).toBe(true);
    expect(tokenAllows(["activities:read"], "service-hours", false)).toBe(true);
    expect(tokenAllows(["activities:read"], "service-hours", true)).toBe(false);
  });
  it("neutralises spreadsheet formulas and quotes CSV cells", () => {
    expect(neutralizeFormula("=HYPERLINK(\"x\")")).toBe("'=HYPERLINK(\"x\")");
    expect(neutralizeFormula("+1")).toBe("'+1");
    expect(neutralizeFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutralizeFormula("正常")).toBe("正常");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(null)).toBe("");
  });
  it("the page CSP has a nonce, no unsafe-inline script, and the required directives", () => {
    const csp = buildCsp("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain("unsafe-eval");
    for (const d of ["object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'"]) expect(csp).toContain(d);
  });
});
