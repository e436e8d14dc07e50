import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { pgArrayLiteral } from "@/db/sql-array";

/**
 * The rollups' definition, in one place. `RAW_ROLLUP_SQL` computes every rollup row from
 * the raw tables; `rebuildRollups` fills the table from it (seed, repair), and the consistency tests
 * compare the live table — kept current by `addToRollup` inside each write's transaction — against
 * it. Days are calendar days in China Standard Time.
 */
export const TZ = "Asia/Shanghai";

export const ROLLUP_METRICS = [
  "new_volunteers",
  "verified_hours",
  "verified_records",
  "people_served",
  "activities_held",
  "points_issued",
  "points_redeemed",
  "demands_received",
  "demands_completed",
  "rating_sum",
  "rating_count",
] as const;
export type RollupMetric = (typeof ROLLUP_METRICS)[number];

const zero = (except: Partial<Record<RollupMetric, string>>) =>
  ROLLUP_METRICS.map((m) => `${except[m] ?? "0"} AS ${m}`).join(", ");

/** One SELECT per source, each yielding (day, community_code, sector, …metrics). */
export const RAW_ROLLUP_SOURCES = [
  `SELECT registered_on AS day, community_code, '' AS sector, ${zero({ new_volunteers: "count(*)" })}
     FROM volunteers GROUP BY 1, 2`,
  `SELECT service_date AS day, community_code, sector::text AS sector,
          ${zero({ verified_hours: "sum(hours)", verified_records: "count(*)" })}
     FROM service_records WHERE status = 'verified' GROUP BY 1, 2, 3`,
  `SELECT (ends_at AT TIME ZONE '${TZ}')::date AS day, region_code AS community_code, sector::text AS sector,
          ${zero({ people_served: "coalesce(sum(people_served), 0)", activities_held: "count(*)" })}
     FROM activities WHERE status = 'completed' GROUP BY 1, 2, 3`,
  `SELECT (created_at AT TIME ZONE '${TZ}')::date AS day, community_code, '' AS sector,
          ${zero({
            points_issued: "coalesce(sum(amount) FILTER (WHERE kind IN ('earn','reverse','dispatch_reward','adjust')), 0)",
            points_redeemed: "coalesce(-sum(amount) FILTER (WHERE kind IN ('redeem','refund')), 0)",
          })}
     FROM point_entries GROUP BY 1, 2`,
  `SELECT (posted_at AT TIME ZONE '${TZ}')::date AS day, community_code, '' AS sector, ${zero({ demands_received: "count(*)" })}
     FROM demands GROUP BY 1, 2`,
  `SELECT (completed_at AT TIME ZONE '${TZ}')::date AS day, community_code, '' AS sector,
          ${zero({ demands_completed: "count(*)", people_served: "sum(people_served)" })}
     FROM demands WHERE completed_at IS NOT NULL AND state IN ('completed','rated','rewarded') GROUP BY 1, 2`,
  `SELECT (rated_at AT TIME ZONE '${TZ}')::date AS day, community_code, '' AS sector,
          ${zero({ rating_sum: "sum(rating)", rating_count: "count(*)" })}
     FROM demands WHERE rating IS NOT NULL AND rated_at IS NOT NULL GROUP BY 1, 2`,
];

export const RAW_ROLLUP_SQL = `SELECT day, community_code, sector, ${ROLLUP_METRICS.map((m) => `sum(${m}) AS ${m}`).join(", ")}
  FROM (${RAW_ROLLUP_SOURCES.join("\n UNION ALL \n")}) s
  GROUP BY day, community_code, sector`;

/**
 * Recomputes the whole rollup table from the raw tables (seed, or repair after a bulk load):
 * community × day first, then street × day, community × month and street × month from it.
 */
export async function rebuildRollups(db: Queryable): Promise<void> {
  const cols = ROLLUP_METRICS.join(", ");
  const sums = ROLLUP_METRICS.map((m) => `sum(${m})`).join(", ");
  await db.execute(sql.raw("DELETE FROM rollups WHERE true"));
  await db.execute(
    sql.raw(`INSERT INTO rollups (region_code, grain, period, sector, ${cols})
      SELECT community_code, 'day', day, sector, ${cols} FROM (${RAW_ROLLUP_SQL}) r`),
  );
  await db.execute(
    sql.raw(`INSERT INTO rollups (region_code, grain, period, sector, ${cols})
      SELECT left(region_code, 9), 'day', period, sector, ${sums} FROM rollups
      WHERE grain = 'day' AND length(region_code) = 12 GROUP BY 1, 3, 4`),
  );
  await db.execute(
    sql.raw(`INSERT INTO rollups (region_code, grain, period, sector, ${cols})
      SELECT region_code, 'month', date_trunc('month', period)::date, sector, ${sums} FROM rollups
      WHERE grain = 'day' GROUP BY 1, 3, 4`),
  );
}

export type RollupDelta = {
  day: string; // YYYY-MM-DD (China Standard Time)
  communityCode: string;
  sector?: string;
} & Partial<Record<RollupMetric, number>>;

/** The four rollup rows (community/street × day/month) one change belongs to. */
function rollupKeys(day: string, communityCode: string): [string, "day" | "month", string][] {
  if (!/^\d{12}$/.test(communityCode)) throw new Error(`rollup needs a community code, got ${communityCode}`);
  const month = `${day.slice(0, 7)}-01`;
  const street = communityCode.slice(0, 9);
  return [
    [communityCode, "day", day],
    [street, "day", day],
    [communityCode, "month", month],
    [street, "month", month],
  ];
}

/**
 * Adds a change to the rollups, in the caller's transaction: every write that changes a rolled-up
 * figure calls this with the same delta it applied to the raw tables. One statement updates the
 * four rows (community/street × day/month) the change belongs to.
 */
export async function addToRollup(tx: Queryable, d: RollupDelta): Promise<void> {
  const metrics = ROLLUP_METRICS.filter((m) => d[m] !== undefined && d[m] !== 0);
  if (metrics.length === 0) return;
  const sector = d.sector ?? "";
  const vals = metrics.map((m) => sql`${d[m]}`);
  const rowsSql = rollupKeys(d.day, d.communityCode).map(([region, grain, period]) => sql`(${region}, ${grain}, ${period}::date, ${sector}, ${sql.join(vals, sql`, `)})`);
  await tx.execute(sql`
    INSERT INTO rollups (region_code, grain, period, sector, ${sql.raw(metrics.join(", "))})
    VALUES ${sql.join(rowsSql, sql`, `)}
    ON CONFLICT (region_code, grain, period, sector) DO UPDATE SET
    ${sql.raw(metrics.map((m) => `${m} = rollups.${m} + EXCLUDED.${m}`).join(", "))}`);
}

/**
 * Many changes to one metric in one statement (bulk writes such as imports): the deltas are summed
 * per rollup row first, then upserted together.
 */
export async function addManyToRollup(tx: Queryable, metric: RollupMetric, deltas: { day: string; communityCode: string; sector?: string; n: number }[]): Promise<void> {
  const acc = new Map<string, number>();
  for (const d of deltas) {
    if (d.n === 0) continue;
    for (const [region, grain, period] of rollupKeys(d.day, d.communityCode)) {
      const k = `${region}|${grain}|${period}|${d.sector ?? ""}`;
      acc.set(k, (acc.get(k) ?? 0) + d.n);
    }
  }
  const entries = [...acc.entries()].filter(([, n]) => n !== 0);
  if (entries.length === 0) return;
  const col = (i: number) => pgArrayLiteral(entries.map(([k]) => k.split("|")[i]!));
  await tx.execute(sql`
    INSERT INTO rollups (region_code, grain, period, sector, ${sql.raw(metric)})
    SELECT r, g, p::date, s, n FROM unnest(${col(0)}::text[], ${col(1)}::text[], ${col(2)}::text[], ${col(3)}::text[], ${pgArrayLiteral(entries.map(([, n]) => n))}::numeric[]) AS u(r, g, p, s, n)
    ON CONFLICT (region_code, grain, period, sector) DO UPDATE SET ${sql.raw(`${metric} = rollups.${metric} + EXCLUDED.${metric}`)}`);
}

/** Today's date (YYYY-MM-DD) in China Standard Time, or for a given instant. */
export function cstDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
