/**
 * The figures for a region and period, from the rollups (and the small tables that have no
 * rollup: tasks, projects, organizations). No `server-only` here so the benchmark and the tests can
 * call it directly; pages reach it through lib/metrics/queries.ts, which checks scope first.
 */
import { type SQL, sql } from "drizzle-orm";
import { type Queryable, rows } from "@/db/client";
import { levelOf, type Level } from "@/lib/auth/rules";
import { addMetrics, type AdditiveMetrics, emptyMetrics, round2, type Sector, SECTORS, splitRange } from "./rules";

export interface MetricsQuery {
  code: string; // region code (scope already checked by the caller)
  from: string;
  to: string;
  campaignStart: string;
  sector?: Sector;
  escalationDays?: number;
}

/**
 * Length of a child code below a level, and which rollup rows serve it: the children's own level
 * (district rows for the city, street rows for a district, community rows for a street).
 */
export function grainFor(level: Level): { childLen: number | null; rowLen: 6 | 9 | 12 } {
  switch (level) {
    case "city":
      return { childLen: 6, rowLen: 6 };
    case "district":
      return { childLen: 9, rowLen: 9 };
    case "street":
      return { childLen: 12, rowLen: 12 };
    case "community":
      return { childLen: null, rowLen: 12 };
  }
}

type Keyed<T> = Map<string, T>;

function keyExpr(column: string, childLen: number | null): SQL {
  return childLen ? sql.raw(`left(${column}, ${childLen})`) : sql.raw(`''`);
}

/** Rollup rows (month rows for whole months, day rows for the rest) within [from, to]. */
function rollupRange(from: string, to: string): SQL {
  const s = splitRange(from, to);
  const parts: SQL[] = s.days.map((d) => sql`(grain = 'day' AND period BETWEEN ${d.from}::date AND ${d.to}::date)`);
  if (s.months) parts.push(sql`(grain = 'month' AND period BETWEEN ${s.months.from}::date AND ${s.months.to}::date)`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}

interface FlowRow {
  k: string;
  new_volunteers: string;
  verified_hours: string;
  people_served: string;
  points_issued: string;
  points_redeemed: string;
  demands_received: string;
  demands_completed: string;
  rating_sum: string;
  rating_count: string;
}

async function flows(db: Queryable, q: MetricsQuery, childLen: number | null, rowLen: number, from: string, to: string): Promise<Keyed<FlowRow>> {
  const sectorFilter = q.sector ? sql`sector = ${q.sector}` : sql`sector <> ''`;
  const r = await rows<FlowRow>(
    db,
    sql`SELECT ${keyExpr("region_code", childLen)} AS k,
        sum(new_volunteers) AS new_volunteers,
        coalesce(sum(verified_hours) FILTER (WHERE ${sectorFilter}), 0) AS verified_hours,
        sum(people_served) FILTER (WHERE ${q.sector ? sql`sector = ${q.sector} OR sector = ''` : sql`true`}) AS people_served,
        sum(points_issued) AS points_issued, sum(points_redeemed) AS points_redeemed,
        sum(demands_received) AS demands_received, sum(demands_completed) AS demands_completed,
        sum(rating_sum) AS rating_sum, sum(rating_count) AS rating_count
      FROM rollups
      WHERE region_code LIKE ${`${q.code}%`} AND length(region_code) = ${rowLen} AND ${rollupRange(from, to)}
      GROUP BY 1`,
  );
  return new Map(r.map((x) => [x.k, x]));
}

async function sumOne(db: Queryable, q: MetricsQuery, childLen: number | null, rowLen: number, from: string, to: string, metric: "new_volunteers" | "verified_hours" | "active_delta"): Promise<Keyed<number>> {
  const filter =
    metric === "verified_hours"
      ? q.sector
        ? sql`sector = ${q.sector}`
        : sql`sector <> ''`
      : metric === "active_delta"
        ? sql`sector = ${q.sector ?? ""}` // the all-sector series is kept under ''
        : sql`sector = ''`;
  const r = await rows<{ k: string; v: string }>(
    db,
    sql`SELECT ${keyExpr("region_code", childLen)} AS k, sum(${sql.raw(metric)}) AS v FROM rollups
      WHERE region_code LIKE ${`${q.code}%`} AND length(region_code) = ${rowLen} AND ${filter} AND ${rollupRange(from, to)}
      GROUP BY 1`,
  );
  return new Map(r.map((x) => [x.k, Number(x.v)]));
}

/**
 * Volunteers with a verified service in (to − 30, to]: the running sum of the active-run deltas
 * (lib/metrics/active.ts) over every day up to `to`, read from the rollups like every other figure.
 */
function activeVolunteers(db: Queryable, q: MetricsQuery, childLen: number | null, rowLen: number): Promise<Keyed<number>> {
  return sumOne(db, q, childLen, rowLen, "2000-01-01", q.to, "active_delta");
}

export interface TaskRow {
  k: string;
  total: number;
  closed: number;
  overdue: number;
  escalated: number;
  due: number;
  closed_on_time: number;
}

/**
 * Task figures as of the end of `to`: reported by then, closed by then, deadline passed by then —
 * per child code of length `childLen` (the monthly report asks for every street of the city at once).
 * Running sums in the rollups (lib/metrics/task-rollup.ts): the rows of the children's level over
 * every day up to `to`, so the city costs its ten district series, not its 200,000 tasks.
 */
export async function tasks(db: Queryable, q: MetricsQuery, childLen: number | null): Promise<Keyed<TaskRow>> {
  const rowLen = childLen ?? 12; // the children's own level (a community reads its own rows)
  const r = await rows<TaskRow>(
    db,
    sql`SELECT ${keyExpr("region_code", childLen)} AS k,
        coalesce(sum(tasks_reported), 0)::int AS total, coalesce(sum(tasks_closed), 0)::int AS closed,
        coalesce(sum(tasks_overdue), 0)::int AS overdue, coalesce(sum(tasks_escalated), 0)::int AS escalated,
        coalesce(sum(tasks_due), 0)::int AS due, coalesce(sum(tasks_on_time), 0)::int AS closed_on_time
      FROM rollups
      WHERE region_code LIKE ${`${q.code}%`} AND length(region_code) = ${rowLen} AND sector = '' AND ${rollupRange("2000-01-01", q.to)}
      GROUP BY 1`,
  );
  return new Map(r.map((x) => [x.k, x]));
}

async function projects(db: Queryable, q: MetricsQuery, childLen: number | null): Promise<Keyed<Record<Sector, number>>> {
  const r = await rows<{ k: string; sector: Sector; n: number }>(
    db,
    sql`SELECT ${keyExpr("region_code", childLen)} AS k, sector::text AS sector, count(*)::int AS n FROM projects
      WHERE region_code LIKE ${`${q.code}%`} AND status = 'active' AND start_date <= ${q.to}::date
        AND (end_date IS NULL OR end_date >= ${q.from}::date) ${q.sector ? sql`AND sector = ${q.sector}` : sql``}
      GROUP BY 1, 2`,
  );
  const out: Keyed<Record<Sector, number>> = new Map();
  for (const x of r) {
    const cur = out.get(x.k) ?? (Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>);
    cur[x.sector] = x.n;
    out.set(x.k, cur);
  }
  return out;
}

/**
 * Organizations per child region; those registered at the region's own level (a district's 总队,
 * a street's 分队) belong to no child and come back under the key '' — they count in the region's
 * total, as the naive count by code prefix does.
 */
async function organizations(db: Queryable, q: MetricsQuery, childLen: number | null): Promise<Keyed<number>> {
  const key = childLen ? sql.raw(`CASE WHEN length(region_code) >= ${childLen} THEN left(region_code, ${childLen}) ELSE '' END`) : sql.raw(`''`);
  const r = await rows<{ k: string; n: number }>(
    db,
    sql`SELECT ${key} AS k, count(*)::int AS n FROM organizations
      WHERE region_code LIKE ${`${q.code}%`} GROUP BY 1`,
  );
  return new Map(r.map((x) => [x.k, x.n]));
}

export interface RegionFigures {
  /** Children's figures by child code (empty for a community). */
  children: Map<string, AdditiveMetrics>;
  /** The region's own figures. */
  total: AdditiveMetrics;
}

/**
 * All additive figures of a region and of each of its children in one pass per source. The region's
 * own figure is the sum of its children's (so the two always agree), except for a community, which
 * is computed directly.
 */
export async function computeFigures(db: Queryable, q: MetricsQuery, populations: Map<string, number>, ownPopulation: number): Promise<RegionFigures> {
  const level = levelOf(q.code);
  const { childLen, rowLen } = grainFor(level);
  // In parallel: on PostgreSQL each query takes its own pool connection, so a view costs its slowest
  // query, not the sum; PGlite (one connection) runs them one after the other as before.
  const [f, reg, camp, act, t, p, o] = await Promise.all([
    flows(db, q, childLen, rowLen, q.from, q.to),
    sumOne(db, q, childLen, rowLen, "2000-01-01", q.to, "new_volunteers"),
    sumOne(db, q, childLen, rowLen, q.campaignStart, q.to < q.campaignStart ? q.campaignStart : q.to, "verified_hours"),
    activeVolunteers(db, q, childLen, rowLen),
    tasks(db, q, childLen),
    projects(db, q, childLen),
    organizations(db, q, childLen),
  ]);

  const keys = childLen ? [...populations.keys()] : [""];
  const children = new Map<string, AdditiveMetrics>();
  for (const k of keys) {
    const m = emptyMetrics();
    m.population = childLen ? (populations.get(k) ?? 0) : ownPopulation;
    const fr = f.get(k);
    if (fr) {
      m.newVolunteers = Number(fr.new_volunteers);
      m.verifiedHours = round2(Number(fr.verified_hours));
      m.peopleServed = Number(fr.people_served ?? 0);
      m.pointsIssued = Number(fr.points_issued);
      m.pointsRedeemed = Number(fr.points_redeemed);
      m.demands = { received: Number(fr.demands_received), completed: Number(fr.demands_completed), ratingSum: Number(fr.rating_sum), ratingCount: Number(fr.rating_count) };
    }
    m.registeredVolunteers = reg.get(k) ?? 0;
    m.verifiedHoursCampaign = q.to < q.campaignStart ? 0 : round2(camp.get(k) ?? 0);
    m.activeVolunteers = act.get(k) ?? 0;
    const tr = t.get(k);
    if (tr) m.tasks = { total: tr.total, closed: tr.closed, overdue: tr.overdue, escalated: tr.escalated, due: tr.due, closedOnTime: tr.closed_on_time };
    const pr = p.get(k);
    if (pr) {
      m.projectsBySector = pr;
      m.activeProjects = SECTORS.reduce((s, x) => s + pr[x], 0);
    }
    m.organizations = o.get(k) ?? 0;
    children.set(k, m);
  }
  if (!childLen) return { children: new Map(), total: children.get("")! };
  let total = emptyMetrics();
  for (const m of children.values()) total = addMetrics(total, m);
  total.population = ownPopulation;
  total.organizations += o.get("") ?? 0;
  return { children, total };
}
