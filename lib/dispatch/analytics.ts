/**
 * Demand analytics (智慧大脑): the needs of a region and a period by 七帮 category × month, by
 * requester type, by child region, and the unmet ones. Definitions in docs/demand-analytics.md.
 *
 * One number: `received` counts exactly what the rollup `demands_received` counts — needs whose
 * posted day (China time) lies in [from, to] — so it equals the metrics API's `demands.received`
 * and the dispatch figures' `received`. Σ byCategory = Σ byRequesterType = Σ children = received.
 *
 * Read from the raw `demands` table in ONE query (the posted_at range and the community prefix use
 * their indexes), wrapped in the metrics cache: the city's needs are read at most once per TTL.
 */
import { sql } from "drizzle-orm";
import { type Queryable, rows } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { inScope, levelOf, type Role } from "@/lib/auth/rules";
import { DomainError } from "@/lib/http";
import { cachedWithTime } from "@/lib/metrics/cache";
import { grainFor } from "@/lib/metrics/compute";
import { TZ } from "@/lib/metrics/rollup";
import { DEMAND_CATEGORIES, type DemandCategory, REQUESTER_TYPES, type RequesterType } from "./categories";
import { overdueHours } from "./queries";
import { isOverdue } from "./rules";

/** Who may read the analytics: officials and 文明办 (street, district, city staff and leaders), not teams. */
export const ANALYTICS_ROLES = ["wmb_staff", "leader", "street_officer"] as const satisfies readonly Role[];

export type UnmetReason = "cancelled" | "overdue" | "repeated";

export interface AnalyticsCounts {
  received: number;
  byCategory: Record<DemandCategory, number>;
  byRequesterType: Record<RequesterType, number>;
  unmet: number;
}

export interface AnalyticsChild extends AnalyticsCounts {
  code: string;
  name: string;
}

export interface UnmetItem {
  id: number;
  reference: string;
  category: DemandCategory;
  communityCode: string;
  communityName: string;
  postedAt: string;
  reasons: UnmetReason[];
}

export interface DemandAnalytics extends AnalyticsCounts {
  region: { code: string; name: string };
  from: string;
  to: string;
  /** Unmet needs by reason (a need may have several reasons; `unmet` counts each need once). */
  unmetByReason: Record<UnmetReason, number>;
  /** "YYYY-MM" → category → count (months of the period that have needs). */
  byMonth: { month: string; byCategory: Record<DemandCategory, number>; received: number }[];
  children: AnalyticsChild[];
  /** The most recent unmet needs (at most 50). */
  unmetList: UnmetItem[];
  overdueHours: number;
  asOf: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True when `s` is a real calendar day "YYYY-MM-DD". */
export function isDay(s: string): boolean {
  if (!DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const zeroCategories = () => Object.fromEntries(DEMAND_CATEGORIES.map((c) => [c, 0])) as Record<DemandCategory, number>;
const zeroTypes = () => Object.fromEntries(REQUESTER_TYPES.map((c) => [c, 0])) as Record<RequesterType, number>;
const emptyCounts = (): AnalyticsCounts => ({ received: 0, byCategory: zeroCategories(), byRequesterType: zeroTypes(), unmet: 0 });

/**
 * The latest posting instant that is overdue at `now` under lib/dispatch/rules.ts#isOverdue (the
 * overdue set is every instant up to it: fewer daytime minutes have passed for a later posting).
 * Found by bisection on that very rule, so SQL `posted_at <= cutoff` is the same test.
 */
export function overdueCutoff(now: Date, hours: number): Date {
  const over = (ms: number) => isOverdue({ state: "posted", postedAt: new Date(ms) }, now, hours);
  let lo = now.getTime() - (Math.ceil(hours / 12) + 2) * 86_400_000; // 12 daytime hours a day
  let hi = now.getTime();
  if (over(hi)) return new Date(hi);
  while (!over(lo)) lo -= 86_400_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (over(mid)) lo = mid;
    else hi = mid;
  }
  return new Date(lo);
}

type Row = { child: string; month: string; category: DemandCategory; requester_type: RequesterType; n: string; unmet: string; cancelled: string; overdue: string; repeated: string };

/**
 * The analytics of `regionCode` (inside the actor's scope, else "not found") for the China calendar
 * days `from`–`to` (inclusive), uncached.
 */
export async function computeDemandAnalytics(db: Queryable, actor: Actor, { regionCode, from, to, now = new Date() }: { regionCode: string; from: string; to: string; now?: Date }): Promise<DemandAnalytics> {
  if (!inScope(actor.scopeCode, regionCode)) throw new DomainError("not_found", `区域 ${regionCode} 不存在或不在您的权限范围内`, { status: 404 });
  if (!isDay(from) || !isDay(to)) throw new DomainError("invalid", "period must be YYYY-MM-DD", { status: 422 });
  const [region] = await rows<{ code: string; name: string }>(db, sql`SELECT code, name FROM regions WHERE code = ${regionCode}`);
  if (!region) throw new DomainError("not_found", `区域 ${regionCode} 不存在或不在您的权限范围内`, { status: 404 });
  const { childLen } = grainFor(levelOf(regionCode));
  const hours = await overdueHours(db);
  const cutoff = overdueCutoff(now, hours).toISOString();
  const like = `${regionCode}%`;
  const childExpr = childLen ? sql.raw(`substr(community_code, 1, ${childLen})`) : sql.raw(`''`);
  // Posted day in China time in [from, to] ⇔ posted_at in [from 00:00 CST, to+1 00:00 CST).
  const period = sql`posted_at >= (${from}::date::timestamp AT TIME ZONE ${TZ}) AND posted_at < ((${to}::date + 1)::timestamp AT TIME ZONE ${TZ})`;
  const base = sql`SELECT id, reference, category, requester_type, community_code, state, posted_at,
        to_char(posted_at AT TIME ZONE ${TZ}, 'YYYY-MM') AS month,
        (state = 'cancelled') AS is_cancelled,
        (state = 'posted' AND posted_at <= ${cutoff}::timestamptz) AS is_overdue,
        (coalesce(btrim(address), '') <> '' AND row_number() OVER (
          PARTITION BY community_code, category, lower(regexp_replace(coalesce(address, ''), '\\s', '', 'g'))
          ORDER BY posted_at, id) > 1) AS is_repeated
      FROM demands WHERE community_code LIKE ${like} AND ${period}`;
  // One scan: the grouped counts, plus the 50 most recent unmet needs riding along as JSON.
  const r = await rows<Row & { unmet_list: string | null }>(
    db,
    sql`WITH d AS (${base}),
      g AS (SELECT ${childExpr} AS child, month, category::text AS category, requester_type, count(*) AS n,
              count(*) FILTER (WHERE is_cancelled OR is_overdue OR is_repeated) AS unmet,
              count(*) FILTER (WHERE is_cancelled) AS cancelled,
              count(*) FILTER (WHERE is_overdue) AS overdue,
              count(*) FILTER (WHERE is_repeated) AS repeated
            FROM d GROUP BY 1, 2, 3, 4),
      u AS (SELECT json_agg(x) AS unmet_list FROM (
              SELECT id, reference, category, community_code, posted_at, is_cancelled, is_overdue, is_repeated
              FROM d WHERE is_cancelled OR is_overdue OR is_repeated ORDER BY posted_at DESC, id DESC LIMIT 50) x)
      SELECT g.*, u.unmet_list FROM g CROSS JOIN u
      UNION ALL SELECT NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, u.unmet_list FROM u WHERE NOT EXISTS (SELECT 1 FROM g)`,
  );

  const total = emptyCounts();
  const unmetByReason: Record<UnmetReason, number> = { cancelled: 0, overdue: 0, repeated: 0 };
  const months = new Map<string, { byCategory: Record<DemandCategory, number>; received: number }>();
  const kids = new Map<string, AnalyticsCounts>();
  for (const x of r) {
    if (x.child === null) continue;
    const n = Number(x.n);
    const u = Number(x.unmet);
    for (const c of childLen ? [total, kids.get(x.child) ?? kids.set(x.child, emptyCounts()).get(x.child)!] : [total]) {
      c.received += n;
      c.byCategory[x.category] += n;
      c.byRequesterType[x.requester_type] += n;
      c.unmet += u;
    }
    unmetByReason.cancelled += Number(x.cancelled);
    unmetByReason.overdue += Number(x.overdue);
    unmetByReason.repeated += Number(x.repeated);
    const m = months.get(x.month) ?? months.set(x.month, { byCategory: zeroCategories(), received: 0 }).get(x.month)!;
    m.byCategory[x.category] += n;
    m.received += n;
  }

  const names = childLen
    ? await rows<{ code: string; name: string }>(db, sql`SELECT code, name FROM regions WHERE parent_code = ${regionCode} ORDER BY code`)
    : [];
  const children: AnalyticsChild[] = names.map((k) => ({ code: k.code, name: k.name, ...(kids.get(k.code) ?? emptyCounts()) }));
  // Needs in a community the region tree does not list under this parent still count in the total.
  for (const [code, c] of kids) if (!names.some((k) => k.code === code)) children.push({ code, name: code, ...c });

  type U = { id: number; reference: string; category: DemandCategory; community_code: string; posted_at: string; is_cancelled: boolean; is_overdue: boolean; is_repeated: boolean };
  const rawList = (r[0]?.unmet_list ? (typeof r[0].unmet_list === "string" ? JSON.parse(r[0].unmet_list) : r[0].unmet_list) : []) as U[];
  const communityNames = new Map(
    rawList.length
      ? (await rows<{ code: string; name: string }>(db, sql`SELECT code, name FROM regions WHERE code IN (${sql.join([...new Set(rawList.map((u) => u.community_code))].map((c) => sql`${c}`), sql`, `)})`)).map((x) => [x.code, x.name])
      : [],
  );
  const unmetList: UnmetItem[] = rawList.map((u) => ({
    id: u.id,
    reference: u.reference,
    category: u.category,
    communityCode: u.community_code,
    communityName: communityNames.get(u.community_code) ?? u.community_code,
    postedAt: new Date(u.posted_at).toISOString(),
    reasons: [u.is_cancelled && "cancelled", u.is_overdue && "overdue", u.is_repeated && "repeated"].filter(Boolean) as UnmetReason[],
  }));

  return {
    region,
    from,
    to,
    ...total,
    unmetByReason,
    byMonth: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, v]) => ({ month, ...v })),
    children,
    unmetList,
    overdueHours: hours,
    asOf: now.toISOString(),
  };
}

/**
 * As `computeDemandAnalytics`, through the metrics cache (bounded-stale, invalidated by writes in the
 * region, never hiding the viewer's own writes). Scope is checked before the cache is consulted.
 */
export async function getDemandAnalytics(db: Queryable, actor: Actor, input: { regionCode: string; from: string; to: string }): Promise<DemandAnalytics> {
  if (!inScope(actor.scopeCode, input.regionCode)) throw new DomainError("not_found", `区域 ${input.regionCode} 不存在或不在您的权限范围内`, { status: 404 });
  const c = await cachedWithTime(db, `demand-analytics:${input.regionCode}:${input.from}:${input.to}`, { region: input.regionCode, to: input.to, viewer: actor.id }, () =>
    computeDemandAnalytics(db, actor, input),
  );
  return { ...c.value, asOf: c.asOf.toISOString() };
}

/** The drill-down trail from the actor's scope down to `regionCode` (both inside the scope). */
export async function regionTrail(db: Queryable, actor: Actor, regionCode: string): Promise<{ code: string; name: string }[]> {
  const codes = [4, 6, 9, 12].map((n) => regionCode.slice(0, n)).filter((c, i, all) => c.length >= actor.scopeCode.length && all.indexOf(c) === i && regionCode.startsWith(c));
  if (!codes.length) return [];
  const r = await rows<{ code: string; name: string }>(db, sql`SELECT code, name FROM regions WHERE code IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)}) ORDER BY length(code)`);
  return r;
}
