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
  /** Rows compared per level × grain. */
  compared: number;
  mismatches: RollupMismatch[];
}

type Transactional = Queryable & { transaction: <T>(f: (tx: Queryable) => Promise<T>, config?: { isolationLevel?: "repeatable read" }) => Promise<T> };

export async function verifyRollups(db: Queryable, limit = 50): Promise<RollupCheck> {
  return (db as Transactional).transaction(
    async (tx) => {
      await tx.execute(sql.raw(`CREATE TEMP TABLE rollup_raw ON COMMIT DROP AS ${RAW_ROLLUP_SQL}`));
      const mismatches: RollupMismatch[] = [];
      let compared = 0;
      for (const len of LEVEL_LENGTHS) {
        for (const grain of ["day", "month"] as const) {
          const p = grain === "day" ? "day" : "date_trunc('month', day)::date";
          const diff = ROLLUP_METRICS.map((m) => `coalesce(r.${m}, 0) <> coalesce(x.${m}, 0)`).join(" OR ");
          const found = await rows<Record<string, string | null>>(
            tx,
            sql.raw(`SELECT coalesce(r.region_code, x.k) AS k, coalesce(r.period, x.p)::text AS p, coalesce(r.sector, x.sector) AS sector,
                ${ROLLUP_METRICS.map((m) => `coalesce(r.${m}, 0)::text AS r_${m}, coalesce(x.${m}, 0)::text AS x_${m}`).join(", ")},
                count(*) OVER ()::int AS total
              FROM (SELECT * FROM rollups WHERE grain = '${grain}' AND length(region_code) = ${len}) r
              FULL JOIN (SELECT left(community_code, ${len}) AS k, ${p} AS p, sector, ${ROLLUP_METRICS.map((m) => `sum(${m}) AS ${m}`).join(", ")}
                         FROM rollup_raw GROUP BY 1, 2, 3) x
                ON x.k = r.region_code AND x.p = r.period AND x.sector = r.sector
              WHERE ${diff}
              ORDER BY 1, 2, 3 LIMIT ${limit}`),
          );
          const [c] = await rows<{ n: number }>(tx, sql.raw(`SELECT count(*)::int AS n FROM rollups WHERE grain = '${grain}' AND length(region_code) = ${len}`));
          compared += c?.n ?? 0;
          for (const f of found) {
            for (const m of ROLLUP_METRICS) {
              const a = Number(f[`r_${m}`]);
              const b = Number(f[`x_${m}`]);
              if (a !== b && mismatches.length < limit) mismatches.push({ regionCode: f.k!, grain, period: f.p!, sector: f.sector!, metric: m, rollup: a, raw: b });
            }
          }
        }
      }
      return { ok: mismatches.length === 0, compared, mismatches };
    },
    { isolationLevel: "repeatable read" },
  );
}
