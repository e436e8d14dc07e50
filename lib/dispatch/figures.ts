/**
 * Service-level figures of on-demand dispatch for a region and a period (China calendar days,
 * inclusive). The monthly report, the /dispatch figures panel and the cockpit card all call this.
 *
 * Definitions (docs/dispatch.md):
 * - received: needs posted in the period (= rollup demands_received);
 * - dispatched: needs whose current dispatch happened in the period (dispatched_at in the period);
 * - completed: needs completed in the period and not since cancelled (= rollup demands_completed);
 * - cancelled: needs cancelled in the period;
 * - medianMinutesToDispatch / ToAccept / ToComplete: medians over needs posted in the period of
 *   posted→dispatched, dispatched→accepted and posted→completed (wall-clock minutes), null if none;
 * - satisfaction: the mean rating (1–5) of ratings given in the period (= rollup rating_sum /
 *   rating_count), null if none; ratedCount: how many;
 * - overdueOpen: needs in the region still waiting for dispatch now and past the overdue setting
 *   (daytime hours, lib/dispatch/rules.ts#isOverdue).
 */
import { sql } from "drizzle-orm";
import { type Queryable, rows } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { inScope } from "@/lib/auth/rules";
import { DomainError } from "@/lib/http";
import { cached } from "@/lib/metrics/cache";
import { TZ } from "@/lib/metrics/rollup";
import { DEFAULT_OVERDUE_HOURS, isOverdue } from "./rules";

export interface DispatchFigures {
  received: number;
  dispatched: number;
  completed: number;
  cancelled: number;
  medianMinutesToDispatch: number | null;
  medianMinutesToAccept: number | null;
  medianMinutesToComplete: number | null;
  satisfaction: number | null;
  ratedCount: number;
  overdueOpen: number;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

/** The figures of `regionCode` (inside the actor's scope, else "not found") for the days `from`–`to`. */
export async function getDispatchFigures(db: Queryable, actor: Actor, { regionCode, from, to, now = new Date() }: { regionCode: string; from: string; to: string; now?: Date }): Promise<DispatchFigures> {
  if (!inScope(actor.scopeCode, regionCode)) throw new DomainError("not_found", `区域 ${regionCode} 不存在或不在您的权限范围内`, { status: 404 });
  const like = `${regionCode}%`;
  const inP = (col: string) => sql.raw(`(${col} AT TIME ZONE '${TZ}')::date BETWEEN '${from}'::date AND '${to}'::date`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) throw new Error("period must be YYYY-MM-DD");
  const [r] = await rows<Record<string, string | null>>(
    db,
    sql`SELECT
        count(*) FILTER (WHERE ${inP("posted_at")}) AS received,
        count(*) FILTER (WHERE dispatched_at IS NOT NULL AND ${inP("dispatched_at")}) AS dispatched,
        count(*) FILTER (WHERE completed_at IS NOT NULL AND state IN ('completed','rated','rewarded') AND ${inP("completed_at")}) AS completed,
        count(*) FILTER (WHERE cancelled_at IS NOT NULL AND state = 'cancelled' AND ${inP("cancelled_at")}) AS cancelled,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM dispatched_at - posted_at) / 60) FILTER (WHERE dispatched_at IS NOT NULL AND ${inP("posted_at")}) AS to_dispatch,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - dispatched_at) / 60) FILTER (WHERE accepted_at IS NOT NULL AND dispatched_at IS NOT NULL AND ${inP("posted_at")}) AS to_accept,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - posted_at) / 60) FILTER (WHERE completed_at IS NOT NULL AND ${inP("posted_at")}) AS to_complete,
        sum(rating) FILTER (WHERE rating IS NOT NULL AND rated_at IS NOT NULL AND ${inP("rated_at")}) AS rating_sum,
        count(*) FILTER (WHERE rating IS NOT NULL AND rated_at IS NOT NULL AND ${inP("rated_at")}) AS rating_count
      FROM demands WHERE community_code LIKE ${like}`,
  );
  const [setting] = await rows<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = 'dispatch_overdue_hours'`);
  const hours = Number(setting?.value) > 0 ? Number(setting!.value) : DEFAULT_OVERDUE_HOURS;
  const waiting = await rows<{ posted_at: string | Date }>(db, sql`SELECT posted_at FROM demands WHERE state = 'posted' AND community_code LIKE ${like}`);
  const overdueOpen = waiting.filter((w) => isOverdue({ state: "posted", postedAt: new Date(w.posted_at) }, now, hours)).length;
  const ratedCount = Number(r?.rating_count ?? 0);
  return {
    received: Number(r?.received ?? 0),
    dispatched: Number(r?.dispatched ?? 0),
    completed: Number(r?.completed ?? 0),
    cancelled: Number(r?.cancelled ?? 0),
    medianMinutesToDispatch: num(r?.to_dispatch),
    medianMinutesToAccept: num(r?.to_accept),
    medianMinutesToComplete: num(r?.to_complete),
    satisfaction: ratedCount > 0 ? Math.round((Number(r!.rating_sum) / ratedCount) * 100) / 100 : null,
    ratedCount,
    overdueOpen,
  };
}

/**
 * The same figures for the cockpit card: cached per data version (a write to demands bumps it) and
 * per minute (overdue moves with the clock).
 */
export async function getCachedDispatchFigures(db: Queryable, actor: Actor, input: { regionCode: string; from: string; to: string }): Promise<DispatchFigures> {
  // Scoped per viewer (the figures are the viewer's scope); bounded-stale like the cockpit's figures.
  return cached(db, `dispatch:${actor.scopeCode}:${input.regionCode}:${input.from}:${input.to}`, { region: input.regionCode, to: input.to, viewer: actor.id }, () =>
    getDispatchFigures(db, actor, input),
  );
}
