import { z } from "zod";
import { resolvePeriod, type Period, type Sector, SECTORS } from "./rules";

export const MAP_METRICS = ["registrationShare", "verifiedHours", "activeVolunteers", "newVolunteers", "closureRate", "overdue"] as const;
export type MapMetric = (typeof MAP_METRICS)[number];

export const SORT_KEYS = [
  "name",
  "population",
  "registeredVolunteers",
  "registrationShare",
  "newVolunteers",
  "verifiedHours",
  "activeVolunteers",
  "peopleServed",
  "activeProjects",
  "demandsReceived",
  "avgRating",
  "tasksTotal",
  "closureRate",
  "onTimeClosureRate",
  "overdue",
  "pointsIssued",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface CockpitParams {
  period: Period;
  sector: Sector | null;
  metric: MapMetric;
  sort: SortKey;
  dir: "asc" | "desc";
  error: string | null;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Reads the cockpit's state from the URL. A bad value never breaks the page: it falls back to the
 * default and reports what was wrong, naming the field.
 */
export function parseCockpitParams(sp: Record<string, string | string[] | undefined>, today: string, campaign: { start: string; days: number }): CockpitParams {
  let error: string | null = null;
  const p = resolvePeriod({ period: one(sp.period), from: one(sp.from), to: one(sp.to) }, today, campaign);
  let period: Period;
  if (p.ok) period = p.period;
  else {
    error = p.message;
    period = (resolvePeriod({ period: "campaign" }, today, campaign) as { ok: true; period: Period }).period;
  }
  const sectorRaw = one(sp.sector);
  const sector = z.enum(SECTORS).safeParse(sectorRaw);
  if (sectorRaw && !sector.success) error ??= `sector: 未知的板块 ${sectorRaw}`;
  const metric = z.enum(MAP_METRICS).catch("registrationShare").parse(one(sp.metric));
  const sort = z.enum(SORT_KEYS).catch("name").parse(one(sp.sort));
  const dir = one(sp.dir) === "desc" ? "desc" : "asc";
  return { period, sector: sector.success ? sector.data : null, metric, sort, dir, error };
}

/** The same state back as a query string (for links that keep the filters). */
export function toQuery(p: Partial<{ period: Period; sector: Sector | null; metric: string; sort: string; dir: string }>): string {
  const q = new URLSearchParams();
  if (p.period) {
    if (p.period.kind === "custom") {
      q.set("from", p.period.from);
      q.set("to", p.period.to);
    } else if (p.period.kind !== "campaign") q.set("period", p.period.kind);
  }
  if (p.sector) q.set("sector", p.sector);
  if (p.metric && p.metric !== "registrationShare") q.set("metric", p.metric);
  if (p.sort && p.sort !== "name") q.set("sort", p.sort);
  if (p.dir && p.dir !== "asc") q.set("dir", p.dir);
  const s = q.toString();
  return s ? `?${s}` : "";
}
