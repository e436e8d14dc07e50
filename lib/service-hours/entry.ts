/**
 * Entering service hours (记工时): creates PENDING service records for a list of volunteers, for an
 * activity (the enrolled volunteers) or a 网约 demand. Pending records count nowhere until a
 * reviewer verifies them (lib/service-hours/review.ts), so this writes no rollup and no points.
 *
 * Runs in the caller's transaction (`tx`) so the dispatch flow can enter hours together with its own
 * state change; it writes its audit entry last, after the records.
 *
 *   const r = await db.transaction((tx) => enterServiceHours(tx, actor, { demandId: 7, rows: [{ volunteerId: 311, hours: 2, serviceDate: "2026-11-28" }] }));
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { activities, demandAssignees, demands, enrolments, serviceRecords, volunteers } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { scopePattern } from "@/lib/auth/rules";
import { CATEGORY_SECTOR } from "@/lib/dispatch/categories";
import { reachSql } from "@/lib/dispatch/service";
import { fail, type Failure, type Result } from "@/lib/http";
import { cstDate } from "@/lib/metrics/rollup";
import { activityEnded, checkHours, checkNoCheckInReason, spanHours } from "./rules";

export interface EntryRow {
  volunteerId: number;
  hours: number | string;
  /** YYYY-MM-DD; for an activity it defaults to the activity's (China) start date. */
  serviceDate?: string;
  /** Required for a volunteer who never checked in to the activity: why the hours are entered anyway (kept on the record, shown to the reviewer). */
  noCheckInReason?: string;
}

export interface EntryInput {
  activityId?: number;
  demandId?: number;
  rows: EntryRow[];
}

export type EntryResult = Result<{ created: { id: number; volunteerId: number; hours: number }[]; skipped: { volunteerId: number; reason: string }[] }>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The WHERE that puts an activity in the actor's reach: its place under the scope, and for an org admin their own organization. */
export function activityReach(actor: Pick<Actor, "scopeCode" | "role" | "organizationId">) {
  const inRegion = sql`${activities.regionCode} LIKE ${scopePattern(actor.scopeCode)}`;
  return actor.role === "org_admin" ? and(inRegion, eq(activities.organizationId, actor.organizationId ?? -1))! : inRegion;
}

interface Source {
  activityId: number | null;
  demandId: number | null;
  organizationId: number | null;
  sector: string;
  maxHours: number | null;
  from: string | null;
  to: string | null;
  defaultDay: string | null;
  /** Activity volunteers who checked in (null for a 网约 need, which has no check-in). */
  checkedIn: Set<number> | null;
}



const about = (volunteerId: number, field: string) => ({ fields: [field], extra: { volunteerId } });

/** An activity in reach, not cancelled, and every volunteer enrolled in it. */
async function activitySource(tx: Tx, actor: Actor, activityId: number, ids: number[], now: Date): Promise<Source | Failure> {
  const [a] = await tx.select().from(activities).where(and(eq(activities.id, activityId), activityReach(actor))).limit(1);
  if (!a) return fail("not_found", "活动不存在或不在您的权限范围内");
  if (a.status === "cancelled") return fail("invalid", "活动已取消，不能登记工时", { fields: ["activityId"] });
  const ended = activityEnded(a.endsAt, now);
  if (!ended.ok) return fail("invalid", ended.message, { fields: ["activityId"], extra: { endsAt: a.endsAt.toISOString() } });
  const enrolled = await tx
    .select({ v: enrolments.volunteerId, checkedInAt: enrolments.checkedInAt })
    .from(enrolments)
    .where(and(eq(enrolments.activityId, a.id), inArray(enrolments.volunteerId, ids), eq(enrolments.status, "enrolled")));
  const set = new Set(enrolled.map((e) => e.v));
  const missing = ids.find((v) => !set.has(v));
  if (missing !== undefined) return fail("invalid", `${await who(tx, missing)} 未报名该活动`, about(missing, "rows"));
  const day = cstDate(a.startsAt);
  const checkedIn = new Set(enrolled.filter((e) => e.checkedInAt !== null).map((e) => e.v));
  return { activityId: a.id, demandId: null, organizationId: a.organizationId, sector: a.sector, maxHours: spanHours(a.startsAt, a.endsAt), from: day, to: cstDate(a.endsAt), defaultDay: day, checkedIn };
}

/** States of a need whose service has been done (完成, then rated and rewarded). */
const SERVED = new Set(["completed", "rated", "rewarded"]);

/**
 * A 网约 need: one the actor can read (404 otherwise — the dispatch reach), whose service is done
 * (409), entered by its dispatcher (staff whose region holds it) or by the team that accepted it
 * (403 for another team), for the volunteers assigned to it (422 naming the volunteer).
 */
async function demandSource(tx: Tx, actor: Actor, demandId: number, ids: number[]): Promise<Source | Failure> {
  const [d] = await tx
    .select({ id: demands.id, category: demands.category, teamId: demands.teamId, state: demands.state })
    .from(demands)
    .where(and(eq(demands.id, demandId), reachSql(actor)))
    .limit(1);
  if (!d) return fail("not_found", "需求不存在或不在您的权限范围内");
  if (actor.role === "org_admin" && d.teamId !== actor.organizationId) return fail("forbidden", "只有派单的街道、文明办或接单的队伍可以登记该需求的工时");
  if (!SERVED.has(d.state)) return fail("conflict", "需求尚未完成，完成后才能登记服务时长", { fields: ["demandId"], extra: { state: d.state } });
  const assigned = await tx
    .select({ v: demandAssignees.volunteerId })
    .from(demandAssignees)
    .where(and(eq(demandAssignees.demandId, d.id), inArray(demandAssignees.volunteerId, ids)));
  const set = new Set(assigned.map((a) => a.v));
  const missing = ids.find((v) => !set.has(v));
  if (missing !== undefined) return fail("invalid", `${await who(tx, missing)} 不是该需求指派的志愿者`, about(missing, "rows"));
  const sector = CATEGORY_SECTOR[d.category as keyof typeof CATEGORY_SECTOR] ?? "urban_warmth";
  return { activityId: null, demandId: d.id, organizationId: d.teamId, sector, maxHours: null, from: null, to: null, defaultDay: null, checkedIn: null };
}

/** "志愿者 张三（V2026…）" — how a message names a volunteer; the id when the volunteer does not exist. */
async function who(tx: Tx, volunteerId: number): Promise<string> {
  const [v] = await tx.select({ name: volunteers.name, no: volunteers.volunteerNo }).from(volunteers).where(eq(volunteers.id, volunteerId)).limit(1);
  return v ? `志愿者 ${v.name}（${v.no}）` : `志愿者 ${volunteerId}`;
}

export async function enterServiceHours(tx: Tx, actor: Actor, input: EntryInput, now: Date = new Date()): Promise<EntryResult> {
  if ((input.activityId === undefined) === (input.demandId === undefined)) return fail("invalid", "必须且只能指定一个活动或一个需求", { fields: ["activityId"] });
  if (input.rows.length === 0) return fail("invalid", "没有要登记的志愿者", { fields: ["rows"] });
  const ids = input.rows.map((r) => r.volunteerId);
  if (new Set(ids).size !== ids.length) return fail("invalid", "同一名志愿者不能重复登记", { fields: ["rows"] });

  const source = input.activityId !== undefined ? await activitySource(tx, actor, input.activityId, ids, now) : await demandSource(tx, actor, input.demandId!, ids);
  if ("ok" in source) return source;

  const vols = await tx.select({ id: volunteers.id, name: volunteers.name, no: volunteers.volunteerNo, communityCode: volunteers.communityCode, status: volunteers.status }).from(volunteers).where(inArray(volunteers.id, ids));
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
    if (!v) return fail("invalid", `志愿者 ${row.volunteerId} 不存在`, about(row.volunteerId, "volunteerId"));
    const name = `志愿者 ${v.name}（${v.no}）`;
    const h = checkHours(row.hours, source.maxHours);
    if (!h.ok) return fail("invalid", `${name}：${h.message}`, about(row.volunteerId, "hours"));
    const day = row.serviceDate ?? source.defaultDay;
    if (!day || !DAY.test(day)) return fail("invalid", `${name}：服务日期格式应为 YYYY-MM-DD`, about(row.volunteerId, "serviceDate"));
    if (source.from && source.to && (day < source.from || day > source.to)) return fail("invalid", `${name}：服务日期须在活动期间（${source.from} 至 ${source.to}）`, about(row.volunteerId, "serviceDate"));
    const reason = row.noCheckInReason?.trim() || null;
    if (source.checkedIn && !source.checkedIn.has(v.id)) {
      const c = checkNoCheckInReason(reason);
      if (!c.ok) return fail("invalid", `${name}：${c.message}`, about(row.volunteerId, "noCheckInReason"));
    }
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
      noCheckInReason: source.checkedIn && !source.checkedIn.has(v.id) ? reason : null,
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
      summary: {
        records: created.length,
        hours: created.reduce((s, c) => s + Number(c.hours), 0),
        skipped: skipped.length,
        withoutCheckIn: values.filter((x) => x.noCheckInReason).map((x) => ({ volunteerId: x.volunteerId, reason: x.noCheckInReason })),
      },
    });
  }
  return { ok: true as const, created: created.map((c) => ({ id: c.id, volunteerId: c.volunteerId, hours: Number(c.hours) })), skipped };
}
