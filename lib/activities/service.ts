/**
 * Activities (活动): publish, enrol, check in, record the outcome. Every write in one transaction:
 * the rows, then the rollups (completing an activity adds people_served and activities_held on the
 * day it ends, at its community — as RAW_ROLLUP_SOURCES defines them), then the audit entry.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, enrolments, organizations, projects, regions, volunteers } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import { addToRollup, cstDate } from "@/lib/metrics/rollup";
import type { Actor } from "@/lib/auth/actor";
import { scopePattern } from "@/lib/auth/rules";
import { fail, type Result } from "@/lib/http";
import { activityReach } from "@/lib/service-hours/entry";
import type { CreateActivityInput } from "./schema";


export async function createActivity(db: Db, actor: Actor, input: CreateActivityInput): Promise<Result<{ id: number }>> {
  if (!input.regionCode.startsWith(actor.scopeCode)) return fail("invalid", "活动地点不在您的管辖范围内", { fields: ["regionCode"] });
  return db.transaction(async (tx) => {
    const [region] = await tx.select({ code: regions.code }).from(regions).where(and(eq(regions.code, input.regionCode), eq(regions.level, "community"))).limit(1);
    if (!region) return fail("invalid", "请选择活动所在社区", { fields: ["regionCode"] });
    const orgId = actor.role === "org_admin" ? actor.organizationId : input.organizationId;
    if (!orgId) return fail("invalid", "请选择组织单位", { fields: ["organizationId"] });
    const [org] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.id, orgId), actor.role === "org_admin" ? sql`true` : sql`(${organizations.regionCode} LIKE ${scopePattern(actor.scopeCode)} OR ${organizations.supervisorCode} LIKE ${scopePattern(actor.scopeCode)})`))
      .limit(1);
    if (!org) return fail("invalid", "组织单位不存在或不在您的管辖范围内", { fields: ["organizationId"] });
    let sector = input.sector;
    if (input.projectId) {
      const [p] = await tx.select({ sector: projects.sector }).from(projects).where(and(eq(projects.id, input.projectId), eq(projects.organizationId, org.id))).limit(1);
      if (!p) return fail("invalid", "所选项目不属于该组织", { fields: ["projectId"] });
      sector = p.sector;
    }
    const [a] = await tx
      .insert(activities)
      .values({
        title: input.title,
        projectId: input.projectId ?? null,
        organizationId: org.id,
        sector,
        regionCode: input.regionCode,
        address: input.address || null,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        capacity: input.capacity,
        requirements: input.requirements || null,
        status: "open",
        createdBy: actor.id,
      })
      .returning({ id: activities.id });
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "activity.create", objectType: "activity", objectId: a!.id, summary: { title: input.title, regionCode: input.regionCode } });
    return { ok: true as const, id: a!.id };
  });
}

/**
 * Enrols volunteers (staff: any volunteer in scope or registered elsewhere; public page: the one who
 * identified). Open activities only, never beyond capacity (the activity row is locked while counting).
 */
export async function enrolVolunteers(db: Db, actor: Actor | null, { activityId, volunteerIds }: { activityId: number; volunteerIds: number[] }): Promise<Result<{ enrolled: number[]; already: number[] }>> {
  if (volunteerIds.length === 0) return fail("invalid", "请选择志愿者", { fields: ["volunteerIds"] });
  return db.transaction(async (tx) => {
    const [a] = await tx
      .select({ id: activities.id, status: activities.status, capacity: activities.capacity, endsAt: activities.endsAt })
      .from(activities)
      .where(and(eq(activities.id, activityId), actor ? activityReach(actor) : sql`true`))
      .for("update")
      .limit(1);
    if (!a) return fail("not_found", "活动不存在或不在您的权限范围内");
    if (a.status !== "open") return fail("invalid", "活动已停止报名");
    const found = await tx.select({ id: volunteers.id }).from(volunteers).where(and(inArray(volunteers.id, volunteerIds), eq(volunteers.status, "active")));
    if (found.length !== new Set(volunteerIds).size) return fail("invalid", "志愿者不存在或已注销", { fields: ["volunteerIds"] });
    const cur = await tx.select({ v: enrolments.volunteerId, status: enrolments.status }).from(enrolments).where(eq(enrolments.activityId, a.id));
    const active = new Set(cur.filter((c) => c.status === "enrolled").map((c) => c.v));
    const toAdd = [...new Set(volunteerIds)].filter((v) => !active.has(v));
    if (active.size + toAdd.length > a.capacity) return fail("full", `名额已满（共 ${a.capacity} 人，已报名 ${active.size} 人）`);
    for (const v of toAdd) {
      await tx
        .insert(enrolments)
        .values({ activityId: a.id, volunteerId: v, status: "enrolled" })
        .onConflictDoUpdate({ target: [enrolments.activityId, enrolments.volunteerId], set: { status: "enrolled", enrolledAt: new Date(), checkedInAt: null } });
    }
    if (toAdd.length) {
      await writeAudit(tx, { userId: actor?.id ?? null, username: actor?.username ?? null, role: actor?.role ?? null, ip: actor?.ip ?? null, action: actor ? "activity.enrol" : "activity.signup", objectType: "activity", objectId: a.id, summary: { volunteers: toAdd } });
    }
    return { ok: true as const, enrolled: toAdd, already: volunteerIds.filter((v) => active.has(v)) };
  });
}

/** 签到: marks enrolled volunteers present (idempotent); `undo` clears it. */
export async function checkIn(db: Db, actor: Actor, { activityId, volunteerIds, undo = false }: { activityId: number; volunteerIds: number[]; undo?: boolean }): Promise<Result<{ count: number }>> {
  return db.transaction(async (tx) => {
    const [a] = await tx.select({ id: activities.id, status: activities.status }).from(activities).where(and(eq(activities.id, activityId), activityReach(actor))).limit(1);
    if (!a) return fail("not_found", "活动不存在或不在您的权限范围内");
    if (a.status === "cancelled") return fail("invalid", "活动已取消");
    const r = await tx
      .update(enrolments)
      .set({ checkedInAt: undo ? null : new Date() })
      .where(and(eq(enrolments.activityId, a.id), inArray(enrolments.volunteerId, volunteerIds), eq(enrolments.status, "enrolled"), undo ? sql`true` : sql`${enrolments.checkedInAt} IS NULL`))
      .returning({ v: enrolments.volunteerId });
    if (r.length) await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: undo ? "activity.checkin_undo" : "activity.checkin", objectType: "activity", objectId: a.id, summary: { volunteers: r.map((x) => x.v) } });
    return { ok: true as const, count: r.length };
  });
}

/**
 * Records the outcome (服务人次, 解决问题数) and completes the activity. A correction of a completed
 * activity's outcome adds the difference to the rollups.
 */
export async function recordOutcome(db: Db, actor: Actor, { activityId, ...input }: { activityId: number; peopleServed: number; problemsSolved: number; version?: number }): Promise<Result<{ version: number }>> {
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(activities).where(and(eq(activities.id, activityId), activityReach(actor))).for("update").limit(1);
    if (!a) return fail("not_found", "活动不存在或不在您的权限范围内");
    if (input.version !== undefined && input.version !== a.version) return fail("conflict", "该活动已被他人修改，请刷新后重试", { currentVersion: a.version });
    if (a.status === "cancelled") return fail("invalid", "活动已取消");
    if (a.startsAt > new Date()) return fail("invalid", "活动尚未开始，不能登记成果");
    const wasCompleted = a.status === "completed";
    const [u] = await tx
      .update(activities)
      .set({ status: "completed", peopleServed: input.peopleServed, problemsSolved: input.problemsSolved, version: sql`${activities.version} + 1` })
      .where(and(eq(activities.id, a.id), eq(activities.version, a.version)))
      .returning({ version: activities.version });
    if (!u) return fail("conflict", "该活动已被他人修改，请刷新后重试");
    await addToRollup(tx, {
      day: cstDate(a.endsAt),
      communityCode: a.regionCode,
      sector: a.sector,
      people_served: input.peopleServed - (wasCompleted ? (a.peopleServed ?? 0) : 0),
      activities_held: wasCompleted ? 0 : 1,
    });
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "activity.outcome", objectType: "activity", objectId: a.id, summary: { peopleServed: input.peopleServed, problemsSolved: input.problemsSolved, was: wasCompleted ? a.peopleServed : null } });
    return { ok: true as const, version: u.version };
  });
}

/** Closes enrolment (open → closed) or cancels an activity that has not been completed. */
export async function setActivityStatus(db: Db, actor: Actor, { activityId, to }: { activityId: number; to: "closed" | "open" | "cancelled" }): Promise<Result> {
  return db.transaction(async (tx) => {
    const [u] = await tx
      .update(activities)
      .set({ status: to, version: sql`${activities.version} + 1` })
      .where(and(eq(activities.id, activityId), activityReach(actor), sql`${activities.status} IN ('open','closed')`))
      .returning({ id: activities.id });
    if (!u) return fail("not_found", "活动不存在、不在您的权限范围内或已结束");
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: `activity.${to}`, objectType: "activity", objectId: u.id });
    return { ok: true as const };
  });
}
