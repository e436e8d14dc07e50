import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { getDb, getReadDb, rows } from "@/db/client";
import { regions } from "@/db/schema";
import { type CurrentUser, findRegionInScope } from "@/lib/auth/session";
import { getCampaign, getNumberSetting, getTargets, type Target } from "@/lib/campaign/queries";
import { getBreadcrumb } from "@/lib/regions/queries";
import { cached, cachedWithTime } from "./cache";
import { ensureRollupFolder } from "./folder";
import { computeFigures, grainFor } from "./compute";
import { addDays, type AdditiveMetrics, campaignDay, daysBetween, derive, type DerivedMetrics, type Period, planClosed, type Sector } from "./rules";
import { today } from "./clock";

export type Level = "city" | "district" | "street" | "community";

export interface RegionMetrics extends AdditiveMetrics, DerivedMetrics {
  code: string;
  name: string;
  level: Level;
  target: Target | null;
}

export interface RegionReport extends RegionMetrics {
  /** When the figures were read from the database (ISO instant; at most METRICS_CACHE_TTL_SECONDS ago). */
  asOf: string;
  period: Period;
  sector: Sector | null;
  campaign: { name: string; start: string; days: number; day: number; daysLeft: number };
  children: RegionMetrics[];
}

/**
 * Every figure of a region (scope checked in the query: an out-of-scope code is "not found") and of
 * each of its children, for a period. The page, the JSON API and the monthly report call this.
 */
export async function getRegionMetrics({ user, code, period, sector, newerThan }: { user: CurrentUser; code: string; period: Period; sector?: Sector | null; newerThan?: number }): Promise<RegionReport | null> {
  const region = await findRegionInScope(user, code);
  if (!region) return null;
  const db = await getReadDb(user.id);
  ensureRollupFolder(await getDb());
  const campaign = await getCampaign(db);
  const kids = await db
    .select({ code: regions.code, name: regions.name, level: regions.level, population: regions.population })
    .from(regions)
    .where(eq(regions.parentCode, code))
    .orderBy(asc(regions.code));
  const escalationDays = await getNumberSetting(db, "overdue_escalation_days", 3);
  const q = { code, from: period.from, to: period.to, campaignStart: campaign.start, sector: sector ?? undefined, escalationDays };
  const { value: figures, asOf } = await cachedWithTime(db, `figures:${JSON.stringify(q)}`, { region: code, to: period.to, viewer: user.id, newerThan }, () =>
    computeFigures(db, q, new Map(kids.map((k) => [k.code, k.population])), region.population),
  );
  const targets = await getTargets(db, campaign.id, [code, ...kids.map((k) => k.code)]);
  const clock = campaignDay(campaign.start, campaign.days, today());
  const children: RegionMetrics[] = kids.map((k) => {
    const m = figures.children.get(k.code)!;
    return { code: k.code, name: k.name, level: k.level, ...m, ...derive(m), target: targets.get(k.code) ?? null };
  });
  return {
    code: region.code,
    name: region.name,
    level: region.level,
    ...figures.total,
    ...derive(figures.total),
    target: targets.get(code) ?? null,
    asOf: asOf.toISOString(),
    period,
    sector: sector ?? null,
    campaign: { name: campaign.name, start: campaign.start, days: campaign.days, day: clock.day, daysLeft: clock.daysLeft },
    children,
  };
}

export interface SeriesPoint {
  date: string;
  hours: number;
}

/** Verified hours per day (or per week for long ranges) in the period, from the day rollups. */
export async function getHoursSeries({ user, code, period, sector }: { user: CurrentUser; code: string; period: Period; sector?: Sector | null }): Promise<SeriesPoint[]> {
  const region = await findRegionInScope(user, code);
  if (!region) return [];
  const { rowLen } = grainFor(region.level);
  const weekly = daysBetween(period.from, period.to) > 120;
  const db = await getReadDb(user.id);
  const r = await cached(db, `hours:${code}:${period.from}:${period.to}:${sector ?? ""}:${rowLen}`, { region: code, to: period.to, viewer: user.id }, () => rows<{ d: string; h: string }>(
    db,
    sql`SELECT ${weekly ? sql`date_trunc('week', period)::date` : sql`period`}::text AS d, sum(verified_hours) AS h FROM rollups
      WHERE grain = 'day' AND region_code LIKE ${`${code}%`} AND length(region_code) = ${rowLen}
        AND period BETWEEN ${period.from}::date AND ${period.to}::date AND ${sector ? sql`sector = ${sector}` : sql`sector <> ''`}
      GROUP BY 1 ORDER BY 1`,
  ));
  const by = new Map(r.map((x) => [x.d, Number(x.h)]));
  const out: SeriesPoint[] = [];
  if (weekly) {
    for (const [d, h] of by) out.push({ date: d, hours: Math.round(h) });
    return out;
  }
  for (let d = period.from; d <= period.to; d = addDays(d, 1)) out.push({ date: d, hours: Math.round((by.get(d) ?? 0) * 10) / 10 });
  return out;
}

export interface BurnupPoint {
  date: string;
  closed: number;
  plan: number;
}

/** Campaign burn-up: tasks closed (cumulative) per day against the straight line to day 100. */
export async function getBurnup({ user, code }: { user: CurrentUser; code: string }): Promise<BurnupPoint[]> {
  const region = await findRegionInScope(user, code);
  if (!region) return [];
  const db = await getReadDb(user.id);
  const campaign = await getCampaign(db);
  const end = addDays(campaign.start, campaign.days - 1);
  const now = today();
  // From the rollups (lib/metrics/task-rollup.ts): closings per day at the region's own level, and
  // every task reported (the month rows summed over all time).
  const r = await cached(db, `burnup:${code}`, { region: code, viewer: user.id }, () => rows<{ d: string; n: number; total: number }>(
    db,
    sql`SELECT d::text AS d, n, total FROM (
          SELECT period AS d, sum(tasks_closed)::int AS n FROM rollups
          WHERE region_code = ${code} AND grain = 'day' AND sector = '' AND tasks_closed <> 0 GROUP BY 1) c
        CROSS JOIN (SELECT coalesce(sum(tasks_reported), 0)::int AS total FROM rollups WHERE region_code = ${code} AND grain = 'month' AND sector = '') t
        WHERE n <> 0
        ORDER BY 1`,
  ));
  const total = r[0]?.total ?? 0;
  let running = r.filter((x) => x.d < campaign.start).reduce((s, x) => s + x.n, 0);
  const perDay = new Map(r.map((x) => [x.d, x.n]));
  const out: BurnupPoint[] = [];
  for (let d = campaign.start, i = 1; d <= end; d = addDays(d, 1), i++) {
    if (d <= now) running += perDay.get(d) ?? 0;
    out.push({ date: d, closed: d <= now ? running : NaN, plan: planClosed(total, i, campaign.days) });
  }
  return out;
}

export type TaskStatusCounts = Record<"reported" | "assigned" | "in_progress" | "submitted" | "returned" | "closed", number>;

/** Current task status per child region (for the stacked bars). */
export async function getTaskStatusByChild({ user, code }: { user: CurrentUser; code: string }): Promise<{ code: string; name: string; counts: TaskStatusCounts }[]> {
  const region = await findRegionInScope(user, code);
  if (!region) return [];
  const { childLen } = grainFor(region.level);
  if (!childLen) return [];
  const db = await getReadDb(user.id);
  // Current status = the status columns of the rollups summed over all time (the month rows).
  const r = await cached(db, `status:${code}`, { region: code, viewer: user.id }, () => rows<{ k: string } & TaskStatusCounts>(
    db,
    sql`SELECT left(region_code, ${childLen}) AS k, sum(st_reported)::int AS reported, sum(st_assigned)::int AS assigned, sum(st_in_progress)::int AS in_progress,
          sum(st_submitted)::int AS submitted, sum(st_returned)::int AS returned, sum(tasks_closed)::int AS closed
        FROM rollups
        WHERE grain = 'month' AND length(region_code) = ${childLen} AND region_code LIKE ${`${code}%`} AND sector = ''
        GROUP BY 1`,
  ));
  const names = new Map(
    (await db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.parentCode, code)).orderBy(asc(regions.code))).map((x) => [x.code, x.name]),
  );
  const by = new Map<string, TaskStatusCounts>(r.map(({ k, ...c }) => [k, c]));
  return [...names.entries()].map(([k, name]) => ({ code: k, name, counts: by.get(k) ?? { reported: 0, assigned: 0, in_progress: 0, submitted: 0, returned: 0, closed: 0 } }));
}

/** The campaign the cockpit's clock and default period come from. */
export async function getCockpitCampaign() {
  return getCampaign(await getDb());
}

/** The cockpit's heading: the campaign and the breadcrumb of a region in the viewer's scope. */
export async function getCockpitHeading({ user, code }: { user: CurrentUser; code: string }) {
  const db = await getReadDb(user.id);
  const [campaign, crumbs] = await Promise.all([getCampaign(db), getBreadcrumb(db, user, { code })]);
  return { campaign, crumbs };
}
