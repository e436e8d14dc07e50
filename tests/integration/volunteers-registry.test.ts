import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { auditLog, permissionGrants, regions, volunteers } from "@/db/schema";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { CurrentUser } from "@/lib/auth/session";
import { getCampaign } from "@/lib/campaign/queries";
import { computeFigures } from "@/lib/metrics/compute";
import { RAW_ROLLUP_SQL, ROLLUP_METRICS } from "@/lib/metrics/rollup";
import { decryptPii, encryptPii, piiHash } from "@/lib/volunteers/pii";
import { getVolunteer, revealPii, searchVolunteers } from "@/lib/volunteers/queries";
import { registerVolunteer } from "@/lib/volunteers/register";
import { validateRegistration } from "@/lib/volunteers/registration";
import { makeIdCard } from "@/lib/volunteers/rules";
import { testDb, userFor } from "../support/db";

const TODAY = "2026-11-30";
const SHUIJI = "370285001";
let shuijiCommunity = "";
let otherCommunity = "";

async function registered(code: string): Promise<number> {
  const db = await testDb();
  const campaign = await getCampaign(db);
  const kids = await db.select({ code: regions.code, population: regions.population }).from(regions).where(eq(regions.parentCode, code)).orderBy(asc(regions.code));
  const f = await computeFigures(db, { code, from: campaign.start, to: TODAY, campaignStart: campaign.start }, new Map(kids.map((k) => [k.code, k.population])), 0);
  return f.total.registeredVolunteers;
}

function reg(name: string, id: string, community: string, extra: Record<string, unknown> = {}) {
  const v = validateRegistration({ name, idCard: id, phone: "13700001111", communityCode: community, ...extra }, TODAY);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.data;
}

const filters = { q: "", region: "", org: null, star: null, sector: null, active: null, page: 1 };

beforeAll(async () => {
  const db = await testDb();
  const [c] = await rows<{ code: string }>(db, sql`SELECT code FROM regions WHERE parent_code = ${SHUIJI} ORDER BY code LIMIT 1`);
  shuijiCommunity = c!.code;
  const [o] = await rows<{ code: string }>(db, sql`SELECT code FROM regions WHERE level = 'community' AND code LIKE '370202%' ORDER BY code LIMIT 1`);
  otherCommunity = o!.code;
});

describe("personal data at rest", () => {
  it("round-trips through AES-256-GCM with a fresh IV each time, and the stored hash/fragments match", async () => {
    const a = encryptPii("370285199005170013");
    const b = encryptPii("370285199005170013");
    expect(a).not.toBe(b);
    expect(decryptPii(a)).toBe("370285199005170013");
    expect(() => decryptPii(a.slice(0, -2) + (a.endsWith("A") ? "BB" : "AA"))).toThrow();
    const db = await testDb();
    const seeded = await db.select().from(volunteers).orderBy(asc(volunteers.id)).limit(5);
    for (const v of seeded) {
      const id = decryptPii(v.idCardEnc);
      expect(id).toMatch(/^\d{17}[\dX]$/);
      expect(piiHash(id)).toBe(v.idCardHash);
      expect(id.slice(0, 6)).toBe(v.idPrefix);
      expect(id.slice(-4)).toBe(v.idLast4);
      expect(v.idCardEnc).not.toContain(id);
      expect(decryptPii(v.phoneEnc).slice(-4)).toBe(v.phoneLast4);
    }
  });
});

describe("registration", () => {
  it("registers once; the same ID number again is refused through the keyed hash, naming where, with no second record", async () => {
    const db = await testDb();
    const officer = await userFor("shuiji_street");
    const id = makeIdCard("370285", "1991-07-08", 777);
    const before = await registered("3702");
    const beforeStreet = await registered(SHUIJI);
    const r = await registerVolunteer(db, officer, reg("测试甲", id, shuijiCommunity, { sectorIntentions: ["elderly"], skills: ["急救"] }));
    expect(r).toMatchObject({ ok: true, registeredOn: TODAY });
    // the cockpit's registered count moves at once, at the city and the street
    expect(await registered("3702")).toBe(before + 1);
    expect(await registered(SHUIJI)).toBe(beforeStreet + 1);

    const again = await registerVolunteer(db, officer, reg("测试乙", id.toLowerCase(), shuijiCommunity));
    expect(again).toMatchObject({ ok: false, code: "duplicate" });
    if (again.ok || again.code !== "duplicate") return;
    expect(again.message).toContain("该身份证号已注册");
    expect(again.message).toContain("水集街道");
    expect(again.message).not.toContain("测试甲");
    expect((again.extra?.duplicate as { volunteerId: number } | null)?.volunteerId).toBe(r.ok ? r.id : -1);
    // the public page learns only that it is registered and whom to ask
    const pub = await registerVolunteer(db, null, { ...reg("测试丙", id, shuijiCommunity), ip: "203.0.113.5" });
    expect(pub).toMatchObject({ ok: false, code: "duplicate", extra: { duplicate: null } });
    if (!pub.ok && pub.code === "duplicate") {
      expect(pub.message).not.toContain("水集");
      expect(pub.message).toContain("社区");
    }
    const n = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM volunteers WHERE id_card_hash = ${piiHash(id)}`);
    expect(n[0]!.n).toBe(1);
    expect(await registered("3702")).toBe(before + 1);
  });

  it("refuses a community outside the officer's street and an unknown community", async () => {
    const db = await testDb();
    const officer = await userFor("shuiji_street");
    const r = await registerVolunteer(db, officer, reg("测试丁", makeIdCard("370285", "1992-01-02", 11), otherCommunity));
    expect(r).toMatchObject({ ok: false, code: "invalid", fields: ["communityCode"], message: "所属社区不在您的管辖范围内" });
    const r2 = await registerVolunteer(db, null, reg("测试丁", makeIdCard("370285", "1992-01-02", 11), "370285999999"));
    expect(r2).toMatchObject({ ok: false, code: "invalid", fields: ["communityCode"] });
  });

  it("an org admin's registration joins their organization, and they see their members only", async () => {
    const db = await testDb();
    const admin = await userFor("org_admin");
    const r = await registerVolunteer(db, admin, reg("测试戊", makeIdCard("370285", "1993-03-03", 21), shuijiCommunity));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await getVolunteer(db, admin, { id: r.id })).not.toBeNull();
    const page = await searchVolunteers(db, admin, filters);
    const members = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM memberships WHERE organization_id = ${admin.organizationId}`);
    expect(page.total).toBe(members[0]!.n);
  });
});

describe("scope", () => {
  it("a street officer sees the volunteers of their street only; another street's volunteer is not found", async () => {
    const db = await testDb();
    const officer = await userFor("shuiji_street");
    const page = await searchVolunteers(db, officer, filters);
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((v) => v.communityCode.startsWith(SHUIJI))).toBe(true);
    const [mine] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM volunteers WHERE community_code LIKE ${`${SHUIJI}%`}`);
    expect(page.total).toBe(mine!.n);
    const [outside] = await rows<{ id: number }>(db, sql`SELECT id FROM volunteers WHERE community_code LIKE '370202%' LIMIT 1`);
    expect(await getVolunteer(db, officer, { id: outside!.id })).toBeNull();
    const district = await userFor("laixi_wmb");
    expect(await getVolunteer(db, district, { id: outside!.id })).toBeNull();
    const city = await userFor("wmb_admin");
    expect(await getVolunteer(db, city, { id: outside!.id })).not.toBeNull();
    // a filter for a region outside the scope finds nothing rather than leaking
    expect((await searchVolunteers(db, officer, { ...filters, region: "370202" })).total).toBe(0);
  });

  it("searches by the last four phone digits, star level and sector, masked", async () => {
    const db = await testDb();
    const laixi = await userFor("laixi_wmb");
    const [v] = await rows<{ id: number; phone_last4: string; star_level: number }>(db, sql`SELECT id, phone_last4, star_level FROM volunteers WHERE community_code LIKE '370285%' AND star_level > 0 LIMIT 1`);
    const byPhone = await searchVolunteers(db, laixi, { ...filters, q: v!.phone_last4 });
    expect(byPhone.items.some((x) => x.id === v!.id)).toBe(true);
    expect(byPhone.items.every((x) => /^\d{3}\*{4}\d{4}$/.test(x.phone) && x.phone.endsWith(v!.phone_last4))).toBe(true);
    expect(byPhone.items.every((x) => /^\d{6}\*{8}[\dX]{4}$/.test(x.idCard))).toBe(true);
    const byStar = await searchVolunteers(db, laixi, { ...filters, star: v!.star_level });
    expect(byStar.items.every((x) => x.starLevel === v!.star_level)).toBe(true);
    const bySector = await searchVolunteers(db, laixi, { ...filters, sector: "elderly" });
    expect(bySector.items.every((x) => x.sectorIntentions.includes("elderly"))).toBe(true);
    const active = await searchVolunteers(db, laixi, { ...filters, active: true });
    const inactive = await searchVolunteers(db, laixi, { ...filters, active: false });
    const all = await searchVolunteers(db, laixi, filters);
    expect(active.total + inactive.total).toBe(all.total);
    expect(active.total).toBeGreaterThan(0);
  });
});

describe("revealing personal data", () => {
  it("is refused without the permission and audited; with it, returns the numbers and audits without them", async () => {
    const db = await testDb();
    const laixi = await userFor("laixi_wmb");
    const [v] = await rows<{ id: number; id_card_enc: string }>(db, sql`SELECT id, id_card_enc FROM volunteers WHERE community_code LIKE '370285%' ORDER BY id LIMIT 1`);
    const denied = await revealPii(db, { ...laixi, ip: "198.51.100.7" }, { id: v!.id });
    expect(denied).toMatchObject({ ok: false, code: "forbidden" });
    const admin: CurrentUser = await userFor("wmb_admin");
    const grants = await db.select().from(permissionGrants).where(eq(permissionGrants.userId, admin.id));
    admin.permissions = grants.map((g) => g.permission);
    expect(admin.permissions).toContain("pii_reveal");
    const ok = await revealPii(db, { ...admin, ip: "198.51.100.8" }, { id: v!.id });
    expect(ok).toMatchObject({ ok: true, idCard: decryptPii(v!.id_card_enc) });
    const entries = await db.select().from(auditLog).where(eq(auditLog.action, "volunteer.pii_reveal")).orderBy(asc(auditLog.id));
    const last = entries.slice(-2);
    expect(last.map((e) => [e.username, e.outcome, e.objectId])).toEqual([
      ["laixi_wmb", "denied", String(v!.id)],
      ["wmb_admin", "success", String(v!.id)],
    ]);
    expect(JSON.stringify(last)).not.toContain(decryptPii(v!.id_card_enc));
    // scope still applies to a holder of the permission
    const shuiji = await userFor("shuiji_street");
    shuiji.permissions = ["pii_reveal"];
    const [far] = await rows<{ id: number }>(db, sql`SELECT id FROM volunteers WHERE community_code LIKE '370202%' LIMIT 1`);
    expect(await revealPii(db, shuiji, { id: far!.id })).toMatchObject({ ok: false, code: "not_found" });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe("no read path hands out a full number", () => {
  it("lists, pages and organization members carry masked values only", async () => {
    const db = await testDb();
    const seeded = await rows<{ id: number; id_card_enc: string; phone_enc: string }>(
      db,
      sql`SELECT id, id_card_enc, phone_enc FROM volunteers WHERE community_code LIKE '370285001%' ORDER BY id LIMIT 8`,
    );
    const secrets = seeded.flatMap((v) => [decryptPii(v.id_card_enc), decryptPii(v.phone_enc)]);
    const { getOrganization } = await import("@/lib/organizations/queries");
    for (const username of ["laixi_wmb", "shuiji_street", "org_admin", "wmb_admin"]) {
      const u = await userFor(username);
      const out: unknown[] = [await searchVolunteers(db, u, { ...filters, region: "370285001" }), await searchVolunteers(db, u, filters)];
      for (const v of seeded) out.push(await getVolunteer(db, u, { id: v.id }));
      out.push(await getOrganization(db, u, { id: u.organizationId ?? 1 }));
      const text = JSON.stringify(out);
      for (const s of secrets) expect(text.includes(s), `${username} got a full number`).toBe(false);
    }
  });
});

describe("rollups stay equal to the raw tables after registrations", () => {
  it("row for row", async () => {
    const db = await testDb();
    const cols = ROLLUP_METRICS.map((m) => `coalesce(r.${m}, 0) <> coalesce(x.${m}, 0)`).join(" OR ");
    const diff = await rows(
      db,
      sql.raw(`SELECT coalesce(r.region_code, x.community_code) AS code FROM
        (SELECT * FROM rollups WHERE grain = 'day' AND length(region_code) = 12) r
        FULL JOIN (${RAW_ROLLUP_SQL}) x ON x.community_code = r.region_code AND x.day = r.period AND x.sector = r.sector
        WHERE ${cols} LIMIT 5`),
    );
    expect(diff).toEqual([]);
    const monthly = await rows(
      db,
      sql.raw(`SELECT a.region_code FROM (SELECT left(region_code, 9) AS region_code, date_trunc('month', period)::date AS p, sum(new_volunteers) AS n FROM rollups WHERE grain = 'day' AND length(region_code) = 12 GROUP BY 1, 2) a
        FULL JOIN (SELECT region_code, period AS p, sum(new_volunteers) AS n FROM rollups WHERE grain = 'month' AND length(region_code) = 9 GROUP BY 1, 2) b
        ON a.region_code = b.region_code AND a.p = b.p WHERE coalesce(a.n, 0) <> coalesce(b.n, 0) LIMIT 5`),
    );
    expect(monthly).toEqual([]);
  });
});
