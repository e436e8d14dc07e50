/**
 * The cockpit cache (lib/metrics/cache.ts, docs/metrics.md): bounded-stale, local, read-your-writes,
 * single-flight. Figures are never served older than the TTL; a write in one district leaves
 * another district's entries valid; the writer sees their own change on the next read; concurrent
 * misses compute once.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { cacheComputations, clearMetricsCache, parseSnapshot, visibleIn } from "@/lib/metrics/cache";
import { getRegionMetrics } from "@/lib/metrics/queries";
import { reviewServiceRecord } from "@/lib/service-hours/review";
import { testDb, userFor } from "../support/db";

const period = { kind: "custom" as const, from: "2026-09-01", to: "2026-11-30" };

async function pendingIn(district: string) {
  const db = await testDb();
  const [rec] = await rows<{ id: number; hours: string; community_code: string }>(
    db,
    sql`SELECT id, hours, community_code FROM service_records WHERE status = 'pending' AND community_code LIKE ${`${district}%`}
      AND service_date BETWEEN '2026-09-01' AND '2026-11-30' ORDER BY id DESC LIMIT 1`,
  );
  return rec!;
}

describe("snapshot visibility", () => {
  it("reads pg_current_snapshot() text and decides visibility exactly", () => {
    const s = parseSnapshot("100:105:101,103");
    expect(visibleIn(99n, s)).toBe(true);
    expect(visibleIn(100n, s)).toBe(true);
    expect(visibleIn(101n, s)).toBe(false);
    expect(visibleIn(102n, s)).toBe(true);
    expect(visibleIn(105n, s)).toBe(false);
    expect(parseSnapshot("7:7:").xip.size).toBe(0);
  });
});

describe("cached cockpit figures: local, bounded, read-your-writes", () => {
  it("a write in one district leaves another district's figures cached, while the writer sees their own change at once", async () => {
    const db = await testDb();
    clearMetricsCache();
    const writer = await userFor("wmb_admin");
    const viewer = await userFor("city_leader");
    const [a, b] = (await rows<{ code: string }>(db, sql`SELECT code FROM regions WHERE level = 'district' ORDER BY code LIMIT 2`)).map((r) => r.code);
    const rec = await pendingIn(a!);

    const aBefore = (await getRegionMetrics({ user: viewer, code: a!, period }))!;
    const bBefore = (await getRegionMetrics({ user: viewer, code: b!, period }))!;
    const cityBefore = (await getRegionMetrics({ user: viewer, code: "3702", period }))!;
    const n0 = cacheComputations();
    expect((await getRegionMetrics({ user: viewer, code: b!, period }))!.asOf).toBe(bBefore.asOf); // a hit
    expect(cacheComputations()).toBe(n0);

    expect((await reviewServiceRecord(db, writer, { id: rec.id, to: "verified" })).ok).toBe(true);

    // The other district: still served from the cache (the same entry, as of the same instant).
    const bAfter = (await getRegionMetrics({ user: viewer, code: b!, period }))!;
    expect(bAfter.asOf).toBe(bBefore.asOf);
    // The writer's own district, for anyone: recomputed, and it moved.
    const aAfter = (await getRegionMetrics({ user: viewer, code: a!, period }))!;
    expect(aAfter.verifiedHours).toBeCloseTo(aBefore.verifiedHours + Number(rec.hours), 2);
    // The city: bounded-stale for others (served as it was) ...
    const cityOther = (await getRegionMetrics({ user: viewer, code: "3702", period }))!;
    expect(cityOther.asOf).toBe(cityBefore.asOf);
    expect(cityOther.verifiedHours).toBe(cityBefore.verifiedHours);
    // ... but the writer sees their change on their next page, at every level.
    const cityWriter = (await getRegionMetrics({ user: writer, code: "3702", period }))!;
    expect(cityWriter.verifiedHours).toBeCloseTo(cityBefore.verifiedHours + Number(rec.hours), 2);
    // The refresh link recomputes for anyone.
    const cityFresh = (await getRegionMetrics({ user: viewer, code: "3702", period, newerThan: Date.parse(cityOther.asOf) }))!;
    expect(Date.parse(cityFresh.asOf)).toBeGreaterThan(Date.parse(cityOther.asOf));
    expect(cityFresh.verifiedHours).toBeCloseTo(cityWriter.verifiedHours, 2);
  });

  it("a change the cache was not told about (raw SQL) shows within the TTL bound: served as of its time, exact after a refresh", async () => {
    const db = await testDb();
    clearMetricsCache();
    const user = await userFor("wmb_admin");
    const [task] = await rows<{ id: number; district: string }>(db, sql`SELECT id, left(community_code, 6) AS district FROM rectification_tasks WHERE status = 'submitted' LIMIT 1`);
    if (!task) return;
    const before = (await getRegionMetrics({ user, code: task.district, period }))!;
    await db.execute(sql`UPDATE rectification_tasks SET status = 'closed', closed_at = '2026-11-30T10:00:00+08' WHERE id = ${task.id}`);
    const cached = (await getRegionMetrics({ user, code: task.district, period }))!;
    expect(cached.asOf).toBe(before.asOf);
    expect(Date.now() - Date.parse(cached.asOf)).toBeLessThanOrEqual(30_000);
    const fresh = (await getRegionMetrics({ user, code: task.district, period, newerThan: Date.parse(cached.asOf) }))!;
    expect(fresh.tasks.closed).toBe(before.tasks.closed + 1);
  });

  it("concurrent misses of one key compute once", async () => {
    clearMetricsCache();
    const user = await userFor("city_leader");
    const n0 = cacheComputations();
    const all = await Promise.all(Array.from({ length: 8 }, () => getRegionMetrics({ user, code: "3702", period })));
    expect(cacheComputations() - n0).toBe(1);
    expect(new Set(all.map((r) => r!.asOf)).size).toBe(1);
  });
});
