/**
 * The write paths of rectification tasks. Each change runs in one transaction that (1) loads the
 * task with the user's scope in the WHERE clause, (2) asks lib/tasks/rules.ts, (3) updates it with
 * `WHERE id AND version AND scope` (optimistic concurrency: zero rows → 404 or 409 naming who changed
 * it and when), (4) appends a task event and (5) an audit entry. The cockpit counts tasks straight
 * from the table, so its figures move when the transaction commits.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Queryable } from "@/db/client";
import { rectificationTasks, regions, taskEvents, taskPhotos, users, type RectificationTask } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { scopePattern } from "@/lib/auth/rules";
import { DomainError, fail, type Failure, inTx, type Result } from "@/lib/http";
import { today } from "@/lib/metrics/clock";
import { decideManage, decideTransition, type Refusal, type TaskStatus } from "./rules";
import type { BulkInput, CreateTaskInput, TransitionBody } from "./schema";
import { formatCst, taskInScope } from "./scope";

export const NOT_FOUND_MESSAGE = "任务不存在或不在您的权限范围内";

/** A refusal of lib/tasks/rules.ts as a Failure (same code, status and fields). */
const refused = (r: Refusal): Failure => fail(r.code, r.message, r.fields ? { status: r.status, fields: r.fields } : { status: r.status });
const notFound = () => fail("not_found", NOT_FOUND_MESSAGE, { status: 404 });
const invalid = (code: string, message: string, field: string) => fail(code, message, { status: 422, fields: [field] });
/** Thrown inside a transaction so that everything it wrote is rolled back. */
const abort = (f: Failure) => new DomainError(f.code, f.message, { status: f.status, fields: f.fields, currentVersion: f.currentVersion });

/** The task, only if it is in the actor's scope (the scope is in the WHERE clause). */
async function loadInScope(tx: Queryable, actor: Actor, id: number): Promise<RectificationTask | null> {
  const [t] = await tx
    .select()
    .from(rectificationTasks)
    .where(and(eq(rectificationTasks.id, id), taskInScope(actor.scopeCode)))
    .limit(1);
  return t ?? null;
}

/** After an UPDATE … WHERE version matched nothing: gone/out of scope (404) or changed by someone (409). */
async function conflictOrMissing(tx: Queryable, actor: Actor, id: number): Promise<Failure> {
  const [cur] = await tx
    .select({ version: rectificationTasks.version, updatedAt: rectificationTasks.updatedAt, who: users.displayName })
    .from(rectificationTasks)
    .leftJoin(users, eq(users.id, rectificationTasks.updatedBy))
    .where(and(eq(rectificationTasks.id, id), taskInScope(actor.scopeCode)))
    .limit(1);
  if (!cur) return notFound();
  return conflictFailure(cur);
}

function conflictFailure(cur: { version: number; updatedAt: Date; who: string | null }): Failure {
  return fail("conflict", `该任务已被 ${cur.who ?? "他人"} 于 ${formatCst(cur.updatedAt)} 修改，请刷新后重试`, { status: 409, currentVersion: cur.version });
}

async function versionConflict(tx: Queryable, t: RectificationTask): Promise<Failure> {
  const [u] = t.updatedBy ? await tx.select({ who: users.displayName }).from(users).where(eq(users.id, t.updatedBy)).limit(1) : [];
  return conflictFailure({ version: t.version, updatedAt: t.updatedAt, who: u?.who ?? null });
}

// ---------------------------------------------------------------------------- transitions

export interface TransitionOutcome {
  id: number;
  status: TaskStatus;
  version: number;
  eventId: number;
}

/**
 * Moves a task through the workflow (the only way its status changes). The caller passes the
 * version it saw; photos (after-photos uploaded for this task) are attached to the new event.
 */
async function applyTransition(tx: Queryable, actor: Actor, task: RectificationTask, body: TransitionBody): Promise<TransitionOutcome> {
  const ids = [...new Set(body.photoIds ?? [])];
  let photoCount = 0;
  if (ids.length > 0) {
    if (body.to !== "submitted") throw abort(invalid("invalid", "只有提交反馈时可以附整改后照片", "photoIds"));
    const found = await tx
      .select({ id: taskPhotos.id, phase: taskPhotos.phase, eventId: taskPhotos.eventId })
      .from(taskPhotos)
      .where(and(inArray(taskPhotos.id, ids), eq(taskPhotos.taskId, task.id)));
    const usable = new Set(found.filter((p) => p.phase === "after" && p.eventId === null).map((p) => p.id));
    const bad = ids.filter((id) => !usable.has(id));
    if (bad.length) throw abort(invalid("invalid_photo", `照片 ${bad.join("、")} 不是该任务待提交的整改后照片，请重新上传`, "photoIds"));
    photoCount = usable.size;
  }
  const reason = body.to === "returned" ? (body.reason ?? body.note ?? null) : (body.reason ?? null);
  const decision = decideTransition({
    from: task.status,
    to: body.to,
    role: actor.role,
    actorScope: actor.scopeCode,
    taskStreet: task.streetCode,
    afterPhotos: photoCount,
    note: body.note ?? null,
    reason,
  });
  if (!decision.ok) throw abort(refused(decision));

  const now = new Date();
  const stamp: Partial<Record<"assignedAt" | "submittedAt" | "closedAt", Date>> = {};
  if (body.to === "assigned") stamp.assignedAt = now;
  if (body.to === "submitted") stamp.submittedAt = now;
  if (body.to === "closed") stamp.closedAt = now;
  const [u] = await tx
    .update(rectificationTasks)
    .set({ status: body.to, ...stamp, updatedBy: actor.id, updatedAt: now, version: sql`${rectificationTasks.version} + 1` })
    .where(and(eq(rectificationTasks.id, task.id), eq(rectificationTasks.version, task.version), taskInScope(actor.scopeCode)))
    .returning({ version: rectificationTasks.version, status: rectificationTasks.status });
  if (!u) throw abort(await conflictOrMissing(tx, actor, task.id));

  const note = body.to === "returned" ? reason!.trim() : body.note?.trim() || null;
  const [ev] = await tx
    .insert(taskEvents)
    .values({
      taskId: task.id,
      kind: "transition",
      fromStatus: task.status,
      toStatus: body.to,
      actorUserId: actor.id,
      note,
      detail: ids.length ? JSON.stringify({ photoIds: ids }) : null,
      createdAt: now,
    })
    .returning({ id: taskEvents.id });
  if (ids.length) {
    const attached = await tx
      .update(taskPhotos)
      .set({ eventId: ev!.id })
      .where(and(inArray(taskPhotos.id, ids), eq(taskPhotos.taskId, task.id), isNull(taskPhotos.eventId)))
      .returning({ id: taskPhotos.id });
    if (attached.length !== ids.length) throw abort(fail("conflict", "照片已被另一次提交使用，请刷新后重试", { status: 409, fields: ["photoIds"] }));
  }
  await writeAudit(tx, {
    userId: actor.id,
    username: actor.username,
    role: actor.role,
    ip: actor.ip ?? null,
    action: "task.transition",
    objectType: "rectification_task",
    objectId: task.id,
    summary: { from: task.status, to: body.to, version: u.version, photos: ids.length || undefined, note: note ?? undefined },
  });
  return { id: task.id, status: u.status, version: u.version, eventId: ev!.id };
}

/** One status change of task `id`, in its own transaction: the outcome or a failure (404/409/403/422). */
export async function transitionTask(db: Db, actor: Actor, input: TransitionBody & { id: number }): Promise<Result<{ task: TransitionOutcome }>> {
  return inTx(db, async (tx) => {
    const task = await loadInScope(tx, actor, input.id);
    if (!task) throw abort(notFound());
    if (task.version !== input.version) throw abort(await versionConflict(tx, task));
    return { task: await applyTransition(tx, actor, task, input) };
  });
}

// ---------------------------------------------------------------------------- register

/** What an import adds to a registration. */
export interface CreateOptions {
  source?: "manual" | "import";
  /** The stable key of the problem (imports); manual registrations get a fresh one. */
  problemKey?: string;
  campaignId?: number | null;
}

/** Street and community exist, nest, and lie in the actor's scope (scope in the WHERE clause). */
async function checkPlace(tx: Queryable, actor: Actor, streetCode: string, communityCode: string): Promise<Failure | null> {
  const found = await tx
    .select({ code: regions.code, level: regions.level, parent: regions.parentCode })
    .from(regions)
    .where(and(inArray(regions.code, [streetCode, communityCode]), sql`${regions.code} LIKE ${scopePattern(actor.scopeCode)}`));
  const street = found.find((r) => r.code === streetCode && r.level === "street");
  if (!street) return invalid("invalid", "责任街道不存在或不在您的管辖范围内", "streetCode");
  const community = found.find((r) => r.code === communityCode && r.level === "community");
  if (!community || community.parent !== streetCode) return invalid("invalid", "所选社区（村）不属于该责任街道", "communityCode");
  return null;
}

/**
 * Registers a problem (登记) — optionally assigning it (交办) at once, through the same transition as
 * every other status change. Before-photos uploaded by the actor are attached. With a problem key
 * that already exists nothing is written and `created` is false.
 */
export async function createTask(db: Db, actor: Actor, input: CreateTaskInput & CreateOptions): Promise<Result<{ id: number; created: boolean; version: number }>> {
  const decision = decideManage({ action: "create", role: actor.role, actorScope: actor.scopeCode, taskStreet: input.streetCode });
  if (!decision.ok) return refused(decision);
  if (input.deadline < today()) return invalid("invalid", `整改期限 ${input.deadline} 早于今天，请填写今天或以后的日期`, "deadline");
  return inTx(db, async (tx) => {
    const place = await checkPlace(tx, actor, input.streetCode, input.communityCode);
    if (place) throw abort(place);
    const photoIds = [...new Set(input.photoIds ?? [])];
    if (photoIds.length) {
      const mine = await tx
        .select({ id: taskPhotos.id })
        .from(taskPhotos)
        .where(and(inArray(taskPhotos.id, photoIds), isNull(taskPhotos.taskId), eq(taskPhotos.uploadedBy, actor.id), eq(taskPhotos.phase, "before")));
      if (mine.length !== photoIds.length) throw abort(invalid("invalid_photo", "部分照片无效或已被使用，请重新上传", "photoIds"));
    }
    const now = new Date();
    const [task] = await tx
      .insert(rectificationTasks)
      .values({
        problemKey: input.problemKey ?? `M-${randomUUID()}`,
        campaignId: input.campaignId ?? null,
        type: input.type,
        pointName: input.pointName,
        address: input.address ?? null,
        description: input.description,
        streetCode: input.streetCode,
        communityCode: input.communityCode,
        responsibleUnit: input.responsibleUnit ?? null,
        status: "reported",
        deadline: input.deadline,
        reportedAt: now,
        createdBy: actor.id,
        updatedBy: actor.id,
        updatedAt: now,
        source: input.source ?? "manual",
        version: 1,
      })
      .onConflictDoNothing({ target: rectificationTasks.problemKey })
      .returning();
    if (!task) return { id: 0, created: false, version: 0 };
    const [ev] = await tx
      .insert(taskEvents)
      .values({ taskId: task.id, kind: "create", fromStatus: null, toStatus: "reported", actorUserId: actor.id, note: null, detail: JSON.stringify({ source: task.source, problemKey: task.problemKey }), createdAt: now })
      .returning({ id: taskEvents.id });
    if (photoIds.length) {
      await tx
        .update(taskPhotos)
        .set({ taskId: task.id, eventId: ev!.id })
        .where(and(inArray(taskPhotos.id, photoIds), isNull(taskPhotos.taskId), eq(taskPhotos.uploadedBy, actor.id)));
    }
    await writeAudit(tx, {
      userId: actor.id,
      username: actor.username,
      role: actor.role,
      ip: actor.ip ?? null,
      action: "task.create",
      objectType: "rectification_task",
      objectId: task.id,
      summary: { problemKey: task.problemKey, street: task.streetCode, type: task.type, deadline: task.deadline, source: task.source, photos: photoIds.length || undefined },
    });
    if (!input.assignNow) return { id: task.id, created: true, version: task.version };
    const moved = await applyTransition(tx, actor, task, { to: "assigned", version: task.version, note: input.note ?? null, reason: null, photoIds: [] });
    return { id: task.id, created: true, version: moved.version };
  });
}

// ---------------------------------------------------------------------------- bulk: reassign / extend

export interface BulkOutcome {
  updated: { id: number; version: number }[];
  failed: { id: number; status: number; message: string }[];
}

/**
 * Reassigns selected tasks to another street (and community), or extends their deadline — each task
 * in its own transaction with its own version check, event and audit entry, so one conflict does
 * not undo the others. The result says what happened to each.
 */
export async function bulkUpdate(db: Db, actor: Actor, input: BulkInput): Promise<Result<BulkOutcome>> {
  if (input.action === "reassign") {
    const place = await checkPlace(db, actor, input.streetCode, input.communityCode);
    if (place) return place;
  }
  if (input.action === "extend" && input.deadline < today()) return invalid("invalid", `新的整改期限 ${input.deadline} 早于今天`, "deadline");
  const out: BulkOutcome = { updated: [], failed: [] };
  const seen = new Set<number>();
  for (const item of input.items) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    const r = await inTx(db, async (tx) => {
      const task = await loadInScope(tx, actor, item.id);
      if (!task) throw abort(notFound());
      if (task.version !== item.version) throw abort(await versionConflict(tx, task));
      const d = decideManage({
        action: input.action,
        role: actor.role,
        actorScope: actor.scopeCode,
        taskStreet: task.streetCode,
        status: task.status,
        reason: input.reason,
        deadline: task.deadline,
        newDeadline: input.action === "extend" ? input.deadline : undefined,
        newStreet: input.action === "reassign" ? input.streetCode : undefined,
      });
      if (!d.ok) throw abort(refused(d));
      const now = new Date();
      const change =
        input.action === "reassign"
          ? { streetCode: input.streetCode, communityCode: input.communityCode }
          : { deadline: input.deadline };
      let detail: Record<string, string>;
      if (input.action === "reassign") {
        const codes = [task.streetCode, task.communityCode, input.streetCode, input.communityCode];
        const names = new Map((await tx.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes))).map((r) => [r.code, r.name]));
        detail = {
          fromStreet: task.streetCode,
          toStreet: input.streetCode,
          fromCommunity: task.communityCode,
          toCommunity: input.communityCode,
          from: `${names.get(task.streetCode) ?? task.streetCode} ${names.get(task.communityCode) ?? ""}`.trim(),
          to: `${names.get(input.streetCode) ?? input.streetCode} ${names.get(input.communityCode) ?? ""}`.trim(),
        };
      } else detail = { fromDeadline: task.deadline, toDeadline: input.deadline, from: task.deadline, to: input.deadline };
      const [u] = await tx
        .update(rectificationTasks)
        .set({ ...change, updatedBy: actor.id, updatedAt: now, version: sql`${rectificationTasks.version} + 1` })
        .where(and(eq(rectificationTasks.id, task.id), eq(rectificationTasks.version, task.version), taskInScope(actor.scopeCode)))
        .returning({ version: rectificationTasks.version });
      if (!u) throw abort(await conflictOrMissing(tx, actor, task.id));
      await tx.insert(taskEvents).values({
        taskId: task.id,
        kind: input.action,
        fromStatus: task.status,
        toStatus: task.status,
        actorUserId: actor.id,
        note: input.reason.trim(),
        detail: JSON.stringify(detail),
        createdAt: now,
      });
      await writeAudit(tx, {
        userId: actor.id,
        username: actor.username,
        role: actor.role,
        ip: actor.ip ?? null,
        action: `task.${input.action}`,
        objectType: "rectification_task",
        objectId: task.id,
        summary: { ...detail, reason: input.reason.trim(), version: u.version },
      });
      return { id: task.id, version: u.version };
    });
    if (r.ok) out.updated.push({ id: r.id, version: r.version });
    else out.failed.push({ id: item.id, status: r.status ?? 400, message: r.message });
  }
  return { ok: true, ...out };
}
