/**
 * Metric definitions and period rules, pure. The cockpit, the API and the monthly report all use
 * these, so a figure means the same thing everywhere.
 */
import { z } from "zod";

export const SECTORS = ["elderly", "minors", "rural", "urban_warmth", "environment", "safety_rescue"] as const;
export type Sector = (typeof SECTORS)[number];

/** Additive counts: a parent region's value is the sum of its children's. */
export interface AdditiveMetrics {
  population: number;
  registeredVolunteers: number;
  newVolunteers: number;
  verifiedHours: number;
  verifiedHoursCampaign: number;
  activeVolunteers: number;
  peopleServed: number;
  organizations: number;
  activeProjects: number;
  projectsBySector: Record<Sector, number>;
  demands: { received: number; completed: number; ratingSum: number; ratingCount: number };
  tasks: { total: number; closed: number; overdue: number; escalated: number; due: number; closedOnTime: number };
  pointsIssued: number;
  pointsRedeemed: number;
}

/** Ratios derived from the additive counts (never summed). */
export interface DerivedMetrics {
  registrationShare: number | null;
  avgRating: number | null;
  closureRate: number | null;
  onTimeClosureRate: number | null;
}

export function emptyMetrics(): AdditiveMetrics {
  return {
    population: 0,
    registeredVolunteers: 0,
    newVolunteers: 0,
    verifiedHours: 0,
    verifiedHoursCampaign: 0,
    activeVolunteers: 0,
    peopleServed: 0,
    organizations: 0,
    activeProjects: 0,
    projectsBySector: Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>,
    demands: { received: 0, completed: 0, ratingSum: 0, ratingCount: 0 },
    tasks: { total: 0, closed: 0, overdue: 0, escalated: 0, due: 0, closedOnTime: 0 },
    pointsIssued: 0,
    pointsRedeemed: 0,
  };
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** 注册率 = registered volunteers ÷ resident population. */
export const registrationShare = (registered: number, population: number) => ratio(registered, population);
/** 整改率 = closed ÷ total tasks. */
export const closureRate = (closed: number, total: number) => ratio(closed, total);
/** 按期整改率 = tasks closed on or before their deadline ÷ tasks whose deadline has come. */
export const onTimeClosureRate = (closedOnTime: number, due: number) => ratio(closedOnTime, due);
/** Average satisfaction 1–5, from the rated demands. */
export const avgRating = (sum: number, count: number) => ratio(sum, count);

export function derive(m: AdditiveMetrics): DerivedMetrics {
  return {
    registrationShare: registrationShare(m.registeredVolunteers, m.population),
    avgRating: avgRating(m.demands.ratingSum, m.demands.ratingCount),
    closureRate: closureRate(m.tasks.closed, m.tasks.total),
    onTimeClosureRate: onTimeClosureRate(m.tasks.closedOnTime, m.tasks.due),
  };
}

/** Adds b into a (every additive field). */
export function addMetrics(a: AdditiveMetrics, b: AdditiveMetrics): AdditiveMetrics {
  const out = emptyMetrics();
  for (const k of ["population", "registeredVolunteers", "newVolunteers", "verifiedHours", "verifiedHoursCampaign", "activeVolunteers", "peopleServed", "organizations", "activeProjects", "pointsIssued", "pointsRedeemed"] as const) {
    out[k] = round2(a[k] + b[k]);
  }
  for (const s of SECTORS) out.projectsBySector[s] = a.projectsBySector[s] + b.projectsBySector[s];
  for (const k of Object.keys(out.demands) as (keyof AdditiveMetrics["demands"])[]) out.demands[k] = a.demands[k] + b.demands[k];
  for (const k of Object.keys(out.tasks) as (keyof AdditiveMetrics["tasks"])[]) out.tasks[k] = a.tasks[k] + b.tasks[k];
  return out;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** A volunteer is active on a date when they have a verified record in the 30 days ending that date. */
export const ACTIVE_WINDOW_DAYS = 30;

// ---- dates (calendar days in China Standard Time, as YYYY-MM-DD strings) ----

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "不是有效的日期");

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Day N of the campaign (1-based) on `today`, clamped to 0…days, and days left. */
export function campaignDay(start: string, days: number, today: string): { day: number; daysLeft: number; ended: boolean; started: boolean } {
  const n = daysBetween(start, today) + 1;
  const day = Math.max(0, Math.min(days, n));
  return { day, daysLeft: Math.max(0, days - Math.max(n, 0)), ended: n > days, started: n >= 1 };
}

/** The straight-line plan of a burn-up: by day d of D, d/D of the tasks should be closed. */
export function planClosed(total: number, day: number, days: number): number {
  return Math.round((total * Math.min(Math.max(day, 0), days)) / days);
}

export type PeriodKind = "campaign" | "week" | "month" | "custom";

export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
}

/** Resolves the period in the URL (`?period=week` or `?from=…&to=…`) against today and the campaign. */
export function resolvePeriod(
  input: { period?: string; from?: string; to?: string },
  today: string,
  campaign: { start: string; days: number },
): { ok: true; period: Period } | { ok: false; field: "from" | "to" | "period"; message: string } {
  const kind = (input.period ?? (input.from || input.to ? "custom" : "campaign")) as PeriodKind;
  if (kind === "week") {
    const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
    return { ok: true, period: { kind, from: addDays(today, -dow), to: today } };
  }
  if (kind === "month") return { ok: true, period: { kind, from: `${today.slice(0, 8)}01`, to: today } };
  if (kind === "campaign") {
    const end = addDays(campaign.start, campaign.days - 1);
    return { ok: true, period: { kind, from: campaign.start, to: end < today ? end : today } };
  }
  if (kind !== "custom") return { ok: false, field: "period", message: "period 只能是 campaign、week、month 或 custom" };
  const f = isoDate.safeParse(input.from);
  if (!f.success) return { ok: false, field: "from", message: `from: ${input.from ? f.error.issues[0]!.message : "缺少开始日期"}` };
  const t = isoDate.safeParse(input.to);
  if (!t.success) return { ok: false, field: "to", message: `to: ${input.to ? t.error.issues[0]!.message : "缺少结束日期"}` };
  if (f.data > t.data) return { ok: false, field: "to", message: "结束日期不能早于开始日期" };
  if (daysBetween(f.data, t.data) > 3660) return { ok: false, field: "from", message: "时间范围不能超过 10 年" };
  return { ok: true, period: { kind, from: f.data, to: t.data } };
}

/**
 * Splits [from, to] into the whole months inside it (read from month rollups) and the loose days
 * at either end (read from day rollups).
 */
export function splitRange(from: string, to: string): { months: { from: string; to: string } | null; days: { from: string; to: string }[] } {
  const firstFull = from.endsWith("-01") ? from : nextMonthStart(from);
  const afterTo = addDays(to, 1);
  const lastFullStart = afterTo.endsWith("-01") ? monthStart(to) : prevMonthStart(to);
  if (firstFull > lastFullStart) return { months: null, days: [{ from, to }] };
  const days: { from: string; to: string }[] = [];
  if (from < firstFull) days.push({ from, to: addDays(firstFull, -1) });
  const monthsEnd = addDays(nextMonthStart(lastFullStart), -1);
  if (monthsEnd < to) days.push({ from: addDays(monthsEnd, 1), to });
  return { months: { from: firstFull, to: lastFullStart }, days };
}

function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}
function nextMonthStart(day: string): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}
function prevMonthStart(day: string): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
}
