import "server-only";
import { cache } from "react";
import { requireUser } from "@/lib/auth/session";
import { getBurnup, getHoursSeries, getRegionMetrics, getTaskStatusByChild } from "@/lib/metrics/queries";
import type { PeriodKind, Sector } from "@/lib/metrics/rules";

/**
 * The "刷新" link: `?refresh=<ms>` = the as-of instant of the figures the viewer saw; this request
 * wants figures newer than that (lib/metrics/cache.ts `newerThan`). Set by CockpitView before any
 * card loads; per request.
 */
const refreshStamp = cache((): { newerThan?: number } => ({}));
export function requestRefresh(v: string | string[] | undefined): void {
  const ms = Number(Array.isArray(v) ? v[0] : v);
  if (Number.isSafeInteger(ms) && ms > 0) refreshStamp().newerThan = ms;
}

// Per-request memoization: the KPI cards, map, ranking, table and matrix share one computation.
export const loadMetrics = cache(async (code: string, kind: PeriodKind, from: string, to: string, sector: Sector | null) =>
  getRegionMetrics({ user: await requireUser(), code, period: { kind, from, to }, sector, newerThan: refreshStamp().newerThan }),
);
export const loadHours = cache(async (code: string, kind: PeriodKind, from: string, to: string, sector: Sector | null) =>
  getHoursSeries({ user: await requireUser(), code, period: { kind, from, to }, sector }),
);
export const loadBurnup = cache(async (code: string) => getBurnup({ user: await requireUser(), code }));
export const loadStatus = cache(async (code: string) => getTaskStatusByChild({ user: await requireUser(), code }));
