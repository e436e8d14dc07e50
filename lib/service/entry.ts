/**
 * Entering service hours (记工时): creates PENDING service records for a list of volunteers, for an
 * activity (the enrolled volunteers) or a 网约 demand. Pending records count nowhere until a
 * reviewer verifies them (lib/service/review.ts), so this writes no rollup and no points.
 *
 * Runs in the caller's transaction (`tx`) so the dispatch flow can enter hours together with its own
 * state change; it writes its audit entry last, after the records.
 *
 *   const r = await db.transaction((tx) => enterServiceHours(tx, actor, { demandId: 7, rows: [{ volunteerId: 311, hours: 2, serviceDate: "2026-11-28" }] }));
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { activities, demands, enrolments, organizations, serviceRecords, volunteers } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import { cstDate } from "@/lib/metrics/rollup";
import type { ServiceActor } from "./actor";
import { CATEGORY_SECTOR } from "@/lib/dispatch/categories";
import { checkHours, spanHours } from "./rules";

export interface EntryRow {
  volunteerId: number;
  hours: number | string;
  /** YYYY-MM-DD; for an activity it defaults to the activity's (China) start date. */
  serviceDate?: string;
}

export interface EntryInput {
  activityId?: number;
  demandId?: number;
  rows: EntryRow[];
}

export type EntryResult =
  | { ok: true; created: { id: number; volunteerId: number; hours: number }[]; skipped: { volunteerId: number; reason: string }[] }
  | { ok: false; code: "not_found" | "invalid"; message: string; volunteerId?: number; field?: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The WHERE that puts an activity in the actor's reach: its place under the scope, and for an org admin their own organization. */
export function activityReach(actor: Pick<ServiceActor, "scopeCode" | "role" | "organizationId">) {
  const inRegion = sql`${activities.regionCode} LIKE ${`${actor.scopeCode}%`}`;
  return actor.role === "org_admin" ? and(inRegion, eq(activities.organizationId, actor.organizationId ?? -1))! : inRegion;
}

export async function enterServiceHours(tx: Tx, actor: ServiceActor, input: EntryInput): Promise<EntryResult> {
  if ((input.activityId === undefined) === (input.demandId === undefined)) return { ok: false, code: "invalid", message: "必须且只能指定一个活动或一个需求", field: "activityId" };
  if (input.rows.length === 0) return { ok: false, code: "invalid", message: "没有要登记的志愿者", field: "rows" };
  const ids = input.rows.map((r) => r.volunteerId);
  if (new Set(ids).size !== ids.length) return { ok: false, code: "invalid", message: "同一名志愿者不能重复登记", field: "rows" };

  let source: { activityId: number | null; demandId: number | null; organizationId: number | null; sector: string; maxHours: number | null; from: string | null; to: string | null; defaultDay: string | null };
  if (input.activityId !== undefined) {
    const [a] = await tx.select().from(activities).where(and(eq(activities.id, input.activityId), activityReach(actor))).limit(1);
    if (!a) return { ok: false, code: "not_found", message: "活动不存在或不在您的权限范围内" };
    if (a.status === "cancelled") return { ok: false, code: "invalid", message: "活动已取消，不能登记工时", field: "activityId" };
    source = {
      activityId: a.id,
      demandId: null,
      organizationId: a.organizationId,
      sector: a.sector,
      maxHours: spanHours(a.startsAt, a.endsAt),
      from: cstDate(a.startsAt),
      to: cstDate(a.endsAt),
      defaultDay: cstDate(a.startsAt),
    };
    const enrolled = await tx
      .select({ v: enrolments.volunteerId })
      .from(enrolments)
      .where(and(eq(enrolments.activityId, a.id), inArray(enrolments.volunteerId, ids), eq(enrolments.status, "enrolled")));
    const set = new Set(enrolled.map((e) => e.v));
    const missing = ids.find((v) => !set.has(v));
    if (missing !== undefined) return { ok: false, code: "invalid", message: `志愿者 ${missing} 未报名该活动`, volunteerId: missing, field: "rows" };
  } else {
    const [d] = await tx
      .select({ id: demands.id, category: demands.category, teamId: demands.teamId, communityCode: demands.communityCode })
      .from(demands)
      .where(and(eq(demands.id, input.demandId!), sql`${demands.communityCode} LIKE ${`${actor.scopeCode}%`}`))
      .limit(1);
    if (!d) return { ok: false, code: "not_found", message: "需求不存在或不在您的权限范围内" };
    source = { activityId: null, demandId: d.id, organizationId: d.teamId, sector: CATEGORY_SECTOR[d.category as keyof typeof CATEGORY_SECTOR] ?? "urban_warmth", maxHours: null, from: null, to: null, defaultDay: null };
  }

  const vols = await tx.select({ id: volunteers.id, communityCode: volunteers.communityCode, status: volunteers.status }).from(volunteers).where(inArray(volunteers.id, ids));
  const byId = new Map(vols.map((v) => [v.id, v]));

  // A volunteer already holding a pending or verified record for this activity/demand is skipped.
  const existing = await tx
    .select({ v: serviceRecords.volunteerId })
    .from(serviceRecords)
    .where(
      and(
        source.activityId !== null ? eq(serviceRecords.activityId, source.activityId) : eq(serviceRecords.demandId, source.demandId!),
        inArray(serviceRecords.volunteerId, ids),
        ne(serviceRecords.status, "rejected"),
      ),
    );
  const already = new Set(existing.map((e) => e.v));

  const values: (typeof serviceRecords.$inferInsert)[] = [];
  const skipped: { volunteerId: number; reason: string }[] = [];
  for (const row of input.rows) {
    const v = byId.get(row.volunteerId);
    if (!v) return { ok: false, code: "invalid", message: `志愿者 ${row.volunteerId} 不存在`, volunteerId: row.volunteerId, field: "volunteerId" };
    const h = checkHours(row.hours, source.maxHours);
    if (!h.ok) return { ok: false, code: "invalid", message: h.message, volunteerId: row.volunteerId, field: "hours" };
    const day = row.serviceDate ?? source.defaultDay;
    if (!day || !DAY.test(day)) return { ok: false, code: "invalid", message: "服务日期格式应为 YYYY-MM-DD", volunteerId: row.volunteerId, field: "serviceDate" };
    if (source.from && source.to && (day < source.from || day > source.to)) return { ok: false, code: "invalid", message: `服务日期须在活动期间（${source.from} 至 ${source.to}）`, volunteerId: row.volunteerId, field: "serviceDate" };
    if (already.has(row.volunteerId)) {
      skipped.push({ volunteerId: row.volunteerId, reason: "已有待审核或已认定的记录" });
      continue;
    }
    values.push({
      volunteerId: v.id,
      activityId: source.activityId,
      demandId: source.demandId,
      organizationId: source.organizationId,
      communityCode: v.communityCode,
      sector: source.sector as (typeof serviceRecords.$inferInsert)["sector"],
      serviceDate: day,
      hours: String(h.hours),
      status: "pending",
      enteredBy: actor.id,
    });
  }
  const created = values.length
    ? await tx.insert(serviceRecords).values(values).returning({ id: serviceRecords.id, volunteerId: serviceRecords.volunteerId, hours: serviceRecords.hours })
    : [];
  if (created.length) {
    await writeAudit(tx, {
      userId: actor.id,
      username: actor.username,
      role: actor.role,
      ip: actor.ip ?? null,
      action: "service_record.enter",
      objectType: source.activityId !== null ? "activity" : "demand",
      objectId: source.activityId ?? source.demandId,
      summary: { records: created.length, hours: created.reduce((s, c) => s + Number(c.hours), 0), skipped: skipped.length },
    });
  }
  return { ok: true, created: created.map((c) => ({ id: c.id, volunteerId: c.volunteerId, hours: Number(c.hours) })), skipped };
}

/** The organization supervising an activity's organization (the street or district that verifies its hours). */
export async function supervisorOf(tx: Tx, organizationId: number): Promise<string | null> {
  const [o] = await tx.select({ s: organizations.supervisorCode }).from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  return o?.s ?? null;
}
