import "server-only";
import { cache } from "react";
import { requireUser } from "@/lib/auth/session";
import { getBurnup, getHoursSeries, getRegionMetrics, getTaskStatusByChild } from "@/lib/metrics/queries";
import type { PeriodKind, Sector } from "@/lib/metrics/rules";

/**
 * Whether this request asked for figures computed now (the "刷新" link: `?refresh=<ms>` within the
 * last minute, so a bookmarked link does not keep bypassing the cache). Set by CockpitView before
 * any card loads; per request.
 */
const refreshFlag = cache(() => ({ on: false }));
export function requestRefresh(v: string | string[] | undefined): void {
  const ms = Number(Array.isArray(v) ? v[0] : v);
  if (Number.isFinite(ms) && Math.abs(Date.now() - ms) < 60_000) refreshFlag().on = true;
}

// Per-request memoization: the KPI cards, map, ranking, table and matrix share one computation.
export const loadMetrics = cache(async (code: string, kind: PeriodKind, from: string, to: string, sector: Sector | null) =>
  getRegionMetrics({ user: await requireUser(), code, period: { kind, from, to }, sector, fresh: refreshFlag().on }),
);
export const loadHours = cache(async (code: string, kind: PeriodKind, from: string, to: string, sector: Sector | null) =>
  getHoursSeries({ user: await requireUser(), code, period: { kind, from, to }, sector }),
);
export const loadBurnup = cache(async (code: string) => getBurnup({ user: await requireUser(), code }));
export const loadStatus = cache(async (code: string) => getTaskStatusByChild({ user: await requireUser(), code }));
