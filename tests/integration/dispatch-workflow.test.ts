/**
 * On-demand dispatch end to end on the seeded database (PGlite locally, PostgreSQL in CI): 点单 →
 * 派单 → 接单 → 完成 → 评单 → 奖单 through lib/dispatch/service.ts, with the version check under
 * concurrency (two dispatchers: one wins), the reward posted exactly once, scope, events and audit,
 * and the figures equal to the cockpit's rollup-based ones. The needs made here stay (their rollups
 * and ledger entries are consistent with them).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { auditLog, demandAssignees, demandEvents, demands, memberships, pointAccounts, pointEntries, regions, volunteers } from "@/db/schema";
import { type Actor, withIp } from "@/lib/auth/actor";
import type { CurrentUser } from "@/lib/auth/session";
import { getCampaign } from "@/lib/campaign/queries";
import { getDispatchFigures } from "@/lib/dispatch/figures";
import { followUp, getDemandDetail, getSuggestions, listDemands } from "@/lib/dispatch/queries";
import type { PostDemandInput } from "@/lib/dispatch/schema";
import { moveDemand, postDemand } from "@/lib/dispatch/service";
import { computeFigures } from "@/lib/metrics/compute";
import { cstDate } from "@/lib/metrics/rollup";
import { testDb, userFor } from "../support/db";

const SHUIJI = "370285001";
const TEAM = 1; // 水集街道新时代文明实践志愿服务队, administered by org_admin
const users: Record<string, CurrentUser> = {};
let community = "";
let otherStreetCommunity = "";
let members: number[] = [];

const staff = (u: CurrentUser): Actor => withIp(u, "127.0.0.1");
const as = (name: string): Actor => staff(users[name]!);
let phoneSeq = 0;
const input = (over: Partial<PostDemandInput> = {}): PostDemandInput => ({
  category: "elderly",
  description: "独居老人需要帮忙买菜和打扫卫生",
  communityCode: community,
  address: "水集街道测试小区 1 号楼",
  contactName: "王女士",
  contactPhone: `1390000${String(1000 + ++phoneSeq).slice(-4)}`,
  preferredTime: null,
  ...over,
});

async function post(over: Partial<PostDemandInput> = {}) {
  const db = await testDb();
  const r = await postDemand(db, { kind: "public", ip: "127.0.0.1" }, input(over));
  if (!r.ok) throw new Error(r.message);
  return r;
}

async function version(id: number) {
  const db = await testDb();
  const [d] = await db.select({ v: demands.version }).from(demands).where(eq(demands.id, id));
  return d!.v;
}

beforeAll(async () => {
  for (const u of ["shuiji_street", "wangcheng_street", "laixi_wmb", "org_admin", "laixi_leader", "wmb_admin"]) users[u] = await userFor(u);
  const db = await testDb();
  const [c] = await db.select({ code: regions.code }).from(regions).where(and(eq(regions.parentCode, SHUIJI), eq(regions.level, "community"))).orderBy(asc(regions.code)).limit(1);
  community = c!.code;
  const [o] = await db.select({ code: regions.code }).from(regions).where(and(eq(regions.parentCode, "370285002"), eq(regions.level, "community"))).limit(1);
  otherStreetCommunity = o!.code;
  const m = await db.select({ v: memberships.volunteerId }).from(memberships).where(eq(memberships.organizationId, TEAM)).orderBy(asc(memberships.volunteerId)).limit(3);
  members = m.map((x) => x.v);
  expect(members.length).toBeGreaterThanOrEqual(2);
});

describe("点单 → 派单 → 接单 → 完成 → 评单 → 奖单", () => {
  it("walks one need through every step, with events, assignees, points and audit", async () => {
    const db = await testDb();
    const posted = await post();
    expect(posted.reference).toMatch(/^WY\d{12}$/);
    const [raw] = await db.select().from(demands).where(eq(demands.id, posted.id));
    expect(raw!.contactPhoneEnc).not.toContain("1390000");
    expect(raw!.contactPhoneLast4).toHaveLength(4);

    // the street sees it on its board; the neighbouring street does not
    expect((await listDemands(db, staff(users.shuiji_street!), {})).some((d) => d.id === posted.id)).toBe(true);
    expect((await listDemands(db, staff(users.wangcheng_street!), {})).some((d) => d.id === posted.id)).toBe(false);
    expect(await getDemandDetail(db, staff(users.wangcheng_street!), { id: posted.id })).toBeNull();
    expect(await moveDemand(db, as("wangcheng_street"), { id: posted.id, move: "dispatch", version: 1, teamId: TEAM })).toMatchObject({ ok: false, status: 404 });

    // suggestions: team 1 (same street) first, with a reason
    const sug = await getSuggestions(db, staff(users.shuiji_street!), { id: posted.id });
    expect(sug![0]!.teamId).toBe(TEAM);
    expect(sug![0]!.reason).toMatch(/同社区|同街道/);

    const d1 = await moveDemand(db, as("shuiji_street"), { id: posted.id, move: "dispatch", version: 1, teamId: TEAM });
    expect(d1).toMatchObject({ ok: true, state: "dispatched", version: 2 });
    // the team sees it now, and may accept naming its own volunteers only
    expect((await listDemands(db, staff(users.org_admin!), {})).some((d) => d.id === posted.id)).toBe(true);
    expect(await moveDemand(db, as("org_admin"), { id: posted.id, move: "accept", version: 2, volunteerIds: [] })).toMatchObject({ ok: false, status: 422 });
    const [outsider] = await db.select({ id: volunteers.id }).from(volunteers).where(sql`${volunteers.id} NOT IN (SELECT volunteer_id FROM memberships WHERE organization_id = ${TEAM})`).limit(1);
    expect(await moveDemand(db, as("org_admin"), { id: posted.id, move: "accept", version: 2, volunteerIds: [outsider!.id] })).toMatchObject({ ok: false, status: 422, fields: ["volunteerIds"] });
    expect(await moveDemand(db, as("shuiji_street"), { id: posted.id, move: "accept", version: 2, volunteerIds: members })).toMatchObject({ ok: false, status: 403 });
    expect(await moveDemand(db, as("org_admin"), { id: posted.id, move: "accept", version: 2, volunteerIds: members.slice(0, 2) })).toMatchObject({ ok: true, state: "accepted", version: 3 });
    expect(await db.select().from(demandAssignees).where(eq(demandAssignees.demandId, posted.id))).toHaveLength(2);

    expect(await moveDemand(db, as("org_admin"), { id: posted.id, move: "complete", version: 3, note: "已陪同买菜并打扫" })).toMatchObject({ ok: true, state: "completed" });

    // the requester rates on the follow-up page: reference + phone; a wrong phone finds nothing
    const phone = input().contactPhone; // next phone; recompute the one used
    void phone;
    const [row] = await db.select({ ref: demands.reference }).from(demands).where(eq(demands.id, posted.id));
    expect(await followUp(db, { reference: row!.ref, phone: "13800000000" })).toBeNull();
    const usedPhone = `1390000${String(1000 + 1).slice(-4)}`;
    const view = await followUp(db, { reference: row!.ref, phone: usedPhone });
    expect(view?.state).toBe("completed");
    expect(await moveDemand(db, { kind: "requester", reference: row!.ref, phone: "13800000000" }, { id: posted.id, move: "rate", version: 4, rating: 5 })).toMatchObject({ ok: false, status: 404 });
    expect(await moveDemand(db, { kind: "requester", reference: row!.ref, phone: usedPhone }, { id: posted.id, move: "rate", version: 4, rating: 5, comment: "很满意" })).toMatchObject({ ok: true, state: "rated" });
    // rated once only
    expect(await moveDemand(db, { kind: "requester", reference: row!.ref, phone: usedPhone }, { id: posted.id, move: "rate", version: 5, rating: 1 })).toMatchObject({ ok: false, status: 422 });

    const before = await db.select({ v: pointAccounts.volunteerId, b: pointAccounts.balance }).from(pointAccounts).where(inArray(pointAccounts.volunteerId, members.slice(0, 2)));
    const bal0 = new Map(before.map((x) => [x.v, x.b]));
    const rw = await moveDemand(db, as("shuiji_street"), { id: posted.id, move: "reward", version: 5 });
    expect(rw).toMatchObject({ ok: true, state: "rewarded" });
    const pts = (rw as { rewards: { points: number }[] }).rewards[0]!.points;
    const after = await db.select({ v: pointAccounts.volunteerId, b: pointAccounts.balance }).from(pointAccounts).where(inArray(pointAccounts.volunteerId, members.slice(0, 2)));
    for (const a of after) expect(a.b).toBe((bal0.get(a.v) ?? 0) + pts);

    const ev = await db.select({ from: demandEvents.fromState, to: demandEvents.toState }).from(demandEvents).where(eq(demandEvents.demandId, posted.id)).orderBy(asc(demandEvents.id));
    expect(ev.map((e) => e.to)).toEqual(["posted", "dispatched", "accepted", "completed", "rated", "rewarded"]);
    const audits = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.objectType, "demand"), eq(auditLog.objectId, String(posted.id))));
    expect(audits.map((a) => a.action)).toEqual(["demand.post", "demand.dispatch", "demand.accept", "demand.complete", "demand.rate", "demand.reward"]);
  });

  it("decline returns the need for re-dispatch with the reason in its history; cancel needs a reason", async () => {
    const db = await testDb();
    const p = await post({ category: "affairs" });
    await moveDemand(db, as("shuiji_street"), { id: p.id, move: "dispatch", version: 1, teamId: TEAM });
    expect(await moveDemand(db, as("org_admin"), { id: p.id, move: "decline", version: 2, reason: "" })).toMatchObject({ ok: false, status: 422 });
    expect(await moveDemand(db, as("org_admin"), { id: p.id, move: "decline", version: 2, reason: "本周人手不足" })).toMatchObject({ ok: true, state: "posted" });
    const d = await getDemandDetail(db, staff(users.shuiji_street!), { id: p.id });
    expect(d!.teamId).toBeNull();
    expect(d!.events.at(-1)).toMatchObject({ from: "dispatched", to: "posted", note: "本周人手不足" });
    // a street may not send it to a team in another street; the district may
    const [far] = await rows<{ id: number }>(db, sql`SELECT id FROM organizations WHERE is_team AND region_code LIKE '370285%' AND region_code NOT LIKE '370285001%' LIMIT 1`);
    if (far) {
      expect(await moveDemand(db, as("shuiji_street"), { id: p.id, move: "dispatch", version: 3, teamId: far.id })).toMatchObject({ ok: false, status: 403 });
      expect(await moveDemand(db, as("laixi_wmb"), { id: p.id, move: "dispatch", version: 3, teamId: far.id })).toMatchObject({ ok: true, state: "dispatched" });
    }
    const v = await version(p.id);
    expect(await moveDemand(db, as("laixi_leader"), { id: p.id, move: "cancel", version: v, reason: "x" })).toMatchObject({ ok: false, status: 403 });
    expect(await moveDemand(db, as("shuiji_street"), { id: p.id, move: "cancel", version: v, reason: "需求人已自行解决" })).toMatchObject({ ok: true, state: "cancelled" });
  });

  it("grab: a need opened for grabbing is claimed by a team of its area", async () => {
    const db = await testDb();
    const p = await post({ category: "mental" });
    expect(await moveDemand(db, as("org_admin"), { id: p.id, move: "grab", version: 1, volunteerIds: members.slice(0, 1) })).toMatchObject({ ok: false, status: 404 }); // not open: not even visible
    expect(await moveDemand(db, as("shuiji_street"), { id: p.id, move: "open", version: 1 })).toMatchObject({ ok: true, state: "posted", version: 2 });
    expect((await listDemands(db, staff(users.org_admin!), {})).some((d) => d.id === p.id)).toBe(true);
    expect(await moveDemand(db, as("org_admin"), { id: p.id, move: "grab", version: 2, volunteerIds: members.slice(0, 1) })).toMatchObject({ ok: true, state: "accepted" });
    const [d] = await db.select().from(demands).where(eq(demands.id, p.id));
    expect(d).toMatchObject({ teamId: TEAM, openForGrab: false });
    expect(d!.dispatchedAt).not.toBeNull();
  });

  it("staff enter a need received by phone in their own scope only", async () => {
    const db = await testDb();
    const ok = await postDemand(db, staff(users.shuiji_street!), input());
    expect(ok.ok).toBe(true);
    const [d] = await db.select({ source: demands.source, by: demands.enteredBy }).from(demands).where(eq(demands.id, (ok as { id: number }).id));
    expect(d).toEqual({ source: "phone", by: users.shuiji_street!.id });
    expect(await postDemand(db, staff(users.shuiji_street!), input({ communityCode: otherStreetCommunity }))).toMatchObject({ ok: false, status: 422, fields: ["communityCode"] });
  });
});

describe("concurrency", () => {
  it("two dispatchers act on one need at once: exactly one wins, the other gets a clear 409", async () => {
    const db = await testDb();
    const p = await post();
    const [a, b] = await Promise.all([
      moveDemand(db, as("shuiji_street"), { id: p.id, move: "dispatch", version: 1, teamId: TEAM }),
      moveDemand(db, as("laixi_wmb"), { id: p.id, move: "dispatch", version: 1, teamId: TEAM }),
    ]);
    const oks = [a, b].filter((r) => r.ok);
    const lost = [a, b].filter((r) => !r.ok);
    expect(oks).toHaveLength(1);
    expect(lost[0]).toMatchObject({ status: 409, code: "conflict", currentVersion: 2 });
    expect((lost[0] as { message: string }).message).toMatch(/已被 .+ 于 .+ 处理.*请刷新后重试/);
    const ev = await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, p.id), eq(demandEvents.toState, "dispatched")));
    expect(ev).toHaveLength(1);
  });

  it("the reward is posted exactly once, even when asked for twice at the same time and again later", async () => {
    const db = await testDb();
    const p = await post({ category: "illness" });
    await moveDemand(db, as("shuiji_street"), { id: p.id, move: "dispatch", version: 1, teamId: TEAM });
    await moveDemand(db, as("org_admin"), { id: p.id, move: "accept", version: 2, volunteerIds: members });
    await moveDemand(db, as("org_admin"), { id: p.id, move: "complete", version: 3, note: "已陪同就医" });
    await moveDemand(db, as("shuiji_street"), { id: p.id, move: "rate", version: 4, rating: 4, comment: "电话回访满意" });
    const [x, y] = await Promise.all([moveDemand(db, as("shuiji_street"), { id: p.id, move: "reward", version: 5 }), moveDemand(db, as("laixi_wmb"), { id: p.id, move: "reward", version: 5 })]);
    expect([x, y].filter((r) => r.ok)).toHaveLength(1);
    expect(await moveDemand(db, as("shuiji_street"), { id: p.id, move: "reward", version: 6 })).toMatchObject({ ok: false, status: 422 });
    const entries = await db.select({ v: pointEntries.volunteerId, key: pointEntries.dedupeKey }).from(pointEntries).where(eq(pointEntries.demandId, p.id));
    expect(entries.map((e) => e.v).sort((m, n) => m - n)).toEqual([...members].sort((m, n) => m - n));
    expect(entries.map((e) => e.key).sort()).toEqual(members.map((v) => `dispatch:${p.id}:${v}`).sort());
  });
});

describe("figures", () => {
  it("received and completed equal the cockpit's rollup figures for the same region and period; satisfaction too", async () => {
    const db = await testDb();
    const campaign = await getCampaign(db);
    const to = [process.env.AS_OF ?? "", cstDate()].sort().at(-1)!;
    for (const code of [SHUIJI, "370285", "3702"]) {
      const [own] = await db.select({ population: regions.population }).from(regions).where(eq(regions.code, code));
      const kids = await db.select({ code: regions.code, population: regions.population }).from(regions).where(eq(regions.parentCode, code));
      const cockpit = await computeFigures(db, { code, from: campaign.start, to, campaignStart: campaign.start }, new Map(kids.map((k) => [k.code, k.population])), own!.population);
      const f = await getDispatchFigures(db, users.wmb_admin!, { regionCode: code, from: campaign.start, to });
      expect(f.received).toBe(cockpit.total.demands.received);
      expect(f.completed).toBe(cockpit.total.demands.completed);
      expect(f.ratedCount).toBe(cockpit.total.demands.ratingCount);
      if (f.satisfaction !== null) expect(f.satisfaction).toBeCloseTo(cockpit.total.demands.ratingSum / cockpit.total.demands.ratingCount, 2);
      expect(f.received).toBeGreaterThan(0);
      expect(f.medianMinutesToDispatch).toBeGreaterThan(0);
    }
  });

  it("counts what a user would: a need posted now raises received by one and an overdue open need is flagged", async () => {
    const db = await testDb();
    const day = cstDate();
    const before = await getDispatchFigures(db, users.shuiji_street!, { regionCode: SHUIJI, from: day, to: day });
    await post();
    const after = await getDispatchFigures(db, users.shuiji_street!, { regionCode: SHUIJI, from: day, to: day });
    expect(after.received).toBe(before.received + 1);
    const later = await getDispatchFigures(db, users.shuiji_street!, { regionCode: SHUIJI, from: day, to: day, now: new Date(Date.now() + 3 * 86_400_000) });
    expect(later.overdueOpen).toBeGreaterThan(after.overdueOpen);
    const raw = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM demands WHERE state = 'posted' AND community_code LIKE ${`${SHUIJI}%`}`);
    expect(later.overdueOpen).toBe(raw[0]!.n);
  });
});
