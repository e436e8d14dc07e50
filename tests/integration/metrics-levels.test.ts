/**
 * Rollups at every level (community, street, district, city) after mixed real writes, on both
 * databases: what readers see (level rows + unfolded deltas) equals the raw aggregate before and
 * after folding; parent = Σ children at every level; a failing write leaves no delta and no audit
 * entry; rollups:verify finds a corrupted row and rollups:rebuild repairs it.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Db, rows } from "@/db/client";
import { writeAudit } from "@/lib/audit/log";
import { addToRollup, countPendingDeltas, foldRollups, LEVEL_LENGTHS, repairRollups, ROLLUP_METRICS } from "@/lib/metrics/rollup";
import { verifyRollups } from "@/lib/metrics/verify";
import { reviewServiceRecord } from "@/lib/service-hours/review";
import { bulkUpdate, createTask } from "@/lib/tasks/service";
import { postPoints } from "@/lib/timebank/ledger";
import { registerVolunteer } from "@/lib/volunteers/register";
import { validateRegistration } from "@/lib/volunteers/registration";
import { uniqueIdCard } from "../support/idcard";
import { testDb, userFor } from "../support/db";

const TODAY = "2026-11-30";
let db: Db;

async function mixedWrites(tag: number) {
  const admin = await userFor("wmb_admin");
  // one community in each of four districts
  const communities = await rows<{ code: string }>(db, sql`SELECT DISTINCT ON (left(code, 6)) code FROM regions WHERE level = 'community' ORDER BY left(code, 6), code LIMIT 4`);
  for (const [i, c] of communities.entries()) {
    const v = validateRegistration({ name: "层级测试", idCard: uniqueIdCard(700_000 + tag * 10 + i, c.code.slice(0, 6)), phone: "13700002222", communityCode: c.code }, TODAY);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    const r = await registerVolunteer(db, { ...admin, ip: "127.0.0.1" }, v.data);
    expect(r.ok).toBe(true);
  }
  const pending = await rows<{ id: number }>(db, sql`SELECT id FROM service_records WHERE status = 'pending' ORDER BY id DESC LIMIT 4 OFFSET ${tag * 4}`);
  for (const p of pending) expect((await reviewServiceRecord(db, admin, { id: p.id, to: "verified" })).ok).toBe(true);
  // un-verify one of them again: hours, records and the active runs go back
  if (pending[0]) expect((await reviewServiceRecord(db, admin, { id: pending[0].id, to: "rejected", reason: "层级测试驳回" })).ok).toBe(true);
  const [vol] = await rows<{ id: number; community_code: string }>(db, sql`SELECT id, community_code FROM volunteers ORDER BY id LIMIT 1`);
  await db.transaction((tx) => postPoints(tx, { volunteerId: vol!.id, amount: 7, kind: "adjust", communityCode: vol!.community_code, dedupeKey: `levels:${tag}:${Date.now()}`, note: "层级测试" }));
  // Tasks (rolled up by a trigger, whatever the path): a new one through the service, a deadline
  // moved and a task moved to another district through the bulk action, a closing, a reopening and
  // a deletion written directly.
  const c0 = communities[0]!.code;
  const created = await createTask(db, { ...admin, ip: "127.0.0.1" }, { type: "parking", pointName: `层级测试点位${tag}`, description: "层级测试", streetCode: c0.slice(0, 9), communityCode: c0, deadline: "2026-12-20", assignNow: true, photoIds: [] });
  expect(created.ok).toBe(true);
  const open = await rows<{ id: number; version: number }>(db, sql`SELECT id, version FROM rectification_tasks WHERE status <> 'closed' ORDER BY id LIMIT 2 OFFSET ${tag * 3}`);
  expect((await bulkUpdate(db, { ...admin, ip: "127.0.0.1" }, { action: "extend", deadline: "2026-12-31", reason: "层级测试延期", items: [open[0]!] })).ok).toBe(true);
  const c3 = communities[3]!.code;
  expect((await bulkUpdate(db, { ...admin, ip: "127.0.0.1" }, { action: "reassign", streetCode: c3.slice(0, 9), communityCode: c3, reason: "层级测试改派", items: [open[1]!] })).ok).toBe(true);
  await db.execute(sql`UPDATE rectification_tasks SET status = 'closed', closed_at = '2026-11-29T02:00:00Z' WHERE id = (SELECT id FROM rectification_tasks WHERE status = 'submitted' ORDER BY id LIMIT 1 OFFSET ${tag})`);
  await db.execute(sql`UPDATE rectification_tasks SET status = 'returned' WHERE id = (SELECT id FROM rectification_tasks WHERE status = 'closed' ORDER BY id LIMIT 1 OFFSET ${tag})`);
  // a task of this test's own, written and removed directly (the seeded ones stay as they are)
  const [own] = await rows<{ id: number }>(
    db,
    sql`INSERT INTO rectification_tasks (problem_key, type, point_name, description, street_code, community_code, status, deadline, reported_at)
        VALUES (${`levels-${tag}-${Date.now()}`}, 'parking', '层级测试直写', '层级测试', ${c3.slice(0, 9)}, ${c3}, 'reported', '2026-11-20', '2026-11-10T03:00:00Z') RETURNING id`,
  );
  await db.execute(sql`UPDATE rectification_tasks SET status = 'closed', closed_at = '2026-11-25T03:00:00Z' WHERE id = ${own!.id}`);
  await db.execute(sql`DELETE FROM rectification_tasks WHERE id = ${own!.id}`);
}

beforeAll(async () => {
  db = await testDb();
});

describe("rollups at every level", () => {
  it("equal the raw aggregate at every level and grain after mixed writes, before and after folding", async () => {
    await mixedWrites(1);
    expect(await countPendingDeltas(db)).toBeGreaterThan(0);
    const before = await verifyRollups(db);
    expect(before.mismatches).toEqual([]);
    await foldRollups(db);
    expect(await countPendingDeltas(db)).toBe(0);
    const after = await verifyRollups(db);
    expect(after.mismatches).toEqual([]);
    expect(after.compared).toBe(before.compared);
  }, 240_000);

  it("parent = Σ children at every level, for every metric (with deltas pending)", async () => {
    await mixedWrites(2);
    for (let i = 0; i < LEVEL_LENGTHS.length - 1; i++) {
      const child = LEVEL_LENGTHS[i]!;
      const parent = LEVEL_LENGTHS[i + 1]!;
      const cols = ROLLUP_METRICS.map((m) => `coalesce(p.${m}, 0) <> coalesce(c.${m}, 0)`).join(" OR ");
      const bad = await rows(
        db,
        sql.raw(`SELECT coalesce(p.region_code, c.k) AS k FROM
          (SELECT * FROM rollups WHERE length(region_code) = ${parent}) p
          FULL JOIN (SELECT left(region_code, ${parent}) AS k, grain, period, sector, ${ROLLUP_METRICS.map((m) => `sum(${m}) AS ${m}`).join(", ")}
                     FROM rollups WHERE length(region_code) = ${child} GROUP BY 1, 2, 3, 4) c
            ON c.k = p.region_code AND c.grain = p.grain AND c.period = p.period AND c.sector = p.sector
          WHERE ${cols} LIMIT 5`),
      );
      expect(bad, `level ${parent} vs ${child}`).toEqual([]);
    }
    await foldRollups(db);
  }, 240_000);

  it("a failing write rolls back its rollup deltas and its audit entry with it", async () => {
    const [{ d: d0, a: a0 }] = (await rows<{ d: number; a: number }>(db, sql`SELECT (SELECT count(*)::int FROM rollup_deltas) AS d, (SELECT count(*)::int FROM audit_log) AS a`)) as [{ d: number; a: number }];
    const [c] = await rows<{ code: string }>(db, sql`SELECT code FROM regions WHERE level = 'community' LIMIT 1`);
    await expect(
      db.transaction(async (tx) => {
        await addToRollup(tx, { day: TODAY, communityCode: c!.code, new_volunteers: 1 });
        await writeAudit(tx, { username: "tester", action: "test.rollback" });
        // the change itself then fails (a constraint the database enforces)
        await tx.execute(sql`INSERT INTO volunteers (id) VALUES (NULL)`);
      }),
    ).rejects.toThrow();
    const [after] = await rows<{ d: number; a: number }>(db, sql`SELECT (SELECT count(*)::int FROM rollup_deltas) AS d, (SELECT count(*)::int FROM audit_log) AS a`);
    expect(after).toEqual({ d: d0, a: a0 });
  });

  it("rollups:verify names a corrupted row; rollups:rebuild repairs it while writes go on", async () => {
    const [row] = await rows<{ region_code: string; period: string }>(db, sql`SELECT region_code, period::text AS period FROM rollup_levels WHERE grain = 'month' AND length(region_code) = 6 AND sector = '' AND new_volunteers > 0 LIMIT 1`);
    await db.execute(sql`UPDATE rollup_levels SET new_volunteers = new_volunteers + 5 WHERE region_code = ${row!.region_code} AND grain = 'month' AND period = ${row!.period}::date AND sector = ''`);
    const bad = await verifyRollups(db);
    expect(bad.ok).toBe(false);
    expect(bad.mismatches).toContainEqual(expect.objectContaining({ regionCode: row!.region_code, grain: "month", period: row!.period, metric: "new_volunteers" }));
    // a write that lands while the rebuild runs keeps its delta
    await Promise.all([repairRollups(db), mixedWrites(3)]);
    await foldRollups(db);
    expect((await verifyRollups(db)).mismatches).toEqual([]);
  }, 240_000);
});
