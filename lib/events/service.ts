/**
 * Events that group activities (issue 19): an event has an organizer, a date, a place and many
 * activities (`activities.event_id`); its totals — activities, volunteers (verified service records
 * = 志愿者人次), people served, problems solved — are sums over its activities, computed on read,
 * never stored. Scope: an event is visible when held in the actor's region (an organization admin
 * also sees its own organization's); an activity joins an event only when the actor may see it and
 * it lies in the event's district (another district's activity → 422 naming `activityIds`).
 * `fn(db, actor, input)`; audit in the write's transaction.
 */
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, type Queryable, rows, type Tx } from "@/db/client";
import { writeAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { isRegionCode, scopePattern } from "@/lib/auth/rules";
import { DomainError, inTx, type Result } from "@/lib/http";
import { orgScopeSql } from "@/lib/organizations/queries";

export const EventSchema = z.object({
  name: z.string().trim().min(2, "活动名称至少 2 个字").max(80, "活动名称最多 80 个字"),
  organizationId: z.coerce.number({ message: "请选择主办组织" }).int().positive("请选择主办组织"),
  regionCode: z.string().refine(isRegionCode, "请选择举办地区域"),
  heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "请填写举办日期（YYYY-MM-DD）"),
  venue: z.string().trim().max(120, "举办地点最多 120 个字").optional(),
  description: z.string().trim().max(1000, "说明最多 1000 个字").optional(),
  activityIds: z.array(z.coerce.number().int().positive("活动编号无效")).max(200, "一次最多归入 200 项活动").optional(),
});
export type EventInput = z.infer<typeof EventSchema>;

export const EventActivitiesSchema = z.object({
  add: z.array(z.coerce.number().int().positive("活动编号无效")).max(200).optional(),
  remove: z.array(z.coerce.number().int().positive("活动编号无效")).max(200).optional(),
});

export interface EventTotals {
  activities: number;
  volunteers: number;
  peopleServed: number;
  problemsSolved: number;
}

export interface EventActivity {
  id: number;
  name: string;
  startsAt: string;
  status: string;
  regionCode: string;
  volunteers: number;
  peopleServed: number;
  problemsSolved: number;
}

export interface EventSummary {
  id: number;
  name: string;
  heldOn: string;
  regionCode: string;
  venue: string | null;
  organizer: { id: number; name: string };
  totals: EventTotals;
}

export interface EventDetail extends EventSummary {
  description: string | null;
  version: number;
  activities: EventActivity[];
}

/** Σ over activities — the one definition of an event's totals. Pure. */
export function sumActivities(list: Pick<EventActivity, "volunteers" | "peopleServed" | "problemsSolved">[]): EventTotals {
  return list.reduce<EventTotals>((t, a) => ({ activities: t.activities + 1, volunteers: t.volunteers + a.volunteers, peopleServed: t.peopleServed + a.peopleServed, problemsSolved: t.problemsSolved + a.problemsSolved }), {
    activities: 0,
    volunteers: 0,
    peopleServed: 0,
    problemsSolved: 0,
  });
}

function eventScopeSql(actor: Actor, alias = "e"): SQL {
  const e = sql.raw(alias);
  switch (actor.role) {
    case "wmb_staff":
    case "leader":
    case "street_officer":
      return sql`${e}.region_code LIKE ${scopePattern(actor.scopeCode)}`;
    case "org_admin":
      return sql`(${e}.region_code LIKE ${scopePattern(actor.scopeCode)} OR ${e}.organization_id = ${actor.organizationId ?? 0})`;
    default:
      return sql`false`;
  }
}

const NOT_FOUND = "活动不存在或不在您的权限范围内";

/** Events held in a region (default: the actor's), newest first, each with its totals. */
export async function listEvents(db: Queryable, actor: Actor, { region }: { region?: string }): Promise<EventSummary[]> {
  const r = await rows<{ id: number; name: string; held_on: string; region_code: string; venue: string | null; org_id: number; org_name: string; n: number; vols: number; served: number; solved: number }>(
    db,
    sql`SELECT e.id, e.name, e.held_on::text AS held_on, e.region_code, e.venue, o.id AS org_id, o.name AS org_name,
        count(a.id)::int AS n, coalesce(sum(sr.n), 0)::int AS vols, coalesce(sum(a.people_served), 0)::int AS served, coalesce(sum(a.problems_solved), 0)::int AS solved
      FROM events e JOIN organizations o ON o.id = e.organization_id
      LEFT JOIN activities a ON a.event_id = e.id
      LEFT JOIN (SELECT activity_id, count(*) AS n FROM service_records WHERE status = 'verified' AND activity_id IN (SELECT id FROM activities WHERE event_id IS NOT NULL) GROUP BY 1) sr ON sr.activity_id = a.id
      WHERE ${eventScopeSql(actor)} ${region ? sql`AND e.region_code LIKE ${scopePattern(region)}` : sql``}
      GROUP BY e.id, o.id ORDER BY e.held_on DESC, e.id DESC LIMIT 200`,
  );
  return r.map((x) => ({
    id: Number(x.id),
    name: x.name,
    heldOn: x.held_on,
    regionCode: x.region_code,
    venue: x.venue,
    organizer: { id: Number(x.org_id), name: x.org_name },
    totals: { activities: Number(x.n), volunteers: Number(x.vols), peopleServed: Number(x.served), problemsSolved: Number(x.solved) },
  }));
}

/** One event with its activities and their sums, or null when unknown or out of scope. */
export async function getEvent(db: Queryable, actor: Actor, { id }: { id: number }): Promise<EventDetail | null> {
  const [e] = await rows<{ id: number; name: string; held_on: string; region_code: string; venue: string | null; description: string | null; version: number; org_id: number; org_name: string }>(
    db,
    sql`SELECT e.id, e.name, e.held_on::text AS held_on, e.region_code, e.venue, e.description, e.version, o.id AS org_id, o.name AS org_name
      FROM events e JOIN organizations o ON o.id = e.organization_id WHERE e.id = ${id} AND ${eventScopeSql(actor)}`,
  );
  if (!e) return null;
  const acts = await rows<{ id: number; title: string; starts_at: string; status: string; region_code: string; vols: number; served: number | null; solved: number | null }>(
    db,
    sql`SELECT a.id, a.title, to_char(a.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS starts_at, a.status::text AS status, a.region_code,
        (SELECT count(*)::int FROM service_records sr WHERE sr.activity_id = a.id AND sr.status = 'verified') AS vols, a.people_served AS served, a.problems_solved AS solved
      FROM activities a WHERE a.event_id = ${id} ORDER BY a.starts_at, a.id`,
  );
  const activities = acts.map((a) => ({
    id: Number(a.id),
    name: a.title,
    startsAt: a.starts_at,
    status: a.status,
    regionCode: a.region_code,
    volunteers: Number(a.vols),
    peopleServed: Number(a.served ?? 0),
    problemsSolved: Number(a.solved ?? 0),
  }));
  return {
    id: Number(e.id),
    name: e.name,
    heldOn: e.held_on,
    regionCode: e.region_code,
    venue: e.venue,
    description: e.description,
    version: Number(e.version),
    organizer: { id: Number(e.org_id), name: e.org_name },
    totals: sumActivities(activities),
    activities,
  };
}

/** Activities the actor may put into an event held in `regionCode`: its district's, not in another event, newest first. */
export async function listAttachableActivities(db: Queryable, actor: Actor, { regionCode }: { regionCode: string }) {
  const r = await rows<{ id: number; title: string; starts_at: string }>(
    db,
    sql`SELECT a.id, a.title, to_char(a.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS starts_at FROM activities a
      WHERE a.region_code LIKE ${scopePattern(regionCode.slice(0, 6))} AND a.region_code LIKE ${scopePattern(actor.scopeCode)}
        AND a.event_id IS NULL AND a.status <> 'cancelled'
      ORDER BY a.starts_at DESC, a.id DESC LIMIT 100`,
  );
  return r.map((x) => ({ id: Number(x.id), title: x.title, startsAt: x.starts_at }));
}

function mayWrite(actor: Actor) {
  if (!["wmb_staff", "street_officer", "org_admin"].includes(actor.role)) throw new DomainError("forbidden", "当前角色不能登记活动");
}

const audit = (tx: Tx, actor: Actor, action: string, id: number, summary?: Record<string, unknown>) =>
  writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action, objectType: "event", objectId: id, summary });

/** Puts activities into an event: each visible to the actor, in the event's district; an unknown one names its index. */
async function attach(tx: Tx, actor: Actor, ev: { id: number; region_code: string }, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const unique = [...new Set(ids)];
  const found = await rows<{ id: number; title: string; region_code: string }>(
    tx,
    sql`SELECT id, title, region_code FROM activities WHERE id = ANY(${`{${unique.join(",")}}`}::int[]) AND region_code LIKE ${scopePattern(actor.scopeCode)} FOR UPDATE`,
  );
  const byId = new Map(found.map((a) => [Number(a.id), a]));
  for (let i = 0; i < ids.length; i++) {
    const a = byId.get(ids[i]!);
    if (!a) throw new DomainError("invalid", `activityIds.${i}：活动 ${ids[i]} 不存在或不在您的权限范围内`, { fields: [`activityIds.${i}`] });
    if (a.region_code.slice(0, 6) !== ev.region_code.slice(0, 6)) {
      throw new DomainError("invalid", `activityIds.${i}：活动「${a.title}」在其他区（市），不能归入本区的活动`, { fields: [`activityIds.${i}`] });
    }
  }
  await tx.execute(sql`UPDATE activities SET event_id = ${ev.id}, version = version + 1 WHERE id = ANY(${`{${unique.join(",")}}`}::int[])`);
  return unique.length;
}

/** `POST /api/v1/events`: the organizer in the actor's scope, the place in its region; activities attached in the same transaction. */
export async function createEvent(db: Db, actor: Actor, input: EventInput & { createdBy?: number }): Promise<Result<{ id: number }>> {
  return inTx(db, async (tx) => {
    mayWrite(actor);
    if (!input.regionCode.startsWith(actor.scopeCode)) throw new DomainError("invalid", "regionCode：举办地须在您的管辖范围内", { fields: ["regionCode"] });
    const [org] = await rows<{ id: number }>(tx, sql`SELECT o.id FROM organizations o WHERE o.id = ${input.organizationId} AND ${orgScopeSql(actor)}`);
    if (!org) throw new DomainError("invalid", "organizationId：主办组织不存在或不在您的权限范围内", { fields: ["organizationId"] });
    const [reg] = await rows<{ code: string }>(tx, sql`SELECT code FROM regions WHERE code = ${input.regionCode}`);
    if (!reg) throw new DomainError("invalid", "regionCode：举办地区域不存在", { fields: ["regionCode"] });
    const [r] = await rows<{ id: number }>(
      tx,
      sql`INSERT INTO events (name, organization_id, region_code, held_on, venue, description, created_by)
        VALUES (${input.name}, ${input.organizationId}, ${input.regionCode}, ${input.heldOn}, ${input.venue || null}, ${input.description || null}, ${actor.id}) RETURNING id`,
    );
    const id = Number(r!.id);
    const n = await attach(tx, actor, { id, region_code: input.regionCode }, input.activityIds ?? []);
    await audit(tx, actor, "event.create", id, { name: input.name, organizationId: input.organizationId, activities: n });
    return { id };
  });
}

/** `PATCH /api/v1/events/{id}/activities {add?, remove?}`: activities join or leave the event. */
export async function changeEventActivities(db: Db, actor: Actor, { id, add = [], remove = [] }: { id: number; add?: number[]; remove?: number[] }): Promise<Result<{ id: number; added: number; removed: number }>> {
  return inTx(db, async (tx) => {
    mayWrite(actor);
    const [ev] = await rows<{ id: number; region_code: string }>(tx, sql`SELECT e.id, e.region_code FROM events e WHERE e.id = ${id} AND ${eventScopeSql(actor)} FOR UPDATE`);
    if (!ev) throw new DomainError("not_found", NOT_FOUND);
    const added = await attach(tx, actor, { id: Number(ev.id), region_code: ev.region_code }, add);
    let removed = 0;
    if (remove.length > 0) {
      const r = await rows<{ id: number }>(
        tx,
        sql`UPDATE activities SET event_id = NULL, version = version + 1 WHERE event_id = ${id} AND id = ANY(${`{${[...new Set(remove)].join(",")}}`}::int[]) RETURNING id`,
      );
      removed = r.length;
    }
    await audit(tx, actor, "event.activities", id, { add, remove });
    return { id, added, removed };
  });
}
