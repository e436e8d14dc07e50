/**
 * 道德积分 on the seeded database (PGlite, and PostgreSQL for the concurrency case): versioned rules,
 * propose → approve → balance and points rollups move; reverse → they move back; reject needs a
 * reason; stale version → 409; over the yearly cap → 409 with the cap and the total; a volunteer out
 * of scope → 404; concurrent approvals near the cap never exceed it (PostgreSQL only).
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Db, rows } from "@/db/client";
import { moralAwards, pointAccounts, volunteers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { createMoralRule, decideMoralAward, listMoralRules, proposeMoralAward, reverseMoralAward } from "@/lib/moral/service";
import { testDb, userFor } from "../support/db";

let db: Db;
const A: Record<string, Actor> = {};
let vol: { id: number; communityCode: string };
let outsider: { id: number };
const onPostgres = Boolean(process.env.DATABASE_URL);

const balance = async (id: number) => (await db.select({ b: pointAccounts.balance }).from(pointAccounts).where(eq(pointAccounts.volunteerId, id)))[0]?.b ?? 0;
const issued = async (community: string) => Number((await rows<{ n: string }>(db, sql`SELECT coalesce(sum(points_issued), 0) AS n FROM rollups WHERE region_code = ${community} AND grain = 'day'`))[0]!.n);

async function rule(over: Record<string, unknown> = {}, actor = A.laixi_wmb!) {
  const r = await createMoralRule(db, actor, { name: "无偿献血 测试", category: "blood_donation", points: 10, yearlyCap: 25, evidence: ["note"], proposerRoles: ["street_officer"], approverLevel: "district", activeFrom: "2026-01-01", activeTo: null, ...over } as never);
  if (!r.ok) throw new Error(r.message);
  return r;
}

beforeAll(async () => {
  db = await testDb();
  for (const u of ["laixi_wmb", "wmb_admin", "shuiji_street", "wangcheng_street", "org_admin", "city_leader"]) {
    const x = await userFor(u);
    A[u] = { id: x.id, username: x.username, role: x.role, scopeCode: x.scopeCode, organizationId: x.organizationId, ip: "127.0.0.1" };
  }
  const [v] = await db.select({ id: volunteers.id, communityCode: volunteers.communityCode }).from(volunteers).where(sql`${volunteers.communityCode} LIKE '370285001%' AND ${volunteers.status} = 'active'`).orderBy(volunteers.id).offset(7).limit(1);
  vol = v!;
  const [o] = await db.select({ id: volunteers.id }).from(volunteers).where(sql`${volunteers.communityCode} LIKE '370202%'`).limit(1);
  outsider = o!;
});

describe("道德积分 rules", () => {
  it("only 文明办 makes rules; a change is a new version, the old one disappears from the catalogue", async () => {
    expect((await createMoralRule(db, A.shuiji_street!, { name: "x", category: "other", points: 1, yearlyCap: 1, evidence: ["note"], proposerRoles: ["street_officer"], approverLevel: "district", activeFrom: "2026-01-01" })).ok).toBe(false);
    const r1 = await rule({ name: "文明劝导 测试" , category: "civility" });
    const r2 = await createMoralRule(db, A.laixi_wmb!, { name: "文明劝导 测试", category: "civility", points: 5, yearlyCap: 20, evidence: ["note"], proposerRoles: ["street_officer"], approverLevel: "district", activeFrom: "2026-01-01", replacesId: r1.id });
    expect(r2).toMatchObject({ ok: true, ruleKey: r1.ruleKey, version: 2 });
    // a change of the old version again is stale
    const again = await createMoralRule(db, A.laixi_wmb!, { name: "文明劝导 测试", category: "civility", points: 6, yearlyCap: 20, evidence: ["note"], proposerRoles: ["street_officer"], approverLevel: "district", activeFrom: "2026-01-01", replacesId: r1.id });
    expect(again.ok).toBe(false);
    const list = await listMoralRules(db, A.shuiji_street!);
    expect(list.some((r) => r.id === r1.id)).toBe(false);
    expect(list.find((r) => r.ruleKey === r1.ruleKey)).toMatchObject({ version: 2, points: 5 });
    // proposals under the old version are refused
    const p = await proposeMoralAward(db, A.shuiji_street!, { ruleId: r1.id, volunteerId: vol.id, note: "劝导不文明行为", photoIds: [] });
    expect(p.ok).toBe(false);
  });
});

describe("道德积分 awards", () => {
  it("approve → balance and the rollup move; reverse → they move back; the cap refuses the third", async () => {
    const r = await rule();
    const b0 = await balance(vol.id);
    const i0 = await issued(vol.communityCode);
    const p = await proposeMoralAward(db, A.shuiji_street!, { ruleId: r.id, volunteerId: vol.id, note: "参加无偿献血 400ml", photoIds: [] });
    expect(p).toMatchObject({ ok: true, status: "pending" });
    if (!p.ok) return;
    expect(await balance(vol.id)).toBe(b0); // pending moves nothing
    const stale = await decideMoralAward(db, A.laixi_wmb!, { id: p.id, approve: true, version: 99 });
    expect(stale).toMatchObject({ ok: false, code: "stale" });
    const noReason = await decideMoralAward(db, A.laixi_wmb!, { id: p.id, approve: false, version: 1 });
    expect(noReason).toMatchObject({ ok: false, code: "invalid" });
    expect(await decideMoralAward(db, A.shuiji_street!, { id: p.id, approve: true, version: 1 })).toMatchObject({ ok: false, code: "forbidden" });
    const ok = await decideMoralAward(db, A.laixi_wmb!, { id: p.id, approve: true, version: 1 });
    expect(ok).toMatchObject({ ok: true, status: "approved", version: 2 });
    expect(await balance(vol.id)).toBe(b0 + 10);
    expect(await issued(vol.communityCode)).toBe(i0 + 10);

    const second = await proposeMoralAward(db, A.shuiji_street!, { ruleId: r.id, volunteerId: vol.id, note: "第二次献血", photoIds: [] });
    expect((await decideMoralAward(db, A.laixi_wmb!, { id: (second as { id: number }).id, approve: true, version: 1 })).ok).toBe(true);
    const third = await proposeMoralAward(db, A.shuiji_street!, { ruleId: r.id, volunteerId: vol.id, note: "第三次献血", photoIds: [] });
    const over = await decideMoralAward(db, A.laixi_wmb!, { id: (third as { id: number }).id, approve: true, version: 1 });
    expect(over).toMatchObject({ ok: false, code: "over_cap", extra: { cap: 25, total: 20 } });
    if (!over.ok) expect(over.message).toContain("上限 25 分，今年已获 20 分");
    expect(await balance(vol.id)).toBe(b0 + 20);

    const rev = await reverseMoralAward(db, A.laixi_wmb!, { id: p.id, reason: "重复登记", version: 2 });
    expect(rev).toMatchObject({ ok: true, status: "reversed" });
    expect(await balance(vol.id)).toBe(b0 + 10);
    expect(await issued(vol.communityCode)).toBe(i0 + 10);
    // the reversed award no longer counts toward the cap: the third now fits
    expect((await decideMoralAward(db, A.laixi_wmb!, { id: (third as { id: number }).id, approve: true, version: 1 })).ok).toBe(true);
    const [a] = await db.select().from(moralAwards).where(eq(moralAwards.id, p.id));
    expect(a).toMatchObject({ status: "reversed", reverseReason: "重复登记" });
  });

  it("out of scope: a volunteer elsewhere is 404, an award elsewhere is 404, a rejection keeps its reason", async () => {
    const r = await rule();
    expect(await proposeMoralAward(db, A.shuiji_street!, { ruleId: r.id, volunteerId: outsider.id, note: "不在辖区", photoIds: [] })).toMatchObject({ ok: false, code: "not_found" });
    expect(await proposeMoralAward(db, A.org_admin!, { ruleId: r.id, volunteerId: vol.id, note: "组织不可提名", photoIds: [] })).toMatchObject({ ok: false });
    const p = await proposeMoralAward(db, A.shuiji_street!, { ruleId: r.id, volunteerId: vol.id, note: "待驳回", photoIds: [] });
    const id = (p as { id: number }).id;
    expect(await decideMoralAward(db, A.wangcheng_street!, { id, approve: true, version: 1 })).toMatchObject({ ok: false, code: "not_found" });
    expect(await decideMoralAward(db, A.laixi_wmb!, { id, approve: false, reason: "材料不足", version: 1 })).toMatchObject({ ok: true, status: "rejected" });
    const [a] = await db.select().from(moralAwards).where(and(eq(moralAwards.id, id)));
    expect(a).toMatchObject({ status: "rejected", rejectReason: "材料不足" });
    // a rule needing a photo refuses a proposal without one
    const photo = await rule({ evidence: ["note", "photo"] });
    expect(await proposeMoralAward(db, A.shuiji_street!, { ruleId: photo.id, volunteerId: vol.id, note: "无照片", photoIds: [] })).toMatchObject({ ok: false, fields: ["photoIds"] });
    // a city-approved rule is not for the district office
    const city = await rule({ approverLevel: "city" }, A.wmb_admin!);
    const pc = await proposeMoralAward(db, A.shuiji_street!, { ruleId: city.id, volunteerId: vol.id, note: "市级规则", photoIds: [] });
    expect(await decideMoralAward(db, A.laixi_wmb!, { id: (pc as { id: number }).id, approve: true, version: 1 })).toMatchObject({ ok: false, code: "forbidden" });
    expect((await decideMoralAward(db, A.wmb_admin!, { id: (pc as { id: number }).id, approve: true, version: 1 })).ok).toBe(true);
  });

  it.skipIf(!onPostgres)("concurrent approvals near the cap never exceed it (PostgreSQL)", async () => {
    const [v] = await db.select({ id: volunteers.id }).from(volunteers).where(sql`${volunteers.communityCode} LIKE '370285001%' AND ${volunteers.status} = 'active'`).orderBy(volunteers.id).offset(9).limit(1);
    const r = await rule({ points: 10, yearlyCap: 30 });
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) ids.push(((await proposeMoralAward(db, A.shuiji_street!, { ruleId: r.id, volunteerId: v!.id, note: `并发 ${i}`, photoIds: [] })) as { id: number }).id);
    const b0 = await balance(v!.id);
    const results = await Promise.all(ids.map((id) => decideMoralAward(db, A.laixi_wmb!, { id, approve: true, version: 1 })));
    expect(results.filter((x) => x.ok)).toHaveLength(3);
    expect(results.filter((x) => !x.ok).every((x) => !x.ok && x.code === "over_cap")).toBe(true);
    expect(await balance(v!.id)).toBe(b0 + 30);
  });
});
