import "server-only";
/**
 * Live vs published: a publication freezes the whole report (every table, as built) in
 * report_snapshots; exports of a published month read the newest revision, so late records change
 * nothing there. Republishing is deliberate: it needs a reason and is audited like the first one.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "@/db/client";
import { reportSnapshots, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { type CurrentUser, findRegionInScope } from "@/lib/auth/session";
import { fail, type Failure, type Result } from "@/lib/http";
import { today } from "@/lib/metrics/clock";
import { buildMonthlyReport } from "./build";
import { type MonthRange, monthRange } from "./rules";
import { KEY_LABELS, type MonthlyReport } from "./types";

export interface Published {
  revision: number;
  publishedAt: string;
  publishedBy: string | null;
  reason: string | null;
  report: MonthlyReport;
}

/** Regions a user may report on: the city user the city and its districts; a district user only theirs. */
export function reportRegionAllowed(actor: Pick<Actor, "scopeCode">, code: string): boolean {
  if (!(code.length === 4 || code.length === 6)) return false;
  return code.startsWith(actor.scopeCode);
}

/** The newest publication of a month and region in the actor's scope (null when none, or outside it). */
export async function getPublished(db: Queryable, actor: Actor, { month, code }: { month: string; code: string }): Promise<Published | null> {
  if (!reportRegionAllowed(actor, code)) return null;
  const [s] = await db
    .select({ revision: reportSnapshots.revision, data: reportSnapshots.data, publishedAt: reportSnapshots.publishedAt, reason: reportSnapshots.reason, by: users.displayName })
    .from(reportSnapshots)
    .leftJoin(users, eq(users.id, reportSnapshots.publishedBy))
    .where(and(eq(reportSnapshots.month, month), eq(reportSnapshots.regionCode, code)))
    .orderBy(desc(reportSnapshots.revision))
    .limit(1);
  if (!s) return null;
  return { revision: s.revision, publishedAt: s.publishedAt.toISOString(), publishedBy: s.by ?? null, reason: s.reason, report: s.data as MonthlyReport };
}

/**
 * Who reads a report: the signed-in user (a CurrentUser is an Actor with session details; the
 * figures come from lib/metrics, which checks the region against the user's scope).
 */
type Reader = CurrentUser;

export type LoadResult = Result<{ live: MonthlyReport; published: Published | null }>;

// `status` is set although the code implies it: callers (and tests) read the answer's status directly.
const outOfScope = () => fail("not_found", "region: 区域不存在或不在您的权限范围内（月报可选全市或区市）", { status: 404, fields: ["region"] });

/** Month and region checked against today and the user's scope, and the newest publication. */
async function resolve(db: Queryable, actor: Reader, month: string, code: string): Promise<{ ok: true; range: MonthRange; published: Published | null } | Failure> {
  const r = monthRange(month, today());
  if (!r.ok) return fail("bad_request", r.message, { status: 400, fields: ["month"] });
  if (!reportRegionAllowed(actor, code) || !(await findRegionInScope(actor, code))) return outOfScope();
  return { ok: true, range: r.range, published: await getPublished(db, actor, { month, code }) };
}

async function live(db: Queryable, actor: Reader, code: string, range: MonthRange): Promise<MonthlyReport | Failure> {
  return (await buildMonthlyReport(db, actor, { code, range })) ?? fail("not_found", "region: 区域不存在或不在您的权限范围内", { status: 404, fields: ["region"] });
}

/** The live report (scope checked) and the newest publication of the same month and region. */
export async function loadReport(db: Queryable, actor: Reader, { month, code }: { month: string; code: string }): Promise<LoadResult> {
  const r = await resolve(db, actor, month, code);
  if (!r.ok) return r;
  const report = await live(db, actor, code, r.range);
  if ("ok" in report) return report;
  return { ok: true, live: report, published: r.published };
}

/**
 * What an export or the API gives: the newest publication when there is one (unless `preferLive`),
 * else the live report — built only when it is needed, so exporting a published month costs a
 * database read, not a recomputation.
 */
export async function reportToServe(
  db: Queryable,
  actor: Reader,
  { month, code, preferLive }: { month: string; code: string; preferLive: boolean },
): Promise<Result<{ report: MonthlyReport; published: Published | null; source: "published" | "live" }>> {
  const r = await resolve(db, actor, month, code);
  if (!r.ok) return r;
  if (r.published && !preferLive) return { ok: true, report: r.published.report, published: r.published, source: "published" };
  const report = await live(db, actor, code, r.range);
  if ("ok" in report) return report;
  return { ok: true, report, published: r.published, source: "live" };
}

export type PublishResult = Result<{ revision: number }>;

/** 发布: 文明办 freezes a finished month (a republication needs a reason); audited in the same transaction. */
export async function publishReport(db: Db, actor: Reader, input: { month: string; code: string; reason?: string | null }): Promise<PublishResult> {
  if (actor.role !== "wmb_staff") return fail("forbidden", "只有文明办工作人员可以发布月报");
  const loaded = await loadReport(db, actor, input);
  if (!loaded.ok) return loaded;
  if (loaded.live.meta.partial) return fail("month_not_over", "month: 本月尚未结束，不能发布（可预览和导出实时数据）", { status: 409, fields: ["month"] });
  const reason = input.reason?.trim() || null;
  return db.transaction(async (tx) => {
    // Lock the month/region pair so two publishers cannot both become revision N.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`report:${input.month}:${input.code}`}))`);
    const [cur] = await tx
      .select({ n: sql<number>`coalesce(max(${reportSnapshots.revision}), 0)::int` })
      .from(reportSnapshots)
      .where(and(eq(reportSnapshots.month, input.month), eq(reportSnapshots.regionCode, input.code)));
    const revision = (cur?.n ?? 0) + 1;
    if (revision > 1 && !reason) return fail("reason_required", "reason: 该月已发布，重新发布必须填写原因", { status: 400, fields: ["reason"] });
    await tx.insert(reportSnapshots).values({ month: input.month, regionCode: input.code, revision, data: loaded.live, reason, publishedBy: actor.id });
    await writeAudit(tx, {
      userId: actor.id,
      username: actor.username,
      role: actor.role,
      ip: actor.ip ?? null,
      action: revision > 1 ? "report.republish" : "report.publish",
      objectType: "monthly_report",
      objectId: `${input.code}:${input.month}`,
      summary: { month: input.month, region: input.code, revision, reason, key: loaded.live.key },
    });
    return { ok: true as const, revision };
  });
}

export interface KeyDiff {
  key: keyof MonthlyReport["key"];
  label: string;
  kind: string;
  live: number | null;
  published: number | null;
  delta: number | null;
}

/** Headline figures side by side; `delta` is live − published where both exist. */
export function diffKeys(live: MonthlyReport, published: MonthlyReport): KeyDiff[] {
  return (Object.keys(KEY_LABELS) as (keyof MonthlyReport["key"])[]).map((k) => {
    const a = live.key[k];
    const b = published.key[k];
    const delta = a === null || b === null || a === undefined || b === undefined ? null : Math.round((a - b) * 10000) / 10000;
    return { key: k, label: KEY_LABELS[k].label, kind: KEY_LABELS[k].kind, live: a ?? null, published: b ?? null, delta };
  });
}

/** Audit an export (who, what, scope, month, which version). */
export async function auditExport(db: Db, actor: Actor, e: { month: string; code: string; format: string; table?: string | null; source: "published" | "live"; revision?: number | null }): Promise<void> {
  await db.transaction(async (tx) => {
    await writeAudit(tx, {
      userId: actor.id,
      username: actor.username,
      role: actor.role,
      ip: actor.ip ?? null,
      action: "report.export",
      objectType: "monthly_report",
      objectId: `${e.code}:${e.month}`,
      summary: { format: e.format, table: e.table ?? null, source: e.source, revision: e.revision ?? null },
    });
  });
}
