import { sql } from "drizzle-orm";
import { dbKind, type Queryable, rows } from "@/db/client";
import { pgArrayLiteral } from "@/db/sql-array";
import { activeRunDeltas } from "./active";
import { noteRegionWrite } from "./cache";
import { ACTIVE_WINDOW_DAYS } from "./rules";
import { TASK_ROLLUP_METRICS, taskRollupSource } from "./task-rollup";

/**
 * The rollups' definition and upkeep, in one place (docs/metrics.md).
 *
 * - `RAW_ROLLUP_SQL` computes every community × day × sector row from the raw tables; the tests and
 *   `npm run rollups:verify` compare the live figures against it.
 * - A write calls `addToRollup` in its own transaction: it APPENDS its change to `rollup_deltas`
 *   (insert-only — no row that another writer also updates, so writers never queue on one another).
 * - `foldRollups` (run by the app every few seconds, by `rollups:rebuild` and on demand) moves
 *   committed deltas into `rollup_levels` at all four region levels and both time grains.
 * - Readers read the view `rollups` = rollup_levels + the not-yet-folded deltas, so a figure is
 *   exact at every moment and a writer sees its own change at once.
 *
 * Days are calendar days in China Standard Time.
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
  "active_delta",
  ...TASK_ROLLUP_METRICS,
] as const;
export type RollupMetric = (typeof ROLLUP_METRICS)[number];

/** Region code lengths of the four levels: community, street, district, city. */
export const LEVEL_LENGTHS = [12, 9, 6, 4] as const;

/** How many days a verified service keeps a volunteer "active" (the window is (D − 30, D]). */
export const ACTIVE_DAYS = ACTIVE_WINDOW_DAYS;

const zero = (except: Partial<Record<RollupMetric, string>>) =>
  ROLLUP_METRICS.map((m) => `${except[m] ?? "0"} AS ${m}`).join(", ");

/**
 * Active volunteers as runs: per volunteer × community × (each sector, and '' for all sectors), the
 * distinct verified service days; a run starts on a day with no other within the 30 days before it
 * (+1) and ends 30 days after a day with none within the 30 days after it (−1).
 */
const ACTIVE_SOURCE = `SELECT e.day, w.community_code, w.sector, ${zero({ active_delta: "sum(e.n)" })}
     FROM (SELECT community_code, sector, day,
                  lag(day) OVER (PARTITION BY volunteer_id, community_code, sector ORDER BY day) AS prev,
                  lead(day) OVER (PARTITION BY volunteer_id, community_code, sector ORDER BY day) AS next
             FROM (SELECT DISTINCT volunteer_id, community_code, sector::text AS sector, service_date AS day FROM service_records WHERE status = 'verified'
                   UNION ALL
                   SELECT DISTINCT volunteer_id, community_code, '' AS sector, service_date AS day FROM service_records WHERE status = 'verified') d) w
     CROSS JOIN LATERAL (VALUES (w.day, CASE WHEN w.prev IS NULL OR w.day > w.prev + ${ACTIVE_DAYS} THEN 1 ELSE 0 END),
                                (w.day + ${ACTIVE_DAYS}, CASE WHEN w.next IS NULL OR w.next > w.day + ${ACTIVE_DAYS} THEN -1 ELSE 0 END)) AS e(day, n)
     GROUP BY 1, 2, 3`;

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
            points_issued: "coalesce(sum(amount) FILTER (WHERE kind IN ('earn','reverse','dispatch_reward','adjust','moral')), 0)",
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
  ACTIVE_SOURCE,
  taskRollupSource(zero),
];

/** Community × day × sector rows from the raw tables (rows whose every metric is 0 are left out). */
export const RAW_ROLLUP_SQL = `SELECT day, community_code, sector, ${ROLLUP_METRICS.map((m) => `sum(${m}) AS ${m}`).join(", ")}
  FROM (${RAW_ROLLUP_SOURCES.join("\n UNION ALL \n")}) s
  GROUP BY day, community_code, sector
  HAVING ${ROLLUP_METRICS.map((m) => `sum(${m}) <> 0`).join(" OR ")}`;

const COLS = ROLLUP_METRICS.join(", ");
const SUMS = ROLLUP_METRICS.map((m) => `sum(${m})`).join(", ");

/**
 * Recomputes every level row from the raw tables and drops the deltas they already contain. Runs
 * in the caller's transaction (the seed's); `repairRollups` is the online version.
 */
export async function rebuildRollups(db: Queryable): Promise<void> {
  await (db as Transactional).transaction(async (tx) => {
    // The active runs sort every verified record twice: on PostgreSQL let this transaction sort in
    // memory (with the default 4 MB the city profile spills to disk for half an hour). PGlite's
    // WebAssembly heap cannot hold that: there the sorts spill to its data directory instead.
    await tx.execute(sql`SELECT set_config('work_mem', ${(await dbKind()) === "postgres" ? "1GB" : "16MB"}, true)`);
    await tx.execute(sql.raw("DELETE FROM rollup_deltas WHERE true"));
    await tx.execute(sql.raw("DELETE FROM rollup_levels WHERE true"));
    await tx.execute(
      sql.raw(`INSERT INTO rollup_levels (region_code, grain, period, sector, ${COLS})
        SELECT community_code, 'day', day, sector, ${COLS} FROM (${RAW_ROLLUP_SQL}) r`),
    );
    for (const len of LEVEL_LENGTHS.slice(1)) {
      await tx.execute(
        sql.raw(`INSERT INTO rollup_levels (region_code, grain, period, sector, ${COLS})
          SELECT left(region_code, ${len}), 'day', period, sector, ${SUMS} FROM rollup_levels
          WHERE grain = 'day' AND length(region_code) = 12 GROUP BY 1, 3, 4`),
      );
    }
    await tx.execute(
      sql.raw(`INSERT INTO rollup_levels (region_code, grain, period, sector, ${COLS})
        SELECT region_code, 'month', date_trunc('month', period)::date, sector, ${SUMS} FROM rollup_levels
        WHERE grain = 'day' GROUP BY 1, 3, 4`),
    );
  });
}

/** Advisory lock keys (two-int form, class 7702): the folder, and one per volunteer's active runs. */
const FOLD_LOCK = sql`7702003, 0`;
const ACTIVE_LOCK_CLASS = 7702002;

type Transactional = Queryable & { transaction: <T>(f: (tx: Queryable) => Promise<T>, config?: { isolationLevel?: "read committed" | "repeatable read" | "serializable" }) => Promise<T> };

/**
 * Rebuilds the rollups from the raw tables while the server keeps running: one REPEATABLE READ
 * transaction, so the raw rows it reads and the deltas it drops are the same snapshot — a write that
 * commits meanwhile keeps its delta, which is added on top. Writers are never blocked (they only
 * insert deltas); readers see the old rows until it commits. The folder waits.
 */
export async function repairRollups(db: Queryable): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await (db as Transactional).transaction(
        async (tx) => {
          await tx.execute(sql`SELECT pg_advisory_xact_lock(${FOLD_LOCK})`);
          await rebuildRollups(tx);
        },
        { isolationLevel: "repeatable read" },
      );
      return;
    } catch (e) {
      // A fold that committed between this snapshot and the lock: start again.
      if (attempt < 5 && /could not serialize/i.test(String((e as Error).message) + String((e as { cause?: Error }).cause?.message ?? ""))) continue;
      throw e;
    }
  }
}

/**
 * Folds committed deltas into `rollup_levels` (every level, both grains), up to `batch` at a time,
 * until none are left. Only one folder runs at a time (a try-lock: a second caller returns 0 at
 * once); in one statement the deltas are deleted and added to the level rows, so a reader sees
 * either both before or both after. Returns the number of deltas folded.
 */
export async function foldRollups(db: Queryable, batch = 20000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await (db as Transactional).transaction(async (tx) => {
      const [lock] = await rows<{ ok: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS ok`);
      if (!lock?.ok) return -1;
      const [r] = await rows<{ n: number }>(
        tx,
        sql.raw(`WITH moved AS (
            DELETE FROM rollup_deltas WHERE id IN (SELECT id FROM rollup_deltas ORDER BY id LIMIT ${Math.max(1, Math.floor(batch))} FOR UPDATE SKIP LOCKED)
            RETURNING community_code, day, sector, ${COLS}),
          agg AS (SELECT community_code, day, sector, ${SUMS.split(", ").map((s, i) => `${s} AS ${ROLLUP_METRICS[i]}`).join(", ")} FROM moved GROUP BY 1, 2, 3),
          ins AS (
            INSERT INTO rollup_levels (region_code, grain, period, sector, ${COLS})
            SELECT left(community_code, lv.l), g.grain, CASE WHEN g.grain = 'day' THEN day ELSE date_trunc('month', day)::date END, sector, ${SUMS}
              FROM agg CROSS JOIN (VALUES (12), (9), (6), (4)) AS lv(l) CROSS JOIN (VALUES ('day'), ('month')) AS g(grain)
              GROUP BY 1, 2, 3, 4
            ON CONFLICT (region_code, grain, period, sector) DO UPDATE SET
            ${ROLLUP_METRICS.map((m) => `${m} = rollup_levels.${m} + EXCLUDED.${m}`).join(", ")}
            RETURNING 1)
          SELECT (SELECT count(*) FROM moved)::int AS n, (SELECT count(*) FROM ins)::int AS written`),
      );
      return r?.n ?? 0;
    });
    if (n < 0) return total;
    total += n;
    if (n < batch) return total;
  }
}

/** Unfolded deltas right now (for the folder's log and the bench). */
export async function countPendingDeltas(db: Queryable): Promise<number> {
  const [r] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM rollup_deltas`);
  return r?.n ?? 0;
}

export type RollupDelta = {
  day: string; // YYYY-MM-DD (China Standard Time)
  communityCode: string;
  sector?: string;
  /**
   * The volunteer whose service record was verified (verified_records +1) or un-verified (−1):
   * the change to the active-volunteer runs is added too. The caller has already changed the
   * record's status in this transaction.
   */
  volunteerId?: number;
} & Partial<Record<RollupMetric, number>>;

const COMMUNITY = /^\d{12}$/;

type DeltaRow = { day: string; communityCode: string; sector: string; values: Partial<Record<RollupMetric, number>> };

async function insertDeltas(tx: Queryable, list: DeltaRow[]): Promise<void> {
  const used = ROLLUP_METRICS.filter((m) => list.some((r) => r.values[m] !== undefined && r.values[m] !== 0));
  if (used.length === 0) return;
  const col = (f: (r: DeltaRow) => string | number) => pgArrayLiteral(list.map(f));
  const arrays = used.map((m) => sql`${col((r) => r.values[m] ?? 0)}::numeric[]`);
  const out = await rows<{ xid: string }>(
    tx,
    sql`INSERT INTO rollup_deltas (community_code, day, sector, ${sql.raw(used.join(", "))})
      SELECT * FROM unnest(${col((r) => r.communityCode)}::text[], ${col((r) => r.day)}::date[], ${col((r) => r.sector)}::text[], ${sql.join(arrays, sql`, `)})
      RETURNING pg_current_xact_id()::text AS xid`,
  );
  const xid = out[0]?.xid;
  if (xid) for (const r of list) noteRegionWrite(r.communityCode, r.day, xid);
}

/**
 * The change to the active-volunteer runs when one of a volunteer's service records in a community
 * becomes verified (sign +1) or stops being verified (−1): read the volunteer's verified days there
 * within 30 days either side (already including this change), and compare coverage with and without
 * it. A per-volunteer advisory lock keeps two reviews of the same volunteer's records in order.
 */
async function activeDeltaRows(tx: Queryable, volunteerId: number, communityCode: string, day: string, sector: string, sign: 1 | -1): Promise<DeltaRow[]> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${ACTIVE_LOCK_CLASS}, ${volunteerId})`);
  const r = await rows<{ d: string; sector: string; n: number }>(
    tx,
    sql`SELECT service_date::text AS d, sector::text AS sector, count(*)::int AS n FROM service_records
      WHERE volunteer_id = ${volunteerId} AND community_code = ${communityCode} AND status = 'verified'
        AND service_date BETWEEN ${day}::date - ${ACTIVE_DAYS}::int AND ${day}::date + ${ACTIVE_DAYS}::int
      GROUP BY 1, 2`,
  );
  const out: DeltaRow[] = [];
  for (const series of ["", sector]) {
    const after = new Map<string, number>();
    for (const x of r) if (series === "" || x.sector === series) after.set(x.d, (after.get(x.d) ?? 0) + x.n);
    const before = new Map(after);
    before.set(day, (before.get(day) ?? 0) - sign);
    const has = (m: Map<string, number>) => new Set([...m].filter(([, n]) => n > 0).map(([d]) => d));
    for (const d of activeRunDeltas(has(before), has(after), day, ACTIVE_DAYS)) {
      out.push({ day: d.day, communityCode, sector: series, values: { active_delta: d.n } });
    }
    if (sector === "") break;
  }
  return out;
}

/**
 * Adds a change to the rollups, in the caller's transaction: every write that changes a rolled-up
 * figure calls this with the same delta it applied to the raw tables. It appends delta rows (never
 * updates a shared row), so it rolls back with the write and writers never wait for one another.
 */
export async function addToRollup(tx: Queryable, d: RollupDelta): Promise<void> {
  if (!COMMUNITY.test(d.communityCode)) throw new Error(`rollup needs a community code, got ${d.communityCode}`);
  const values: Partial<Record<RollupMetric, number>> = {};
  for (const m of ROLLUP_METRICS) if (d[m] !== undefined && d[m] !== 0) values[m] = d[m];
  const list: DeltaRow[] = [];
  if (Object.keys(values).length > 0) list.push({ day: d.day, communityCode: d.communityCode, sector: d.sector ?? "", values });
  if (d.volunteerId !== undefined && d.verified_records) {
    list.push(...(await activeDeltaRows(tx, d.volunteerId, d.communityCode, d.day, d.sector ?? "", d.verified_records > 0 ? 1 : -1)));
  }
  if (list.length > 0) await insertDeltas(tx, list);
}

/**
 * Many changes to one metric in one statement (bulk writes such as imports): summed per community
 * × day × sector first, then appended together.
 */
export async function addManyToRollup(tx: Queryable, metric: RollupMetric, deltas: { day: string; communityCode: string; sector?: string; n: number }[]): Promise<void> {
  const acc = new Map<string, number>();
  for (const d of deltas) {
    if (d.n === 0) continue;
    if (!COMMUNITY.test(d.communityCode)) throw new Error(`rollup needs a community code, got ${d.communityCode}`);
    const k = `${d.communityCode}|${d.day}|${d.sector ?? ""}`;
    acc.set(k, (acc.get(k) ?? 0) + d.n);
  }
  const list: DeltaRow[] = [...acc.entries()]
    .filter(([, n]) => n !== 0)
    .map(([k, n]) => {
      const [communityCode, day, sector] = k.split("|") as [string, string, string];
      return { communityCode, day, sector, values: { [metric]: n } };
    });
  if (list.length > 0) await insertDeltas(tx, list);
}

/** Today's date (YYYY-MM-DD) in China Standard Time, or for a given instant. */
export function cstDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
