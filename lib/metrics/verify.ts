/**
 * `npm run rollups:verify`: the rollups as every reader sees them (the `rollups` view: level rows
 * plus unfolded deltas) against a fresh aggregate of the raw tables, at every level (community,
 * street, district, city) and both grains, in one snapshot. Lists where they disagree.
 */
import { sql } from "drizzle-orm";
import { type Queryable, rows } from "@/db/client";
import { LEVEL_LENGTHS, RAW_ROLLUP_SQL, ROLLUP_METRICS } from "./rollup";

export interface RollupMismatch {
  regionCode: string;
  grain: "day" | "month";
  period: string;
  sector: string;
  metric: string;
  rollup: number;
  raw: number;
}

export interface RollupCheck {
  ok: boolean;
  /** Rollup rows compared (every level and grain). */
  compared: number;
  mismatches: RollupMismatch[];
}

type Transactional = Queryable & { transaction: <T>(f: (tx: Queryable) => Promise<T>, config?: { isolationLevel?: "repeatable read" }) => Promise<T> };

export async function verifyRollups(db: Queryable, limit = 50): Promise<RollupCheck> {
  return (db as Transactional).transaction(
    async (tx) => {
      await tx.execute(sql`SELECT set_config('work_mem', '1GB', true)`);
      const sums = ROLLUP_METRICS.map((m) => `sum(${m}) AS ${m}`).join(", ");
      // The raw aggregate spread to every level and grain, and what readers see, each read once.
      await tx.execute(
        sql.raw(`CREATE TEMP TABLE rollup_raw ON COMMIT DROP AS
          SELECT left(community_code, lv.l) AS region_code, g.grain, CASE WHEN g.grain = 'day' THEN day ELSE date_trunc('month', day)::date END AS period, sector, ${sums}
          FROM (${RAW_ROLLUP_SQL}) r CROSS JOIN (VALUES ${LEVEL_LENGTHS.map((l) => `(${l})`).join(", ")}) AS lv(l) CROSS JOIN (VALUES ('day'), ('month')) AS g(grain)
          GROUP BY 1, 2, 3, 4`),
      );
      await tx.execute(sql.raw(`CREATE TEMP TABLE rollup_seen ON COMMIT DROP AS SELECT * FROM rollups`));
      const diff = ROLLUP_METRICS.map((m) => `coalesce(r.${m}, 0) <> coalesce(x.${m}, 0)`).join(" OR ");
      const found = await rows<Record<string, string | null>>(
        tx,
        sql.raw(`SELECT coalesce(r.region_code, x.region_code) AS k, coalesce(r.grain, x.grain) AS grain, coalesce(r.period, x.period)::text AS p, coalesce(r.sector, x.sector) AS sector,
            ${ROLLUP_METRICS.map((m) => `coalesce(r.${m}, 0)::text AS r_${m}, coalesce(x.${m}, 0)::text AS x_${m}`).join(", ")}
          FROM rollup_seen r FULL JOIN rollup_raw x
            ON x.region_code = r.region_code AND x.grain = r.grain AND x.period = r.period AND x.sector = r.sector
          WHERE ${diff}
          ORDER BY length(coalesce(r.region_code, x.region_code)) DESC, 1, 2, 3, 4 LIMIT ${limit}`),
      );
      const [c] = await rows<{ n: number }>(tx, sql.raw(`SELECT count(*)::int AS n FROM rollup_seen`));
      const compared = c?.n ?? 0;
      const mismatches: RollupMismatch[] = [];
      for (const f of found) {
        for (const m of ROLLUP_METRICS) {
          const a = Number(f[`r_${m}`]);
          const b = Number(f[`x_${m}`]);
          if (a !== b && mismatches.length < limit) mismatches.push({ regionCode: f.k!, grain: f.grain as "day" | "month", period: f.p!, sector: f.sector!, metric: m, rollup: a, raw: b });
        }
      }
      return { ok: mismatches.length === 0, compared, mismatches };
    },
    { isolationLevel: "repeatable read" },
  );
}
