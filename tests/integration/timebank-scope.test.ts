/**
 * One scope rule for the time bank and service hours (issue 14, items 1 and 2, and the rewards
 * observation), on the seeded database: every call the time-bank and hours routes make, as the
 * organization admin (organization 1, 水集街道) with a volunteer of the same street who belongs only
 * to another organization — each one "not found", nothing spent; hours on a 网约 need only when it is
 * completed, by its dispatcher or accepting team, for its assigned volunteers; an organization's
 * rewards stay with its members until 文明办 publishes them.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Db, rows } from "@/db/client";
import { demandAssignees, demandEvents, pointAccounts, redemptions, rewards, serviceRecords } from "@/db/schema";
import { searchVolunteers } from "@/lib/activities/queries";
import type { Actor } from "@/lib/auth/actor";
import type { CurrentUser } from "@/lib/auth/session";
import { statusOf } from "@/lib/http";
import { cstDate } from "@/lib/metrics/rollup";
import { enterServiceHours, type EntryInput } from "@/lib/service-hours/entry";
import { getTimebankFigures } from "@/lib/timebank/figures";
import { postPoints } from "@/lib/timebank/ledger";
import { getVolunteerPoints, listPublicRewards, listRedemptions, listRewards } from "@/lib/timebank/queries";
import { cancelRedemption, markPickedUp, redeem } from "@/lib/timebank/redeem";
import { createReward, publishReward } from "@/lib/timebank/rewards";
import { testDb, userFor } from "../support/db";

let db: Db;
let org: CurrentUser;
let street: CurrentUser;
let district: CurrentUser;
/** A 水集 volunteer who belongs only to another organization, and a member of organization 1. */
let outsider: { id: number; volunteerNo: string; communityCode: string };
let member: { id: number; communityCode: string };
let streetReward = 0;
let seq = 0;
const key = (what: string) => `scope-${what}-${Date.now()}-${++seq}`;

async function balance(volunteerId: number): Promise<number> {
  const [a] = await db.select({ b: pointAccounts.balance }).from(pointAccounts).where(eq(pointAccounts.volunteerId, volunteerId));
  return a?.b ?? 0;
}

async function credit(volunteerId: number, communityCode: string, amount: number) {
  await db.transaction((tx) => postPoints(tx, { volunteerId, amount, kind: "adjust", communityCode, dedupeKey: key(`adjust-${volunteerId}`), note: "范围测试" }));
}

beforeAll(async () => {
  db = await testDb();
  [org, street, district] = await Promise.all([userFor("org_admin"), userFor("shuiji_street"), userFor("laixi_wmb")]);
  expect(org.organizationId).toBe(1);
  [outsider] = await rows<{ id: number; volunteerNo: string; communityCode: string }>(
    db,
    sql`SELECT v.id, v.volunteer_no AS "volunteerNo", v.community_code AS "communityCode" FROM volunteers v
        WHERE v.community_code LIKE '370285001%' AND v.status = 'active'
          AND EXISTS (SELECT 1 FROM memberships m WHERE m.volunteer_id = v.id)
          AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.volunteer_id = v.id AND m.organization_id = 1)
        ORDER BY v.id LIMIT 1`,
  );
  [member] = await rows<{ id: number; communityCode: string }>(
    db,
    sql`SELECT v.id, v.community_code AS "communityCode" FROM volunteers v JOIN memberships m ON m.volunteer_id = v.id AND m.organization_id = 1
        WHERE v.community_code LIKE '370285001%' AND v.status = 'active' ORDER BY v.id LIMIT 1`,
  );
  expect(outsider && member).toBeTruthy();
  await credit(outsider!.id, outsider!.communityCode, 500);
  await credit(member!.id, member!.communityCode, 500);
  const r = await createReward(db, street, { name: "范围测试 街道奖励", kind: "goods", cost: 10, stock: 50, regionCode: "370285001" });
  expect(r.ok).toBe(true);
  streetReward = r.ok ? r.id : 0;
});

describe("org_admin with a volunteer who is not a member of its organization (issue 14, item 1)", () => {
  it("GET /api/v1/volunteers/{id}/points and /timebank/volunteers/{id}: not found; the street sees the volunteer", async () => {
    expect(await getVolunteerPoints(db, org, { volunteerId: outsider.id })).toBeNull();
    expect(await getVolunteerPoints(db, street, { volunteerId: outsider.id })).not.toBeNull();
    expect(await getVolunteerPoints(db, org, { volunteerId: member.id })).not.toBeNull();
  });

  it("the enrol and redeem search does not find a non-member", async () => {
    expect(await searchVolunteers(db, org, { q: outsider.volunteerNo })).toEqual([]);
    expect((await searchVolunteers(db, street, { q: outsider.volunteerNo })).map((v) => v.id)).toEqual([outsider.id]);
  });

  it("POST /api/v1/redemptions {volunteerId}: 404 and no points spent, no stock taken", async () => {
    const before = await balance(outsider.id);
    const r = await redeem(db, org, { volunteerId: outsider.id, rewardId: streetReward, idempotencyKey: key("org-redeem") });
    expect(r).toMatchObject({ ok: false, code: "not_found" });
    expect(statusOf(r.ok ? "" : r.code)).toBe(404);
    expect(await balance(outsider.id)).toBe(before);
    const [w] = await db.select({ stock: rewards.stock }).from(rewards).where(eq(rewards.id, streetReward));
    expect(w!.stock).toBe(50);
  });

  it("pickup and cancel of the non-member's redemption: 404, and the list does not show it; the street may", async () => {
    const made = await redeem(db, street, { volunteerId: outsider.id, rewardId: streetReward, idempotencyKey: key("street-redeem") });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const id = made.redemption.id;
    expect(await markPickedUp(db, org, { id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await cancelRedemption(db, org, { id, reason: "越权取消" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await listRedemptions(db, org, { volunteerId: outsider.id })).toEqual([]);
    const [still] = await db.select({ status: redemptions.status }).from(redemptions).where(eq(redemptions.id, id));
    expect(still!.status).toBe("redeemed");
    expect((await listRedemptions(db, street, { volunteerId: outsider.id })).map((x) => x.id)).toContain(id);
    expect(await markPickedUp(db, street, { id })).toMatchObject({ ok: true });
  });
});

describe("hours on a 网约 need (issue 14, item 2)", () => {
  const hours = (actor: Actor, input: EntryInput) => db.transaction((tx) => enterServiceHours(tx, actor, input));
  let done: { id: number };

  beforeAll(async () => {
    // a completed need accepted by organization 1 in 水集, with the member assigned to it
    [done] = await rows<{ id: number }>(db, sql`SELECT id FROM demands WHERE team_id = 1 AND state = 'completed' AND community_code LIKE '370285001%' ORDER BY id LIMIT 1`);
    await db.insert(demandAssignees).values({ demandId: done!.id, volunteerId: member.id }).onConflictDoNothing();
  });

  it("a need the caller cannot read is not found (as for GET /api/v1/demands/{id})", async () => {
    const [foreign] = await rows<{ id: number }>(db, sql`SELECT id FROM demands WHERE community_code LIKE '370202%' AND (team_id IS NULL OR team_id <> 1) AND state = 'completed' ORDER BY id LIMIT 1`);
    const r = await hours(org, { demandId: foreign!.id, rows: [{ volunteerId: member.id, hours: 2, serviceDate: "2026-11-20" }] });
    expect(r).toMatchObject({ ok: false, code: "not_found" });
    expect(await hours(street, { demandId: foreign!.id, rows: [{ volunteerId: member.id, hours: 2, serviceDate: "2026-11-20" }] })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("a need not yet completed: 409 naming the state", async () => {
    const [open] = await rows<{ id: number; state: string }>(db, sql`SELECT id, state::text FROM demands WHERE community_code LIKE '370285%' AND state IN ('dispatched', 'accepted') ORDER BY id LIMIT 1`);
    const r = await hours(district, { demandId: open!.id, rows: [{ volunteerId: member.id, hours: 1, serviceDate: "2026-11-20" }] });
    expect(r).toMatchObject({ ok: false, code: "conflict", fields: ["demandId"], extra: { state: open!.state } });
    expect(r.ok ? "" : r.message).toContain("尚未完成");
    expect(statusOf("conflict")).toBe(409);
  });

  it("a team that can read the need but did not accept it: 403", async () => {
    const [other] = await rows<{ id: number }>(db, sql`SELECT id FROM demands WHERE team_id <> 1 AND state = 'completed' AND community_code LIKE '370285%' ORDER BY id LIMIT 1`);
    // organization 1 was sent this need once (a demand event names it), so it may read it
    await db.insert(demandEvents).values({ demandId: other!.id, fromState: "posted", toState: "dispatched", teamId: 1, note: "范围测试：曾派给水集服务队" });
    const r = await hours(org, { demandId: other!.id, rows: [{ volunteerId: member.id, hours: 1, serviceDate: "2026-11-20" }] });
    expect(r).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("a volunteer not assigned to the need (another street's volunteer): 422 naming the volunteer", async () => {
    const [wangcheng] = await rows<{ id: number }>(db, sql`SELECT id FROM volunteers WHERE community_code LIKE '370285002%' AND status = 'active' ORDER BY id LIMIT 1`);
    const r = await hours(street, { demandId: done.id, rows: [{ volunteerId: wangcheng!.id, hours: 2, serviceDate: "2026-11-20" }] });
    expect(r).toMatchObject({ ok: false, code: "invalid", fields: ["rows"], extra: { volunteerId: wangcheng!.id } });
    expect(await hours(org, { demandId: done.id, rows: [{ volunteerId: outsider.id, hours: 2, serviceDate: "2026-11-20" }] })).toMatchObject({ ok: false, code: "invalid" });
  });

  it("the accepting team enters hours for its assigned volunteer: one pending record", async () => {
    const r = await hours(org, { demandId: done.id, rows: [{ volunteerId: member.id, hours: 2, serviceDate: "2026-11-20" }] });
    expect(r).toMatchObject({ ok: true, skipped: [] });
    if (!r.ok) return;
    const [rec] = await db.select().from(serviceRecords).where(eq(serviceRecords.id, r.created[0]!.id));
    expect(rec).toMatchObject({ demandId: done.id, volunteerId: member.id, status: "pending", organizationId: 1 });
    // the dispatcher in scope may enter too — the same volunteer is then skipped, never counted twice
    const again = await hours(street, { demandId: done.id, rows: [{ volunteerId: member.id, hours: 2, serviceDate: "2026-11-20" }] });
    expect(again).toMatchObject({ ok: true, created: [], skipped: [{ volunteerId: member.id }] });
  });
});

describe("an organization's rewards (issue 14, smaller observations)", () => {
  let own = 0;

  beforeAll(async () => {
    const r = await createReward(db, org, { name: "范围测试 服务队奖励", kind: "service", cost: 20, stock: 10, regionCode: "370285001" });
    expect(r.ok).toBe(true);
    own = r.ok ? r.id : 0;
    const [w] = await db.select({ organizationId: rewards.organizationId }).from(rewards).where(eq(rewards.id, own));
    expect(w!.organizationId).toBe(1);
  });

  it("is not shown street-wide: not on the public page, not to another organization's admin", async () => {
    expect((await listPublicRewards(db, { streetCode: "370285001" })).map((r) => r.id)).not.toContain(own);
    const otherOrg: Actor = { ...org, id: org.id, organizationId: 57 };
    expect((await listRewards(db, otherOrg)).map((r) => r.id)).not.toContain(own);
    expect((await listRewards(db, org)).map((r) => r.id)).toContain(own);
    // the supervising street sees it, marked as the organization's
    expect((await listRewards(db, street)).find((r) => r.id === own)).toMatchObject({ organizationId: 1 });
  });

  it("only its members may redeem it", async () => {
    expect(await redeem(db, street, { volunteerId: outsider.id, rewardId: own, idempotencyKey: key("own-outsider") })).toMatchObject({ ok: false, code: "not_available" });
    expect(await redeem(db, null, { volunteerId: outsider.id, rewardId: own, idempotencyKey: key("own-public") })).toMatchObject({ ok: false, code: "not_available" });
    expect(await redeem(db, org, { volunteerId: member.id, rewardId: own, idempotencyKey: key("own-member") })).toMatchObject({ ok: true });
  });

  it("is not one of the district's top rewards in the monthly figures until 文明办 publishes it", async () => {
    const day = cstDate();
    const before = await getTimebankFigures(db, district, { code: "370285", from: day, to: day, top: 50 });
    expect(before.topRewards.map((r) => r.rewardId)).not.toContain(own);
    expect(await publishReward(db, street, { id: own })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await publishReward(db, district, { id: own })).toMatchObject({ ok: true });
    const after = await getTimebankFigures(db, district, { code: "370285", from: day, to: day, top: 50 });
    expect(after.topRewards.map((r) => r.rewardId)).toContain(own);
    expect((await listPublicRewards(db, { streetCode: "370285001" })).map((r) => r.id)).toContain(own);
    const [w] = await db.select({ organizationId: rewards.organizationId }).from(rewards).where(and(eq(rewards.id, own)));
    expect(w!.organizationId).toBeNull();
  });
});
