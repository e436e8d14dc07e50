/**
 * The time bank's figures for a region and period — the same numbers the cockpit shows:
 * points issued/redeemed come from the rollups (points_issued / points_redeemed, kept by postPoints
 * in every ledger write), summed over the period's day rows at the level lib/metrics uses
 * (street rows for a city or district, community rows below). Outstanding = the sum of the
 * balances of the accounts of volunteers living in the region (now, not at period end).
 * Redemptions and top rewards count redemptions made in the period and not cancelled; top rewards
 * are the rewards published for the region (an organization's own rewards are not street rewards).
 *
 * Used by /timebank and by the monthly report (lib/reports): keep the name and shape.
 */
import { sql } from "drizzle-orm";
import { type Queryable, rows } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { inScope, isRegionCode } from "@/lib/auth/rules";
import { DomainError } from "@/lib/http";
import { TZ } from "@/lib/metrics/rollup";

export interface TimebankFigures {
  pointsIssued: number;
  pointsRedeemed: number;
  pointsOutstanding: number;
  /** Redemptions made in the period (not cancelled). */
  redemptions: number;
  /** Cancelled in the period (points returned). */
  cancelled: number;
  topRewards: { rewardId: number; name: string; count: number; points: number }[];
}

/** Which rollup rows serve a region: street rows (9 digits) at city/district level, community rows below. */
export function rollupRowLen(code: string): 9 | 12 {
  return code.length <= 6 ? 9 : 12;
}

/** Figures of a region in the actor's scope (a region outside it is "not found"). */
export async function getTimebankFigures(db: Queryable, actor: Actor, { code: regionCode, from, to, top = 5 }: { code: string; from: string; to: string; top?: number }): Promise<TimebankFigures> {
  if (!isRegionCode(regionCode)) throw new Error(`非法的区域代码: ${regionCode}`);
  if (!inScope(actor.scopeCode, regionCode)) throw new DomainError("not_found", "区域不存在或不在您的权限范围内");
  const like = `${regionCode}%`;
  const [flow] = await rows<{ issued: string | null; redeemed: string | null }>(
    db,
    sql`SELECT coalesce(sum(points_issued), 0) AS issued, coalesce(sum(points_redeemed), 0) AS redeemed
        FROM rollups WHERE grain = 'day' AND region_code LIKE ${like} AND length(region_code) = ${rollupRowLen(regionCode)}
          AND period BETWEEN ${from}::date AND ${to}::date`,
  );
  const [out] = await rows<{ s: string | null }>(
    db,
    sql`SELECT coalesce(sum(a.balance), 0) AS s FROM point_accounts a JOIN volunteers v ON v.id = a.volunteer_id WHERE v.community_code LIKE ${like}`,
  );
  const inPeriod = sql`(r.created_at AT TIME ZONE ${TZ})::date BETWEEN ${from}::date AND ${to}::date`;
  const [cnt] = await rows<{ n: string; c: string }>(
    db,
    sql`SELECT count(*) FILTER (WHERE r.status <> 'cancelled') AS n, count(*) FILTER (WHERE r.status = 'cancelled') AS c
        FROM redemptions r WHERE r.community_code LIKE ${like} AND ${inPeriod}`,
  );
  const best = await rows<{ reward_id: number; name: string; n: string; p: string }>(
    db,
    sql`SELECT r.reward_id, w.name, count(*) AS n, sum(r.points) AS p
        FROM redemptions r JOIN rewards w ON w.id = r.reward_id
        WHERE r.community_code LIKE ${like} AND r.status <> 'cancelled' AND w.organization_id IS NULL AND ${inPeriod}
        GROUP BY r.reward_id, w.name ORDER BY count(*) DESC, sum(r.points) DESC, r.reward_id LIMIT ${top}`,
  );
  return {
    pointsIssued: Number(flow?.issued ?? 0),
    pointsRedeemed: Number(flow?.redeemed ?? 0),
    pointsOutstanding: Number(out?.s ?? 0),
    redemptions: Number(cnt?.n ?? 0),
    cancelled: Number(cnt?.c ?? 0),
    topRewards: best.map((t) => ({ rewardId: Number(t.reward_id), name: t.name, count: Number(t.n), points: Number(t.p) })),
  };
}

/** The same figures for each child region (drill-down rows on /timebank). */
export async function getTimebankByChild(db: Queryable, actor: Actor, { children, from, to }: { children: { code: string; name: string }[]; from: string; to: string }) {
  return Promise.all(children.map(async (c) => ({ ...c, figures: await getTimebankFigures(db, actor, { code: c.code, from, to, top: 1 }) })));
}
