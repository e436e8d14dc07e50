import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { dataVersion } from "@/lib/metrics/cache";
import { getRegionMetrics } from "@/lib/metrics/queries";
import { reviewServiceRecord } from "@/lib/service-hours/review";
import { testDb, userFor } from "../support/db";

const period = { kind: "custom" as const, from: "2026-09-01", to: "2026-11-30" };

describe("cached cockpit figures are never stale", () => {
  it("a write to any source table moves the data version in the same transaction", async () => {
    const db = await testDb();
    const v0 = await dataVersion(db);
    await db.execute(sql`UPDATE rectification_tasks SET responsible_unit = responsible_unit WHERE id = (SELECT min(id) FROM rectification_tasks)`);
    const v1 = await dataVersion(db);
    expect(BigInt(v1)).toBeGreaterThan(BigInt(v0));
    await db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE settings SET value = value WHERE key = 'points_per_hour'`);
      tx.rollback();
    }).catch(() => undefined);
    expect(await dataVersion(db)).toBe(v1);
  });

  it("the page's figures move at once after a verification, and again after closing a task by SQL", async () => {
    const db = await testDb();
    const user = await userFor("wmb_admin");
    const [rec] = await rows<{ id: number; hours: string; community_code: string }>(
      db,
      sql`SELECT id, hours, community_code FROM service_records WHERE status = 'pending' AND service_date BETWEEN '2026-09-01' AND '2026-11-30' ORDER BY id DESC LIMIT 1`,
    );
    const district = rec!.community_code.slice(0, 6);
    const before = (await getRegionMetrics({ user, code: district, period }))!;
    const again = (await getRegionMetrics({ user, code: district, period }))!; // served from the cache
    expect(again.verifiedHours).toBe(before.verifiedHours);
    expect((await reviewServiceRecord(db, user, { id: rec!.id, to: "verified" })).ok).toBe(true);
    const after = (await getRegionMetrics({ user, code: district, period }))!;
    expect(after.verifiedHours).toBeCloseTo(before.verifiedHours + Number(rec!.hours), 2);

    const [task] = await rows<{ id: number }>(db, sql`SELECT id FROM rectification_tasks WHERE status = 'submitted' AND community_code LIKE ${`${district}%`} LIMIT 1`);
    if (task) {
      await db.execute(sql`UPDATE rectification_tasks SET status = 'closed', closed_at = '2026-11-30T10:00:00+08' WHERE id = ${task.id}`);
      const closed = (await getRegionMetrics({ user, code: district, period }))!;
      expect(closed.tasks.closed).toBe(after.tasks.closed + 1);
    }
  });
});
