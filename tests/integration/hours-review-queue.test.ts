/**
 * Issue 17 items 3–4 on the seeded database (PGlite and PostgreSQL):
 * - the 工时审核 queue pages through every pending record in the reviewer's reach (the 196th entry
 *   is reachable, none twice), its filters (activity, organization, service date) narrow the rows
 *   and the count together;
 * - hours are refused before the activity has ended, and for a volunteer who never checked in
 *   unless a reason is given; the reason is kept and comes back in the reviewer's queue.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Db, rows } from "@/db/client";
import { serviceRecords, volunteers } from "@/db/schema";
import { checkIn, createActivity, enrolVolunteers } from "@/lib/activities/service";
import type { Actor } from "@/lib/auth/actor";
import { enterServiceHours } from "@/lib/service-hours/entry";
import { getHoursQueueChoices, getHoursReviewQueue, parseQueueFilter, QUEUE_PAGE_SIZE } from "@/lib/service-hours/queue";
import { testDb, userFor } from "../support/db";

let db: Db;
const A: Record<string, Actor> = {};
let vols: { id: number; name: string; volunteerNo: string; communityCode: string }[] = [];
const actor = async (u: string): Promise<Actor> => {
  const x = await userFor(u);
  return { id: x.id, username: x.username, role: x.role, scopeCode: x.scopeCode, organizationId: x.organizationId, ip: "127.0.0.1" };
};

/** Pending records the reviewer may decide, by the raw definition (organization supervised in scope, else the volunteer's community). */
async function rawPending(scope: string) {
  const like = `${scope}%`;
  const r = await rows<{ id: string }>(
    db,
    sql`SELECT s.id FROM service_records s LEFT JOIN organizations o ON o.id = s.organization_id
        WHERE s.status = 'pending' AND (CASE WHEN s.organization_id IS NULL THEN s.community_code LIKE ${like} ELSE o.supervisor_code LIKE ${like} END)`,
  );
  return r.map((x) => Number(x.id));
}

async function newActivity(title: string, startsAt: Date, endsAt: Date, capacity = 10) {
  const r = await createActivity(db, A.org_admin!, { title, sector: "elderly", regionCode: vols[0]!.communityCode, address: "测试地址", startsAt, endsAt, capacity });
  expect(r.ok).toBe(true);
  return (r as { id: number }).id;
}

beforeAll(async () => {
  db = await testDb();
  for (const u of ["org_admin", "shuiji_street"]) A[u] = await actor(u);
  vols = await db
    .select({ id: volunteers.id, name: volunteers.name, volunteerNo: volunteers.volunteerNo, communityCode: volunteers.communityCode })
    .from(volunteers)
    .where(sql`${volunteers.communityCode} LIKE '370285001%' AND ${volunteers.status} = 'active'`)
    .orderBy(volunteers.id)
    .limit(8);
  expect(vols.length).toBe(8);
});

describe("hour entry refusals (item 4)", () => {
  it("refuses hours for an activity that has not ended, naming the end time; the same rows pass once it is over", async () => {
    const starts = new Date(Date.now() + 2 * 86_400_000);
    const id = await newActivity("集成测试 未结束的活动", starts, new Date(starts.getTime() + 3 * 3_600_000));
    expect((await enrolVolunteers(db, A.org_admin!, { activityId: id, volunteerIds: [vols[0]!.id] })).ok).toBe(true);
    expect((await checkIn(db, A.org_admin!, { activityId: id, volunteerIds: [vols[0]!.id] })).ok).toBe(true);
    const early = await db.transaction((tx) => enterServiceHours(tx, A.org_admin!, { activityId: id, rows: [{ volunteerId: vols[0]!.id, hours: 2 }] }));
    expect(early).toMatchObject({ ok: false, code: "invalid", fields: ["activityId"] });
    expect(early.ok ? "" : early.message).toMatch(/活动尚未结束（结束时间 .+），结束后才能登记服务时长/);
    expect(await db.select().from(serviceRecords).where(eq(serviceRecords.activityId, id))).toEqual([]);
    // the clock passes the end: accepted
    const later = new Date(starts.getTime() + 4 * 3_600_000);
    const ok = await db.transaction((tx) => enterServiceHours(tx, A.org_admin!, { activityId: id, rows: [{ volunteerId: vols[0]!.id, hours: 2 }] }, later));
    expect(ok).toMatchObject({ ok: true });
  });

  it("refuses a volunteer who never checked in unless a reason is given; the reason is kept and shown to the reviewer", async () => {
    const id = await newActivity("集成测试 未签到登记", new Date("2026-11-21T09:00:00+08:00"), new Date("2026-11-21T11:00:00+08:00"));
    const [a, b] = [vols[1]!, vols[2]!];
    expect((await enrolVolunteers(db, A.org_admin!, { activityId: id, volunteerIds: [a.id, b.id] })).ok).toBe(true);
    expect((await checkIn(db, A.org_admin!, { activityId: id, volunteerIds: [a.id] })).ok).toBe(true);

    const refused = await db.transaction((tx) =>
      enterServiceHours(tx, A.org_admin!, { activityId: id, rows: [{ volunteerId: a.id, hours: 2 }, { volunteerId: b.id, hours: 2, noCheckInReason: "   " }] }),
    );
    expect(refused).toMatchObject({ ok: false, code: "invalid", fields: ["noCheckInReason"], extra: { volunteerId: b.id } });
    // the message names the volunteer (name and number) and says what to do
    expect(refused.ok ? "" : refused.message).toBe(`志愿者 ${b.name}（${b.volunteerNo}）：未签到，请先签到，或填写“未签到原因”后再登记`);
    // nothing was written for the checked-in volunteer either (one transaction)
    expect(await db.select().from(serviceRecords).where(eq(serviceRecords.activityId, id))).toEqual([]);

    const tooLong = await db.transaction((tx) => enterServiceHours(tx, A.org_admin!, { activityId: id, rows: [{ volunteerId: b.id, hours: 2, noCheckInReason: "长".repeat(201) }] }));
    expect(tooLong.ok ? "" : tooLong.message).toContain("未签到原因最多 200 个字");

    const ok = await db.transaction((tx) =>
      enterServiceHours(tx, A.org_admin!, { activityId: id, rows: [{ volunteerId: a.id, hours: 2 }, { volunteerId: b.id, hours: 1.5, noCheckInReason: "现场漏签，有签到表照片" }] }),
    );
    expect(ok).toMatchObject({ ok: true });
    const recs = await db.select({ v: serviceRecords.volunteerId, reason: serviceRecords.noCheckInReason }).from(serviceRecords).where(eq(serviceRecords.activityId, id));
    expect(new Map(recs.map((r) => [r.v, r.reason]))).toEqual(
      new Map([
        [a.id, null],
        [b.id, "现场漏签，有签到表照片"],
      ]),
    );
    // the reviewer sees it, filtered to this activity
    const q = await getHoursReviewQueue(db, A.shuiji_street!, { activityId: id });
    expect(q.total).toBe(2);
    expect(q.items.find((r) => r.volunteerId === b.id)?.noCheckInReason).toBe("现场漏签，有签到表照片");
    expect(q.items.find((r) => r.volunteerId === a.id)?.noCheckInReason).toBeNull();
  });

  it("a hours value is refused naming the volunteer", async () => {
    const id = await newActivity("集成测试 时长超限", new Date("2026-11-22T09:00:00+08:00"), new Date("2026-11-22T10:00:00+08:00"));
    const v = vols[3]!;
    await enrolVolunteers(db, A.org_admin!, { activityId: id, volunteerIds: [v.id] });
    await checkIn(db, A.org_admin!, { activityId: id, volunteerIds: [v.id] });
    const r = await db.transaction((tx) => enterServiceHours(tx, A.org_admin!, { activityId: id, rows: [{ volunteerId: v.id, hours: 2 }] }));
    expect(r).toMatchObject({ ok: false, fields: ["hours"] });
    expect(r.ok ? "" : r.message).toBe(`志愿者 ${v.name}（${v.volunteerNo}）：服务时长不能超过活动时长 1 小时`);
  });
});

describe("the review queue pages and filters (item 3)", () => {

  beforeAll(async () => {
    // At least 196 pending records in 水集's reach: top up with records of one activity of organization 1 (supervised by 水集).
    const have = (await rawPending("370285001")).length;
    if (have < 196) {
      const fill = await newActivity("集成测试 审核分页", new Date("2026-11-10T09:00:00+08:00"), new Date("2026-11-10T12:00:00+08:00"), 400);
      const pool = await db
        .select({ id: volunteers.id, communityCode: volunteers.communityCode })
        .from(volunteers)
        .orderBy(volunteers.id)
        .limit(196 - have);
      await db.insert(serviceRecords).values(
        pool.map((v) => ({ volunteerId: v.id, activityId: fill, organizationId: 1, communityCode: v.communityCode, sector: "elderly" as const, serviceDate: "2026-11-10", hours: "2", status: "pending" as const, enteredBy: A.org_admin!.id })),
      );
    }
    expect((await rawPending("370285001")).length).toBeGreaterThanOrEqual(196);
  });

  it("walks every page: each pending record in reach exactly once, the 196th included, oldest first", async () => {
    const want = await rawPending("370285001");
    const first = await getHoursReviewQueue(db, A.shuiji_street!, {});
    expect(first.total).toBe(want.length);
    expect(first.items).toHaveLength(QUEUE_PAGE_SIZE);
    expect(first.pageCount).toBe(Math.ceil(want.length / QUEUE_PAGE_SIZE));
    const seen: number[] = [];
    const entered: number[] = [];
    for (let p = 1; p <= first.pageCount; p++) {
      const q = await getHoursReviewQueue(db, A.shuiji_street!, { page: p });
      expect(q.page).toBe(p);
      seen.push(...q.items.map((r) => r.id));
      entered.push(...q.items.map((r) => r.enteredAt.getTime()));
    }
    expect(seen).toHaveLength(want.length);
    expect(new Set(seen)).toEqual(new Set(want));
    expect(seen[195]).toBeDefined();
    expect(entered).toEqual([...entered].sort((a, b) => a - b));
    // page 4 holds entries 151–200, so the 196th is reachable from the UI's pager
    const p4 = await getHoursReviewQueue(db, A.shuiji_street!, { page: 4 });
    expect(p4.items.map((r) => r.id)).toContain(seen[195]);
    // a page past the end shows the last page, not an empty one
    const past = await getHoursReviewQueue(db, A.shuiji_street!, { page: 999 });
    expect(past.page).toBe(first.pageCount);
    expect(past.items.length).toBeGreaterThan(0);
  });

  it("filters by activity, organization and service date; counts follow the filter; choices only lead to rows", async () => {
    const choices = await getHoursQueueChoices(db, A.shuiji_street!);
    expect(choices.organizations.length).toBeGreaterThan(0);
    const act = choices.activities.find((c) => c.label.startsWith("集成测试 未签到登记"));
    expect(act?.label).toBe("集成测试 未签到登记（2）");
    const byAct = await getHoursReviewQueue(db, A.shuiji_street!, { activityId: Number(act!.value) });
    expect(byAct.total).toBe(2);
    expect(byAct.items.every((r) => r.activityTitle === "集成测试 未签到登记")).toBe(true);

    const org1 = await getHoursReviewQueue(db, A.shuiji_street!, { organizationId: 1, pageSize: 1000 });
    const [raw1] = await rows<{ n: number }>(db, sql`SELECT count(*)::int n FROM service_records WHERE status = 'pending' AND organization_id = 1`);
    expect(org1.total).toBe(Number(raw1!.n));
    expect(choices.organizations.find((o) => o.value === 1)?.label).toMatch(new RegExp(`（${org1.total}）$`));

    const day = await getHoursReviewQueue(db, A.shuiji_street!, { from: "2026-11-21", to: "2026-11-21", pageSize: 1000 });
    expect(day.total).toBeGreaterThanOrEqual(2);
    expect(day.items.every((r) => r.serviceDate === "2026-11-21")).toBe(true);
    const none = await getHoursReviewQueue(db, A.shuiji_street!, { from: "2030-01-01" });
    expect(none).toMatchObject({ total: 0, items: [] });
    // another street's reviewer does not see 水集's records through a filter either
    const other = await actor("wangcheng_street");
    expect((await getHoursReviewQueue(db, other, { activityId: Number(act!.value) })).total).toBe(0);
  });

  it("reads filters from the URL, dropping bad values", () => {
    expect(parseQueueFilter({ page: "3", activity: "12", org: "x", from: "2026-11-01", to: "11/30" })).toEqual({ page: 3, activityId: 12, organizationId: undefined, from: "2026-11-01", to: undefined });
    expect(parseQueueFilter({ page: "-1" }).page).toBe(1);
  });
});
