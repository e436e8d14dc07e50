/**
 * Reads of rectification tasks. Every query carries the user's scope in its WHERE clause
 * (`taskInScope`), so another street's task is simply not found. Overdue/督办 use the cockpit's "today"
 * (lib/metrics/clock.ts) and the `overdue_escalation_days` setting, so the list, the task page and the
 * cockpit agree.
 */
import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, like, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { rectificationTasks as T, regions, taskEvents, taskPhotos, users } from "@/db/schema";
import { scopePattern } from "@/lib/auth/rules";
import type { Actor } from "@/lib/auth/actor";
import { getNumberSetting } from "@/lib/campaign/queries";
import { today as clockToday } from "@/lib/metrics/clock";
import { addDays } from "@/lib/metrics/rules";
import { DEFAULT_ESCALATION_DAYS, TASK_STATUSES, type TaskStatus, type TaskType, urgency, type Urgency } from "./rules";
import { PAGE_SIZE, type TaskFilters } from "./schema";
import { likeEscape, taskInScope } from "./scope";

export interface TaskRow {
  id: number;
  problemKey: string;
  type: TaskType;
  pointName: string;
  address: string | null;
  description: string;
  streetCode: string;
  streetName: string;
  communityCode: string;
  communityName: string;
  responsibleUnit: string | null;
  status: TaskStatus;
  deadline: string;
  version: number;
  reportedAt: string;
  submittedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  urgency: Urgency;
}

export interface TaskList {
  items: TaskRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  today: string;
  escalationDays: number;
}

const S = alias(regions, "s");
const C = alias(regions, "c");

const rowColumns = {
  id: T.id,
  problemKey: T.problemKey,
  type: T.type,
  pointName: T.pointName,
  address: T.address,
  description: T.description,
  streetCode: T.streetCode,
  streetName: S.name,
  communityCode: T.communityCode,
  communityName: C.name,
  responsibleUnit: T.responsibleUnit,
  status: T.status,
  deadline: T.deadline,
  version: T.version,
  reportedAt: T.reportedAt,
  submittedAt: T.submittedAt,
  closedAt: T.closedAt,
  updatedAt: T.updatedAt,
};

type RawRow = Omit<TaskRow, "reportedAt" | "submittedAt" | "closedAt" | "updatedAt" | "urgency"> & {
  reportedAt: Date;
  submittedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
};

function toRow(r: RawRow, day: string, esc: number): TaskRow {
  return {
    ...r,
    reportedAt: r.reportedAt.toISOString(),
    submittedAt: r.submittedAt ? r.submittedAt.toISOString() : null,
    closedAt: r.closedAt ? r.closedAt.toISOString() : null,
    updatedAt: r.updatedAt.toISOString(),
    urgency: urgency({ deadline: r.deadline, status: r.status }, day, esc),
  };
}

/** Today (China time, AS_OF-aware) and N for 督办. */
async function taskClock(db: Queryable): Promise<{ today: string; escalationDays: number }> {
  return { today: clockToday(), escalationDays: await getNumberSetting(db, "overdue_escalation_days", DEFAULT_ESCALATION_DAYS) };
}

/** WHERE conditions for the filters, always including the scope. */
function conditions(actor: Actor, f: Partial<TaskFilters>, day: string, esc: number): SQL[] {
  const c: SQL[] = [taskInScope(actor.scopeCode)];
  if (f.status) c.push(eq(T.status, f.status));
  if (f.type) c.push(eq(T.type, f.type));
  if (f.street) c.push(eq(T.streetCode, f.street));
  const open = sql`${T.status} <> 'closed'`;
  if (f.overdue === "1") c.push(sql`(${open} AND ${T.deadline} < ${day}::date)`);
  if (f.overdue === "0") c.push(sql`NOT (${open} AND ${T.deadline} < ${day}::date)`);
  if (f.overdue === "escalated") c.push(sql`(${open} AND ${T.deadline} < ${addDays(day, -esc)}::date)`);
  if (f.dueFrom) c.push(sql`${T.deadline} >= ${f.dueFrom}::date`);
  if (f.dueTo) c.push(sql`${T.deadline} <= ${f.dueTo}::date`);
  if (f.q) {
    const p = `%${likeEscape(f.q)}%`;
    const byId = /^#?\d{1,9}$/.test(f.q) ? sql` OR ${T.id} = ${Number(f.q.replace("#", ""))}` : sql``;
    c.push(
      sql`(${T.pointName} ILIKE ${p} OR ${T.address} ILIKE ${p} OR ${T.description} ILIKE ${p} OR ${T.problemKey} ILIKE ${p} OR ${T.responsibleUnit} ILIKE ${p}${byId})`,
    );
  }
  return c;
}

/** Overdue first (most overdue on top), then open tasks by deadline, closed ones last (newest first). */
function ordering(day: string): SQL[] {
  return [
    sql`CASE WHEN ${T.status} = 'closed' THEN 2 WHEN ${T.deadline} < ${day}::date THEN 0 ELSE 1 END`,
    sql`CASE WHEN ${T.status} <> 'closed' THEN ${T.deadline} END ASC`,
    sql`${T.closedAt} DESC NULLS LAST`,
    asc(T.id),
  ];
}

/** A page of tasks for the list and GET /api/v1/tasks. */
export async function listTasks(db: Queryable, actor: Actor, filters: Partial<TaskFilters>): Promise<TaskList> {
  const { today, escalationDays } = await taskClock(db);
  const pageSize = filters.pageSize ?? PAGE_SIZE;
  const where = and(...conditions(actor, filters, today, escalationDays));
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(T).where(where)) as [{ n: number }];
  const pageCount = Math.max(1, Math.ceil(n / pageSize));
  const page = Math.min(Math.max(1, filters.page ?? 1), pageCount);
  const raw = await db
    .select(rowColumns)
    .from(T)
    .innerJoin(S, eq(S.code, T.streetCode))
    .innerJoin(C, eq(C.code, T.communityCode))
    .where(where)
    .orderBy(...ordering(today))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: raw.map((r) => toRow(r as RawRow, today, escalationDays)), total: n, page, pageSize, pageCount, today, escalationDays };
}

export interface BoardColumn {
  status: TaskStatus;
  count: number;
  overdue: number;
  items: TaskRow[];
}

/** The board: one column per status with its count and its most urgent cards. */
export async function getTaskBoard(db: Queryable, actor: Actor, { filters, perColumn = 25 }: { filters: Partial<TaskFilters>; perColumn?: number }): Promise<{ columns: BoardColumn[]; today: string; escalationDays: number }> {
  const { today, escalationDays } = await taskClock(db);
  const f = { ...filters, status: undefined };
  const where = and(...conditions(actor, f, today, escalationDays));
  const counts = await db
    .select({ status: T.status, n: sql<number>`count(*)::int`, overdue: sql<number>`count(*) FILTER (WHERE ${T.status} <> 'closed' AND ${T.deadline} < ${today}::date)::int` })
    .from(T)
    .where(where)
    .groupBy(T.status);
  const columns: BoardColumn[] = [];
  for (const status of TASK_STATUSES) {
    const cnt = counts.find((c) => c.status === status);
    const raw = cnt
      ? await db
          .select(rowColumns)
          .from(T)
          .innerJoin(S, eq(S.code, T.streetCode))
          .innerJoin(C, eq(C.code, T.communityCode))
          .where(and(where, eq(T.status, status)))
          .orderBy(...ordering(today))
          .limit(status === "closed" ? Math.min(perColumn, 10) : perColumn)
      : [];
    columns.push({ status, count: cnt?.n ?? 0, overdue: cnt?.overdue ?? 0, items: raw.map((r) => toRow(r as RawRow, today, escalationDays)) });
  }
  return { columns, today, escalationDays };
}

export interface PhotoRef {
  id: number;
  phase: "before" | "after";
  eventId: number | null;
  createdAt: string;
}

export interface TaskEventRow {
  id: number;
  kind: string;
  fromStatus: TaskStatus | null;
  toStatus: TaskStatus | null;
  actorName: string | null;
  actorRole: string | null;
  note: string | null;
  detail: Record<string, unknown> | null;
  createdAt: string;
  photoIds: number[];
}

export interface TaskDetail extends TaskRow {
  districtName: string;
  createdByName: string | null;
  updatedByName: string | null;
  assignedAt: string | null;
  source: string;
  events: TaskEventRow[];
  photos: PhotoRef[];
  today: string;
  escalationDays: number;
}

function parseDetail(s: string | null): Record<string, unknown> | null {
  if (!s) return null;
  try {
    const v = JSON.parse(s);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** One task with its timeline and photos — null when it does not exist or is outside the scope. */
export async function getTask(db: Queryable, actor: Actor, { id }: { id: number }): Promise<TaskDetail | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const { today, escalationDays } = await taskClock(db);
  const D = alias(regions, "d");
  const CU = alias(users, "cu");
  const UU = alias(users, "uu");
  const [r] = await db
    .select({ ...rowColumns, districtName: D.name, createdByName: CU.displayName, updatedByName: UU.displayName, assignedAt: T.assignedAt, source: T.source })
    .from(T)
    .innerJoin(S, eq(S.code, T.streetCode))
    .innerJoin(C, eq(C.code, T.communityCode))
    .innerJoin(D, eq(D.code, S.parentCode))
    .leftJoin(CU, eq(CU.id, T.createdBy))
    .leftJoin(UU, eq(UU.id, T.updatedBy))
    .where(and(eq(T.id, id), taskInScope(actor.scopeCode)))
    .limit(1);
  if (!r) return null;
  const evs = await db
    .select({
      id: taskEvents.id,
      kind: taskEvents.kind,
      fromStatus: taskEvents.fromStatus,
      toStatus: taskEvents.toStatus,
      actorName: users.displayName,
      actorRole: users.role,
      note: taskEvents.note,
      detail: taskEvents.detail,
      createdAt: taskEvents.createdAt,
    })
    .from(taskEvents)
    .leftJoin(users, eq(users.id, taskEvents.actorUserId))
    .where(eq(taskEvents.taskId, id))
    .orderBy(asc(taskEvents.createdAt), asc(taskEvents.id));
  const photos = await db
    .select({ id: taskPhotos.id, phase: taskPhotos.phase, eventId: taskPhotos.eventId, createdAt: taskPhotos.createdAt })
    .from(taskPhotos)
    .where(eq(taskPhotos.taskId, id))
    .orderBy(asc(taskPhotos.id));
  const base = toRow(r as unknown as RawRow, today, escalationDays);
  return {
    ...base,
    districtName: r.districtName,
    createdByName: r.createdByName,
    updatedByName: r.updatedByName,
    assignedAt: r.assignedAt ? r.assignedAt.toISOString() : null,
    source: r.source,
    events: evs.map((e) => ({
      ...e,
      createdAt: e.createdAt.toISOString(),
      detail: parseDetail(e.detail),
      photoIds: photos.filter((p) => p.eventId === e.id).map((p) => p.id),
    })),
    photos: photos.map((p) => ({ id: p.id, phase: p.phase === "after" ? "after" : "before", eventId: p.eventId, createdAt: p.createdAt.toISOString() })),
    today,
    escalationDays,
  };
}

export interface ReviewItem extends TaskRow {
  beforePhotoIds: number[];
  afterPhotoIds: number[];
  submitNote: string | null;
  submittedBy: string | null;
}

/** 复查队列: submitted tasks in scope, the longest-waiting first, with the photos to compare. */
export async function getReviewQueue(db: Queryable, actor: Actor, { page = 1, pageSize = PAGE_SIZE }: { page?: number; pageSize?: number }): Promise<{ items: ReviewItem[]; total: number; page: number; pageCount: number }> {
  const { today, escalationDays } = await taskClock(db);
  const where = and(taskInScope(actor.scopeCode), eq(T.status, "submitted"));
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(T).where(where)) as [{ n: number }];
  const pageCount = Math.max(1, Math.ceil(n / pageSize));
  const p = Math.min(Math.max(1, page), pageCount);
  const raw = await db
    .select(rowColumns)
    .from(T)
    .innerJoin(S, eq(S.code, T.streetCode))
    .innerJoin(C, eq(C.code, T.communityCode))
    .where(where)
    .orderBy(asc(T.submittedAt), asc(T.id))
    .limit(pageSize)
    .offset((p - 1) * pageSize);
  const ids = raw.map((r) => r.id);
  const photos = ids.length
    ? await db
        .select({ id: taskPhotos.id, taskId: taskPhotos.taskId, phase: taskPhotos.phase, eventId: taskPhotos.eventId })
        .from(taskPhotos)
        .where(and(inArray(taskPhotos.taskId, ids), isNotNull(taskPhotos.taskId)))
        .orderBy(asc(taskPhotos.id))
    : [];
  const submits = ids.length
    ? await db
        .select({ id: taskEvents.id, taskId: taskEvents.taskId, note: taskEvents.note, who: users.displayName })
        .from(taskEvents)
        .leftJoin(users, eq(users.id, taskEvents.actorUserId))
        .where(and(inArray(taskEvents.taskId, ids), eq(taskEvents.toStatus, "submitted"), eq(taskEvents.kind, "transition")))
        .orderBy(desc(taskEvents.id))
    : [];
  const items = raw.map((r) => {
    const last = submits.find((s) => s.taskId === r.id);
    return {
      ...toRow(r as RawRow, today, escalationDays),
      beforePhotoIds: photos.filter((ph) => ph.taskId === r.id && ph.phase === "before").map((ph) => ph.id),
      afterPhotoIds: last ? photos.filter((ph) => ph.taskId === r.id && ph.eventId === last.id).map((ph) => ph.id) : [],
      submitNote: last?.note ?? null,
      submittedBy: last?.who ?? null,
    };
  });
  return { items, total: n, page: p, pageCount };
}

export interface Place {
  code: string;
  name: string;
}
export interface StreetPlace extends Place {
  districtName: string;
  communities: Place[];
}

/** Streets (with their communities) in the user's scope: filters, the register form, bulk reassign. */
export async function getPlaces(db: Queryable, actor: Actor, { withCommunities = false }: { withCommunities?: boolean } = {}): Promise<StreetPlace[]> {
  const D = alias(regions, "d");
  const p = scopePattern(actor.scopeCode.length > 9 ? actor.scopeCode.slice(0, 9) : actor.scopeCode);
  const streets = await db
    .select({ code: regions.code, name: regions.name, districtName: D.name })
    .from(regions)
    .innerJoin(D, eq(D.code, regions.parentCode))
    .where(and(eq(regions.level, "street"), like(regions.code, p)))
    .orderBy(asc(regions.code));
  if (!withCommunities) return streets.map((s) => ({ ...s, communities: [] }));
  const comms = await db
    .select({ code: regions.code, name: regions.name, parent: regions.parentCode })
    .from(regions)
    .where(and(eq(regions.level, "community"), like(regions.code, p)))
    .orderBy(asc(regions.code));
  const by = new Map<string, Place[]>();
  for (const c of comms) {
    const list = by.get(c.parent!) ?? [];
    list.push({ code: c.code, name: c.name });
    by.set(c.parent!, list);
  }
  return streets.map((s) => ({ ...s, communities: by.get(s.code) ?? [] }));
}

/** Counts for the page header: open, overdue, 督办, awaiting review — in scope. */
export interface TaskSummary {
  open: number;
  overdue: number;
  escalated: number;
  submitted: number;
  today: string;
  escalationDays: number;
}

export async function getTaskSummary(db: Queryable, actor: Actor): Promise<TaskSummary> {
  const { today, escalationDays } = await taskClock(db);
  const [r] = await db
    .select({
      open: sql<number>`count(*) FILTER (WHERE ${T.status} <> 'closed')::int`,
      overdue: sql<number>`count(*) FILTER (WHERE ${T.status} <> 'closed' AND ${T.deadline} < ${today}::date)::int`,
      escalated: sql<number>`count(*) FILTER (WHERE ${T.status} <> 'closed' AND ${T.deadline} < ${addDays(today, -escalationDays)}::date)::int`,
      submitted: sql<number>`count(*) FILTER (WHERE ${T.status} = 'submitted')::int`,
    })
    .from(T)
    .where(taskInScope(actor.scopeCode));
  return { open: r?.open ?? 0, overdue: r?.overdue ?? 0, escalated: r?.escalated ?? 0, submitted: r?.submitted ?? 0, today, escalationDays };
}
