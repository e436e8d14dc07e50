import "server-only";
/**
 * Live vs published: a publication freezes the whole report (every table, as built) in
 * report_snapshots; exports of a published month read the newest revision, so late records change
 * nothing there. Republishing is deliberate: it needs a reason and is audited like the first one.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { reportSnapshots, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import type { CurrentUser } from "@/lib/auth/session";
import { findRegionInScope } from "@/lib/auth/session";
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
export function reportRegionAllowed(user: CurrentUser, code: string): boolean {
  if (!(code.length === 4 || code.length === 6)) return false;
  return code.startsWith(user.scopeCode);
}

export async function getPublished(db: Queryable, month: string, code: string): Promise<Published | null> {
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

export type LoadResult =
  | { ok: true; live: MonthlyReport; published: Published | null }
  | { ok: false; status: 400 | 404; message: string };

type Failure = { ok: false; status: 400 | 404; message: string };

/** Month and region checked against today and the user's scope, and the newest publication. */
async function resolve(user: CurrentUser, month: string, code: string): Promise<{ ok: true; range: MonthRange; published: Published | null } | Failure> {
  const r = monthRange(month, today());
  if (!r.ok) return { ok: false, status: 400, message: r.message };
  if (!reportRegionAllowed(user, code) || !(await findRegionInScope(user, code))) return { ok: false, status: 404, message: "region: 区域不存在或不在您的权限范围内（月报可选全市或区市）" };
  return { ok: true, range: r.range, published: await getPublished(await getDb(), month, code) };
}

async function live(user: CurrentUser, code: string, range: MonthRange): Promise<MonthlyReport | Failure> {
  return (await buildMonthlyReport({ user, code, range })) ?? { ok: false, status: 404, message: "region: 区域不存在或不在您的权限范围内" };
}

/** The live report (scope checked) and the newest publication of the same month and region. */
export async function loadReport(user: CurrentUser, month: string, code: string): Promise<LoadResult> {
  const r = await resolve(user, month, code);
  if (!r.ok) return r;
  const report = await live(user, code, r.range);
  if ("ok" in report) return report;
  return { ok: true, live: report, published: r.published };
}

/**
 * What an export or the API gives: the newest publication when there is one (unless `preferLive`),
 * else the live report — built only when it is needed, so exporting a published month costs a
 * database read, not a recomputation.
 */
export async function reportToServe(user: CurrentUser, month: string, code: string, preferLive: boolean): Promise<{ ok: true; report: MonthlyReport; published: Published | null; source: "published" | "live" } | Failure> {
  const r = await resolve(user, month, code);
  if (!r.ok) return r;
  if (r.published && !preferLive) return { ok: true, report: r.published.report, published: r.published, source: "published" };
  const report = await live(user, code, r.range);
  if ("ok" in report) return report;
  return { ok: true, report, published: r.published, source: "live" };
}

export type PublishResult = { ok: true; revision: number } | { ok: false; status: 400 | 404 | 409; code: string; message: string };

export async function publishReport(user: CurrentUser, input: { month: string; code: string; reason?: string | null; ip?: string | null }): Promise<PublishResult> {
  const loaded = await loadReport(user, input.month, input.code);
  if (!loaded.ok) return { ok: false, status: loaded.status, code: loaded.status === 404 ? "not_found" : "bad_request", message: loaded.message };
  if (loaded.live.meta.partial) return { ok: false, status: 409, code: "month_not_over", message: "month: 本月尚未结束，不能发布（可预览和导出实时数据）" };
  const reason = input.reason?.trim() || null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Lock the month/region pair so two publishers cannot both become revision N.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`report:${input.month}:${input.code}`}))`);
    const [cur] = await tx
      .select({ n: sql<number>`coalesce(max(${reportSnapshots.revision}), 0)::int` })
      .from(reportSnapshots)
      .where(and(eq(reportSnapshots.month, input.month), eq(reportSnapshots.regionCode, input.code)));
    const revision = (cur?.n ?? 0) + 1;
    if (revision > 1 && !reason) return { ok: false, status: 400, code: "reason_required", message: "reason: 该月已发布，重新发布必须填写原因" } as const;
    await tx.insert(reportSnapshots).values({ month: input.month, regionCode: input.code, revision, data: loaded.live, reason, publishedBy: user.id });
    await writeAudit(tx, {
      userId: user.id,
      username: user.username,
      role: user.role,
      ip: input.ip ?? null,
      action: revision > 1 ? "report.republish" : "report.publish",
      objectType: "monthly_report",
      objectId: `${input.code}:${input.month}`,
      summary: { month: input.month, region: input.code, revision, reason, key: loaded.live.key },
    });
    return { ok: true, revision } as const;
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
export async function auditExport(user: CurrentUser, e: { month: string; code: string; format: string; table?: string | null; source: "published" | "live"; revision?: number | null; ip?: string | null }): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await writeAudit(tx, {
      userId: user.id,
      username: user.username,
      role: user.role,
      ip: e.ip ?? null,
      action: "report.export",
      objectType: "monthly_report",
      objectId: `${e.code}:${e.month}`,
      summary: { format: e.format, table: e.table ?? null, source: e.source, revision: e.revision ?? null },
    });
  });
}
