import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { regions } from "@/db/schema";
import { getCampaign } from "@/lib/campaign/queries";
import { computeFigures, type MetricsQuery } from "@/lib/metrics/compute";
import { computeRaw } from "@/lib/metrics/raw";
import { RAW_ROLLUP_SQL, ROLLUP_METRICS } from "@/lib/metrics/rollup";
import { type AdditiveMetrics, SECTORS } from "@/lib/metrics/rules";
import { reviewServiceRecord } from "@/lib/service-hours/review";
import { testDb, userFor } from "../support/db";

const AS_OF = "2026-11-30";
let campaignStart = "2026-09-01";

async function figures(code: string, from: string, to: string, sector?: (typeof SECTORS)[number]) {
  const db = await testDb();
  const kids = await db.select({ code: regions.code, population: regions.population }).from(regions).where(eq(regions.parentCode, code)).orderBy(asc(regions.code));
  const [own] = await db.select({ population: regions.population }).from(regions).where(eq(regions.code, code));
  const q: MetricsQuery = { code, from, to, campaignStart, sector };
  return computeFigures(db, q, new Map(kids.map((k) => [k.code, k.population])), own!.population);
}

async function raw(code: string, from: string, to: string, sector?: (typeof SECTORS)[number]) {
  const db = await testDb();
  const [own] = await db.select({ population: regions.population }).from(regions).where(eq(regions.code, code));
  return computeRaw(db, { code, from, to, campaignStart, sector }, own!.population);
}

/** Rounds hours so 0.1 + 0.2 style float noise cannot fail a comparison of decimal sums. */
function norm(m: AdditiveMetrics) {
  return { ...m, verifiedHours: m.verifiedHours.toFixed(2), verifiedHoursCampaign: m.verifiedHoursCampaign.toFixed(2) };
}

beforeAll(async () => {
  campaignStart = (await getCampaign(await testDb())).start;
});

describe("rollups agree with the raw tables", () => {
  it("the stored rollups equal a fresh aggregate of the raw tables, row for row", async () => {
    const db = await testDb();
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

  const CASES: [string, string, string, (typeof SECTORS)[number]?][] = [
    ["3702", "2026-09-01", AS_OF],
    ["3702", "2026-10-01", "2026-10-31"],
    ["3702", "2026-08-17", "2026-11-03"],
    ["3702", "2025-01-01", AS_OF, "elderly"],
    ["370285", "2026-09-01", AS_OF],
    ["370285", "2026-11-30", "2026-11-30"],
    ["370285001", "2026-09-01", AS_OF],
    ["370285001", "2026-09-15", "2026-11-20", "environment"],
    ["370202", "2026-11-01", AS_OF],
  ];
  for (const [code, from, to, sector] of CASES) {
    it(`rollup path = raw aggregate for ${code} ${from}…${to}${sector ? ` (${sector})` : ""}`, async () => {
      const [a, b] = [await figures(code, from, to, sector), await raw(code, from, to, sector)];
      expect(norm(a.total)).toEqual(norm(b));
      if (from !== to) expect(a.total.verifiedHours).toBeGreaterThan(0);
    });
  }

  it("a community's own figures equal the raw aggregate too", async () => {
    const db = await testDb();
    const [c] = await rows<{ code: string }>(db, sql`SELECT community_code AS code FROM service_records WHERE status = 'verified' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    expect(norm((await figures(c!.code, campaignStart, AS_OF)).total)).toEqual(norm(await raw(c!.code, campaignStart, AS_OF)));
  });
});

describe("parents equal the sum of their children, across rollup grains", () => {
  it("each district seen from the city equals the district's own total (its streets summed)", async () => {
    const city = await figures("3702", campaignStart, AS_OF);
    expect(city.children.size).toBe(10);
    for (const [code, asChild] of city.children) {
      const own = await figures(code, campaignStart, AS_OF);
      expect(norm(own.total), code).toEqual(norm(asChild));
    }
  });
  it("each street of 莱西市 seen from the district equals its communities summed", async () => {
    const d = await figures("370285", campaignStart, AS_OF);
    for (const [code, asChild] of [...d.children].slice(0, 5)) {
      const own = await figures(code, campaignStart, AS_OF);
      expect(norm(own.total), code).toEqual(norm(asChild));
    }
  });
});

describe("writes move the numbers at once", () => {
  it("verifying a pending record adds exactly its hours; rejecting it again takes them away and reverses the points", async () => {
    const db = await testDb();
    const [rec] = await rows<{ id: number; hours: string; community_code: string; service_date: string; volunteer_id: number }>(
      db,
      sql`SELECT id, hours, community_code, service_date::text, volunteer_id FROM service_records
          WHERE status = 'pending' AND community_code LIKE '370285%' ORDER BY id LIMIT 1`,
    );
    expect(rec).toBeDefined();
    const street = rec!.community_code.slice(0, 9);
    const reviewer = await userFor("laixi_wmb");
    const before = await figures(street, rec!.service_date, rec!.service_date);
    const balance = async () => (await rows<{ b: number }>(db, sql`SELECT coalesce((SELECT balance FROM point_accounts WHERE volunteer_id = ${rec!.volunteer_id}), 0) AS b`))[0]!.b;
    const b0 = await balance();

    const v = await reviewServiceRecord(db, reviewer, { id: rec!.id, to: "verified" });
    expect(v.ok).toBe(true);
    const after = await figures(street, rec!.service_date, rec!.service_date);
    expect(after.total.verifiedHours).toBeCloseTo(before.total.verifiedHours + Number(rec!.hours), 2);
    expect(await balance()).toBe(b0 + Math.round(Number(rec!.hours) * 10));
    expect(norm(after.total)).toEqual(norm(await raw(street, rec!.service_date, rec!.service_date)));

    const r = await reviewServiceRecord(db, reviewer, { id: rec!.id, to: "rejected", reason: "时长与签到记录不符" });
    expect(r.ok).toBe(true);
    const again = await figures(street, rec!.service_date, rec!.service_date);
    expect(again.total.verifiedHours).toBeCloseTo(before.total.verifiedHours, 2);
    expect(await balance()).toBe(b0);
    const kinds = await rows<{ kind: string }>(db, sql`SELECT kind::text FROM point_entries WHERE service_record_id = ${rec!.id} ORDER BY id`);
    expect(kinds.map((k) => k.kind)).toEqual(["earn", "reverse"]);
  });

  it("a reviewer cannot touch a record of an organization they do not supervise, and a stale version is refused", async () => {
    const db = await testDb();
    const [rec] = await rows<{ id: number; version: number }>(db, sql`SELECT s.id, s.version FROM service_records s JOIN organizations o ON o.id = s.organization_id
          WHERE s.status = 'pending' AND s.community_code LIKE '370202%' AND o.supervisor_code NOT LIKE '370285%' ORDER BY s.id LIMIT 1`);
    const laixi = await userFor("laixi_wmb");
    expect(await reviewServiceRecord(db, laixi, { id: rec!.id, to: "verified" })).toMatchObject({ ok: false, code: "not_found" });
    const city = await userFor("wmb_admin");
    expect(await reviewServiceRecord(db, city, { id: rec!.id, to: "verified", version: rec!.version + 5 })).toMatchObject({ ok: false, code: "conflict" });
    expect(await reviewServiceRecord(db, city, { id: rec!.id, to: "rejected" })).toMatchObject({ ok: false, code: "invalid", message: "驳回必须填写原因" });
  });
});
