/**
 * Activities → service hours → review → ledger → certificate on the seeded database (PGlite and
 * PostgreSQL): hour bounds, only enrolled volunteers, review reach by the supervising street,
 * earn and reversing entries (never an edit), star level, outcome rollups equal to the raw
 * definition, certificate numbering and content, the time-bank figures.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Db, rows } from "@/db/client";
import { pointAccounts, pointEntries, serviceRecords, volunteers } from "@/db/schema";
import { checkIn, createActivity, enrolVolunteers, recordOutcome } from "@/lib/activities/service";
import { getCertificate, issueCertificate } from "@/lib/certificates/service";
import { parseCertificateNumber } from "@/lib/certificates/number";
import { cstDate, RAW_ROLLUP_SOURCES, RAW_ROLLUP_SQL, ROLLUP_METRICS } from "@/lib/metrics/rollup";
import type { Actor } from "@/lib/auth/actor";
import { enterServiceHours } from "@/lib/service-hours/entry";
import { reviewServiceRecord } from "@/lib/service-hours/review";
import { getTimebankFigures } from "@/lib/timebank/figures";
import { starLevel } from "@/lib/volunteers/rules";
import { getHoursReviewQueue } from "@/lib/service-hours/queue";
import { activityFormOptions, getActivity, listActivities, publicOpenActivities, publicStreets, searchVolunteers } from "@/lib/activities/queries";
import { timebankDashboard } from "@/lib/timebank/dashboard";
import { getVolunteerPoints, listRedemptions, listRewards } from "@/lib/timebank/queries";
import { requestPhoneCode, verifyPhoneCode } from "@/lib/timebank/phone-code";
import { lastOutboxCode, readOutbox } from "@/lib/sms";
import { redeem } from "@/lib/timebank/redeem";
import { decryptPii } from "@/lib/volunteers/pii";
import { postPoints } from "@/lib/timebank/ledger";
import { redemptions, rewards } from "@/db/schema";
import { testDb, userFor } from "../support/db";

let db: Db;
const A: Record<string, Actor> = {};
let vol: { id: number; communityCode: string };
let vol2: { id: number; communityCode: string };
let activityId = 0;

beforeAll(async () => {
  db = await testDb();
  for (const u of ["org_admin", "shuiji_street", "wangcheng_street", "laixi_wmb"]) {
    const x = await userFor(u);
    A[u] = { id: x.id, username: x.username, role: x.role, scopeCode: x.scopeCode, organizationId: x.organizationId, ip: "127.0.0.1" };
  }
  const vs = await db.select({ id: volunteers.id, communityCode: volunteers.communityCode }).from(volunteers).where(sql`${volunteers.communityCode} LIKE '370285001%' AND ${volunteers.status} = 'active'`).orderBy(volunteers.id).limit(3);
  vol = vs[1]!;
  vol2 = vs[2]!;
  const r = await createActivity(db, A.org_admin!, {
    title: "集成测试 社区助老",
    sector: "elderly",
    regionCode: vol.communityCode,
    address: "测试地址",
    startsAt: new Date("2026-11-20T09:00:00+08:00"),
    endsAt: new Date("2026-11-20T12:00:00+08:00"),
    capacity: 1,
  });
  expect(r.ok).toBe(true);
  activityId = (r as { id: number }).id;
});

const account = async (id: number) => {
  const [v] = await db.select({ h: volunteers.verifiedHours, s: volunteers.starLevel, b: pointAccounts.balance }).from(volunteers).leftJoin(pointAccounts, eq(pointAccounts.volunteerId, volunteers.id)).where(eq(volunteers.id, id));
  return { hours: Number(v!.h), star: v!.s, balance: v!.b ?? 0 };
};

describe("activities and hour entry", () => {
  it("enrols within capacity and only in reach", async () => {
    expect((await enrolVolunteers(db, A.org_admin!, { activityId, volunteerIds: [vol.id] })).ok).toBe(true);
    expect(await enrolVolunteers(db, A.org_admin!, { activityId, volunteerIds: [vol2.id] })).toMatchObject({ ok: false, code: "full" });
    expect(await enrolVolunteers(db, A.wangcheng_street!, { activityId, volunteerIds: [vol2.id] })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("refuses hours over the span, zero, and volunteers not enrolled", async () => {
    const over = await db.transaction((tx) => enterServiceHours(tx, A.org_admin!, { activityId, rows: [{ volunteerId: vol.id, hours: 3.5 }] }));
    expect(over).toMatchObject({ ok: false, code: "invalid", fields: ["hours"] });
    const zero = await db.transaction((tx) => enterServiceHours(tx, A.org_admin!, { activityId, rows: [{ volunteerId: vol.id, hours: 0 }] }));
    expect(zero.ok).toBe(false);
    const stranger = await db.transaction((tx) => enterServiceHours(tx, A.org_admin!, { activityId, rows: [{ volunteerId: vol2.id, hours: 1 }] }));
    expect(stranger).toMatchObject({ ok: false, extra: { volunteerId: vol2.id } });
  });

  it("creates a pending record that counts nowhere, once", async () => {
    // hours need a check-in (or a stated reason — tests/integration/hours-review-queue.test.ts)
    expect((await checkIn(db, A.org_admin!, { activityId, volunteerIds: [vol.id] })).ok).toBe(true);
    const before = await account(vol.id);
    const r = await db.transaction((tx) => enterServiceHours(tx, A.org_admin!, { activityId, rows: [{ volunteerId: vol.id, hours: 3 }] }));
    expect(r.ok && r.created.length).toBe(1);
    const again = await db.transaction((tx) => enterServiceHours(tx, A.org_admin!, { activityId, rows: [{ volunteerId: vol.id, hours: 3 }] }));
    expect(again.ok && again.skipped.length).toBe(1);
    expect(await account(vol.id)).toEqual(before);
    const [rec] = await db.select().from(serviceRecords).where(and(eq(serviceRecords.activityId, activityId), eq(serviceRecords.volunteerId, vol.id)));
    expect(rec!.status).toBe("pending");
    expect(rec!.serviceDate).toBe("2026-11-20");
  });

  it("records the outcome with people_served/activities_held rollups equal to the raw definition", async () => {
    const r = await recordOutcome(db, A.org_admin!, { activityId, peopleServed: 218, problemsSolved: 62 });
    expect(r.ok).toBe(true);
    const raw = RAW_ROLLUP_SOURCES[2]!;
    const [want] = await rows<{ ps: string; ah: string }>(db, sql.raw(`SELECT coalesce(sum(people_served),0) ps, coalesce(sum(activities_held),0) ah FROM (${raw}) s WHERE community_code = '${vol.communityCode}' AND day = '2026-11-20'`));
    const [have] = await rows<{ ps: string; ah: string }>(db, sql`SELECT coalesce(sum(people_served),0) - coalesce((SELECT sum(people_served) FROM (SELECT (completed_at AT TIME ZONE 'Asia/Shanghai')::date d, people_served FROM demands WHERE completed_at IS NOT NULL AND state IN ('completed','rated','rewarded') AND community_code = ${vol.communityCode}) x WHERE d = '2026-11-20'), 0) ps, coalesce(sum(activities_held),0) ah FROM rollups WHERE region_code = ${vol.communityCode} AND grain = 'day' AND period = '2026-11-20'`);
    expect(Number(have!.ah)).toBe(Number(want!.ah));
    expect(Number(have!.ps)).toBe(Number(want!.ps));
    // a correction adds only the difference
    expect((await recordOutcome(db, A.org_admin!, { activityId, peopleServed: 220, problemsSolved: 62 })).ok).toBe(true);
    const [again] = await rows<{ ah: string }>(db, sql`SELECT activities_held ah FROM rollups WHERE region_code = ${vol.communityCode} AND grain = 'day' AND period = '2026-11-20' AND sector = 'elderly'`);
    expect(Number(again!.ah)).toBe(Number(want!.ah));
  });
});

describe("review, ledger and star level", () => {
  let recId = 0;
  it("only the supervising street (or above) may review; an org admin's other street may not", async () => {
    const [rec] = await db.select().from(serviceRecords).where(and(eq(serviceRecords.activityId, activityId), eq(serviceRecords.volunteerId, vol.id)));
    recId = rec!.id;
    expect(await reviewServiceRecord(db, A.wangcheng_street!, { id: recId, to: "verified" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await reviewServiceRecord(db, A.shuiji_street!, { id: recId, to: "rejected", reason: "" })).toMatchObject({ ok: false, code: "invalid" });
  });

  it("verifying credits hours, star and points (earn entry); rejecting later posts a reversal", async () => {
    const before = await account(vol.id);
    const v = await reviewServiceRecord(db, A.shuiji_street!, { id: recId, to: "verified", version: 1 });
    expect(v.ok).toBe(true);
    const mid = await account(vol.id);
    expect(mid.hours).toBeCloseTo(before.hours + 3, 2);
    expect(mid.star).toBe(starLevel(mid.hours));
    const earn = await db.select().from(pointEntries).where(and(eq(pointEntries.serviceRecordId, recId), eq(pointEntries.kind, "earn")));
    expect(earn).toHaveLength(1);
    expect(mid.balance - before.balance).toBe(earn[0]!.amount);
    expect(earn[0]!.amount).toBeGreaterThan(0);
    // stale version → conflict
    expect(await reviewServiceRecord(db, A.shuiji_street!, { id: recId, to: "rejected", reason: "x", version: 1 })).toMatchObject({ ok: false, code: "conflict" });
    const r = await reviewServiceRecord(db, A.laixi_wmb!, { id: recId, to: "rejected", reason: "复核发现时长有误" });
    expect(r.ok).toBe(true);
    const after = await account(vol.id);
    expect(after.hours).toBeCloseTo(before.hours, 2);
    const entries = await db.select().from(pointEntries).where(eq(pointEntries.serviceRecordId, recId));
    expect(entries.map((e) => e.kind).sort()).toEqual(["earn", "reverse"]);
    expect(entries.reduce((s, e) => s + e.amount, 0)).toBe(0);
    const [sum] = await rows<{ s: string }>(db, sql`SELECT coalesce(sum(amount),0) s FROM point_entries WHERE volunteer_id = ${vol.id}`);
    expect(after.balance).toBe(Number(sum!.s));
    // verify again for the certificate below
    expect((await reviewServiceRecord(db, A.shuiji_street!, { id: recId, to: "verified" })).ok).toBe(true);
  });
});

describe("certificates and figures", () => {
  it("numbers certificates in sequence and prints only verified hours", async () => {
    const input = { volunteerId: vol.id, from: "2026-11-20", to: "2026-11-20", handler: "测试经办人", contact: "0532-1" };
    const street = await userFor("shuiji_street");
    const a = await issueCertificate(db, street, input);
    const b = await issueCertificate(db, street, input);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    const pa = parseCertificateNumber(a.number)!;
    const pb = parseCertificateNumber(b.number)!;
    expect(pb.seq).toBe(pa.seq + 1);
    expect(a.content.hours).toBe(3);
    expect(a.content.activities.map((x) => x.title)).toContain("集成测试 社区助老");
    expect(a.content.idMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const found = await getCertificate(db, street, { number: a.number });
    expect(found?.volunteerId).toBe(vol.id);
    expect(await issueCertificate(db, await userFor("wangcheng_street"), input)).toMatchObject({ ok: false, code: "not_found" });
  });

  it("getTimebankFigures reads the same rollups as the cockpit and the balances in scope", async () => {
    const day = cstDate();
    const f = await getTimebankFigures(db, A.shuiji_street!, { code: "370285001", from: day, to: day });
    const [raw] = await rows<{ i: string; r: string }>(
      db,
      sql`SELECT coalesce(sum(amount) FILTER (WHERE kind IN ('earn','reverse','dispatch_reward','adjust','moral')),0) i, coalesce(-sum(amount) FILTER (WHERE kind IN ('redeem','refund')),0) r
          FROM point_entries WHERE community_code LIKE '370285001%' AND (created_at AT TIME ZONE 'Asia/Shanghai')::date = ${day}::date`,
    );
    expect(f.pointsIssued).toBe(Number(raw!.i));
    expect(f.pointsRedeemed).toBe(Number(raw!.r));
    const [bal] = await rows<{ s: string }>(db, sql`SELECT coalesce(sum(a.balance),0) s FROM point_accounts a JOIN volunteers v ON v.id = a.volunteer_id WHERE v.community_code LIKE '370285001%'`);
    expect(f.pointsOutstanding).toBe(Number(bal!.s));
    const year = await getTimebankFigures(db, A.laixi_wmb!, { code: "370285", from: "2026-01-01", to: "2026-11-30" });
    expect(year.pointsIssued).toBeGreaterThan(0);
    expect(year.topRewards.length).toBeGreaterThan(0);
    expect(Object.keys(year.topRewards[0]!).sort()).toEqual(["count", "name", "points", "rewardId"]);
  });
});

describe("page queries", () => {
  it("answer in scope and refuse out of scope", async () => {
    const list = await listActivities(db, A.org_admin!, { street: "370285001", from: "2026-11-01", to: "2026-11-30" });
    expect(list.items.map((a) => a.id)).toContain(activityId);
    expect((await listActivities(db, A.wangcheng_street!, {})).items.map((a) => a.id)).not.toContain(activityId);
    const a = await getActivity(db, A.shuiji_street!, { id: activityId });
    expect(a?.enrolments.map((e) => e.volunteerId)).toEqual([vol.id]);
    expect(a?.enrolments[0]?.recordStatus).toBe("verified");
    expect(await getActivity(db, A.wangcheng_street!, { id: activityId })).toBeNull();
    const opts = await activityFormOptions(db, A.org_admin!);
    expect(opts.communities.length).toBeGreaterThan(0);
    expect(opts.communities.every((c) => c.code.startsWith("370285001") && c.street.length > 0)).toBe(true);
    expect(opts.orgs.map((o) => o.id)).toEqual([1]);
    const q = await getHoursReviewQueue(db, A.shuiji_street!, {});
    expect(q.total).toBeGreaterThanOrEqual(0);
    expect((await searchVolunteers(db, A.shuiji_street!, { q: (await db.select({ n: volunteers.volunteerNo }).from(volunteers).where(eq(volunteers.id, vol.id)))[0]!.n })).map((v) => v.id)).toEqual([vol.id]);
    const streets = await publicStreets(db);
    expect(streets.find((s) => s.code === "370285001")?.district.length).toBeGreaterThan(0);
    expect(Array.isArray(await publicOpenActivities(db, { streetCode: "370285001", now: new Date("2026-11-01T00:00:00Z") }))).toBe(true);
    const rewards = await listRewards(db, A.shuiji_street!, { activeOnly: true, openTo: vol.communityCode });
    expect(rewards.every((r) => vol.communityCode.startsWith(r.regionCode))).toBe(true);
    const pts = await getVolunteerPoints(db, A.shuiji_street!, { volunteerId: vol.id });
    expect(pts?.balance).toBe((await account(vol.id)).balance);
    expect(await getVolunteerPoints(db, A.wangcheng_street!, { volunteerId: vol.id })).toBeNull();
    expect(Array.isArray(await listRedemptions(db, A.shuiji_street!, { volunteerId: vol.id }))).toBe(true);
    const d = await timebankDashboard(db, A.laixi_wmb!, { code: "370285", from: "2026-01-01", to: "2026-11-30" });
    expect(d?.children.length).toBeGreaterThan(0);
    const sumKids = d!.children.reduce((s, c) => s + c.figures.pointsIssued, 0);
    expect(sumKids).toBe(d!.total.pointsIssued);
  });
});

describe("public redemption with phone + one-time code", () => {
  it("identifies by a code sent through the SMS outbox (one use, wrong tries counted) and redeems on the volunteer channel", async () => {
    const [v] = await db.select({ enc: volunteers.phoneEnc }).from(volunteers).where(eq(volunteers.id, vol2.id));
    const phone = decryptPii(v!.enc);
    const before = (await readOutbox(phone)).length;
    expect(await requestPhoneCode(db, { phone: "13800000000" })).toEqual({ sent: false });
    expect(await readOutbox("13800000000")).toEqual([]);
    expect(await requestPhoneCode(db, { phone })).toEqual({ sent: true });
    expect((await readOutbox(phone)).length).toBe(before + 1);
    const code = (await lastOutboxCode(phone))!;
    const wrong = code === "000000" ? "111111" : "000000";
    expect(await verifyPhoneCode(db, { phone, code: wrong })).toBeNull();
    expect(await verifyPhoneCode(db, { phone, code })).toEqual({ volunteerId: vol2.id });
    expect(await verifyPhoneCode(db, { phone, code })).toBeNull();
    const [rw] = await db.insert(rewards).values({ name: "公开兑换测试", kind: "goods", costPoints: 5, stock: 3, regionCode: "370285" }).returning({ id: rewards.id });
    await db.transaction((tx) => postPoints(tx, { volunteerId: vol2.id, amount: 50, kind: "adjust", communityCode: vol2.communityCode, dedupeKey: `test:pub:${Date.now()}` }));
    const r = await redeem(db, null, { volunteerId: vol2.id, rewardId: rw!.id, idempotencyKey: `pub-test-${Date.now()}` });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.redemption.channel).toBe("volunteer");
      const [row] = await db.select().from(redemptions).where(eq(redemptions.id, r.redemption.id));
      expect(row!.pickupCode).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    }
    await db.update(rewards).set({ active: false }).where(eq(rewards.id, rw!.id));
  });
});

describe("rollups after all of the above (and the concurrency file, which runs first)", () => {
  it("equal the raw definition row for row (points issued/redeemed after redemptions, cancels, reversals; outcomes)", async () => {
    const cols = ROLLUP_METRICS.map((m) => `coalesce(r.${m}, 0) <> coalesce(x.${m}, 0)`).join(" OR ");
    const diff = await rows(
      db,
      sql.raw(`SELECT coalesce(r.region_code, x.community_code) AS code, coalesce(r.period, x.day) AS day FROM
        (SELECT * FROM rollups WHERE grain = 'day' AND length(region_code) = 12) r
        FULL JOIN (${RAW_ROLLUP_SQL}) x ON x.community_code = r.region_code AND x.day = r.period AND x.sector = r.sector
        WHERE ${cols} LIMIT 5`),
    );
    expect(diff).toEqual([]);
  });
});
