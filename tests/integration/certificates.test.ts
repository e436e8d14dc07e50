/**
 * Certificates on the seeded database (PGlite and PostgreSQL): the issuing office comes from the
 * issuer's account, every certificate gets its own random verification code, the public check needs
 * number AND code (unknown number and wrong code answer alike, name masked), the signed-in lookup
 * by number stays inside the user's scope, and the public check API is rate-limited per address.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as checkRoute } from "@/app/api/v1/certificates/check/route";
import { type Db, rows } from "@/db/client";
import { certificates } from "@/db/schema";
import { CHECK_NOT_FOUND, checkCertificate } from "@/lib/certificates/check";
import { certificateCheckLimiter } from "@/lib/certificates/limits";
import { getCertificate, issueCertificate } from "@/lib/certificates/service";
import { CODE_ALPHABET, normalizeVerifyCode } from "@/lib/certificates/verify";
import type { CurrentUser } from "@/lib/auth/session";
import { testDb, userFor } from "../support/db";

let db: Db;
const A: Record<string, CurrentUser> = {};
let vol: { id: number; hours: number; records: number };

beforeAll(async () => {
  db = await testDb();
  for (const u of ["shuiji_street", "wangcheng_street", "laixi_wmb", "org_admin"]) {
    A[u] = { ...(await userFor(u)), ip: "127.0.0.1" };
  }
  // The shuiji volunteer with the most verified hours (seeded).
  const [v] = await rows<{ id: number; hours: string; n: number }>(
    db,
    sql`SELECT v.id, sum(s.hours) AS hours, count(*)::int AS n FROM service_records s JOIN volunteers v ON v.id = s.volunteer_id
        WHERE s.status = 'verified' AND v.community_code LIKE ${`${A.shuiji_street!.scopeCode}%`} AND s.service_date BETWEEN '2000-01-01' AND '2099-12-31'
          AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.volunteer_id = v.id AND m.organization_id = ${A.org_admin!.organizationId})
        GROUP BY v.id ORDER BY count(*) DESC, v.id LIMIT 1`,
  );
  expect(v, "the test profile seeds verified hours in 水集").toBeDefined();
  vol = { id: v!.id, hours: Math.round(Number(v!.hours) * 100) / 100, records: v!.n };
});

const input = () => ({ volunteerId: vol.id, from: "2000-01-01", to: "2099-12-31", handler: "测试经办人", contact: "0532-1" });

describe("issuing", () => {
  it("prints the issuer's own office, the verified hours, and a fresh random code per certificate", async () => {
    const a = await issueCertificate(db, A.shuiji_street!, input());
    const b = await issueCertificate(db, A.shuiji_street!, input());
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.content.issuer).toBe("水集街道办事处");
    expect(a.content.hours).toBe(vol.hours);
    expect(a.content.records).toBe(vol.records);
    expect(a.verifyCode).toMatch(new RegExp(`^[${CODE_ALPHABET}]{10}$`));
    expect(a.verifyCode).not.toBe(b.verifyCode);
    expect(a.verifyCode).not.toContain(a.number.slice(-6));
    expect(a.verifyUrl).toBe(`/verify/${a.number}?code=${a.verifyCode}`);
    const [row] = await db.select({ code: certificates.verifyCode, issuer: certificates.issuerName }).from(certificates).where(eq(certificates.id, a.id));
    expect(row).toEqual({ code: a.verifyCode, issuer: "水集街道办事处" });
  });

  it("issues as the district office for 文明办 staff and refuses a volunteer outside the scope", async () => {
    const d = await issueCertificate(db, A.laixi_wmb!, input());
    expect(d.ok && d.content.issuer).toBe("莱西市文明办");
    expect(await issueCertificate(db, A.wangcheng_street!, input())).toMatchObject({ ok: false, code: "not_found" });
  });

  it("an organization admin issues only for its members, as the organization (issue 14: not for a non-member)", async () => {
    const org = A.org_admin!;
    expect(await issueCertificate(db, org, input())).toMatchObject({ ok: false, code: "not_found" });
    const a = await issueCertificate(db, A.shuiji_street!, input());
    if (!a.ok) throw new Error("issue failed");
    expect(await getCertificate(db, org, { id: a.id })).toBeNull();
    const [m] = await rows<{ id: number; name: string }>(db, sql`SELECT m.volunteer_id AS id, o.name FROM memberships m JOIN organizations o ON o.id = m.organization_id WHERE m.organization_id = ${org.organizationId} ORDER BY m.volunteer_id LIMIT 1`);
    expect(m, "the test profile seeds members of the org_admin's organization").toBeDefined();
    const own = await issueCertificate(db, org, { ...input(), volunteerId: m!.id });
    expect(own.ok && own.content.issuer).toBe(m!.name);
    if (own.ok) expect((await getCertificate(db, org, { id: own.id }))?.id).toBe(own.id);
  });

  it("refuses a period ending before it starts, naming the field", async () => {
    expect(await issueCertificate(db, A.shuiji_street!, { ...input(), from: "2026-02-01", to: "2026-01-01" })).toMatchObject({ ok: false, code: "invalid", fields: ["to"] });
  });
});

describe("checking", () => {
  it("needs the number and the code; an unknown number and a wrong code answer alike", async () => {
    const a = await issueCertificate(db, A.shuiji_street!, input());
    const other = await issueCertificate(db, A.shuiji_street!, input());
    if (!a.ok || !other.ok) throw new Error("issue failed");
    const ok = await checkCertificate(db, { number: a.number.toLowerCase(), code: a.verifyCode.toLowerCase().replace(/(.{5})/, "$1-") });
    expect(ok).toMatchObject({ number: a.number, issuer: "水集街道办事处", hours: vol.hours, issuedOn: a.content.issuedOn });
    expect(ok!.holder).toBe(a.content.name[0] + "*".repeat([...a.content.name].length - 1));
    expect(JSON.stringify(ok)).not.toContain(a.content.idMasked);
    expect(JSON.stringify(ok)).not.toContain(a.content.volunteerNo);
    expect(await checkCertificate(db, { number: a.number, code: other.verifyCode })).toBeNull();
    expect(await checkCertificate(db, { number: a.number, code: "" })).toBeNull();
    expect(await checkCertificate(db, { number: "QDZY-2099-999999", code: a.verifyCode })).toBeNull();
  });

  it("the signed-in lookup by number shows only certificates in the user's own scope", async () => {
    const a = await issueCertificate(db, A.shuiji_street!, input());
    if (!a.ok) throw new Error("issue failed");
    expect((await getCertificate(db, A.shuiji_street!, { number: a.number }))?.id).toBe(a.id);
    expect(await getCertificate(db, A.laixi_wmb!, { number: a.number })).not.toBeNull();
    expect(await getCertificate(db, A.wangcheng_street!, { number: a.number })).toBeNull();
    expect(await getCertificate(db, A.wangcheng_street!, { id: a.id })).toBeNull();
  });

  it("GET /api/v1/certificates/check answers without a login, 404 with one message, and 429 past the limit", async () => {
    const a = await issueCertificate(db, A.shuiji_street!, input());
    if (!a.ok) throw new Error("issue failed");
    certificateCheckLimiter().reset();
    const hops = process.env.TRUST_PROXY_HOPS;
    process.env.TRUST_PROXY_HOPS = "1"; // the address a proxy in front appended
    const get = (q: string, ip = "198.51.100.7") => checkRoute(new Request(`http://localhost/api/v1/certificates/check?${q}`, { headers: { "x-forwarded-for": ip } }), { params: Promise.resolve({}) });
    const good = await get(`number=${a.number}&code=${a.verifyCode}`);
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ number: a.number, issuer: "水集街道办事处", hours: vol.hours });
    const wrong = await get(`number=${a.number}&code=ZZZZZZZZZZ`);
    const unknown = await get(`number=QDZY-2099-999999&code=${a.verifyCode}`);
    expect([wrong.status, unknown.status]).toEqual([404, 404]);
    expect((await wrong.json()).message).toBe(CHECK_NOT_FOUND);
    expect((await unknown.json()).message).toBe(CHECK_NOT_FOUND);
    let last = good;
    for (let i = 0; i < 10; i++) last = await get(`number=${a.number}&code=${a.verifyCode}`);
    expect(last.status).toBe(429);
    expect((await last.json()).retryAfter).toBeGreaterThan(0);
    expect((await get(`number=${a.number}&code=${a.verifyCode}`, "198.51.100.8")).status).toBe(200);
    certificateCheckLimiter().reset();
    if (hops === undefined) delete process.env.TRUST_PROXY_HOPS;
    else process.env.TRUST_PROXY_HOPS = hops;
  });

  it("the migration's code for certificates issued before it reads as a code", async () => {
    const [r] = await rows<{ c: string }>(db, sql`SELECT translate(upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12)), '01', 'WZ') AS c`);
    expect(normalizeVerifyCode(r!.c)).toBe(r!.c);
    for (const ch of r!.c) expect(CODE_ALPHABET).toContain(ch);
    const [n] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM certificates WHERE verify_code IS NULL OR length(verify_code) < 8`);
    expect(n!.n).toBe(0);
  });
});
