import "server-only";
/**
 * Reads for the activity pages and API. The scope is in every WHERE: an activity is visible when its
 * place lies under the user's scope (org admins: their organization's activities only).
 */
import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import { type Queryable, rows } from "@/db/client";
import { activities, organizations, projects, regions, volunteers } from "@/db/schema";
import { TZ } from "@/lib/metrics/rollup";
import type { Actor } from "@/lib/auth/actor";
import { scopePattern } from "@/lib/auth/rules";
import { volunteerScopeSql } from "@/lib/auth/scope";
import { activityReach } from "@/lib/service-hours/entry";
import { spanHours } from "@/lib/service-hours/rules";

export const PAGE_SIZE = 20;

export interface ActivityRow {
  id: number;
  title: string;
  sector: string;
  status: string;
  regionCode: string;
  regionName: string;
  streetName: string;
  address: string | null;
  organizationId: number;
  organizationName: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  enrolled: number;
  checkedIn: number;
  peopleServed: number | null;
  problemsSolved: number | null;
}

export async function listActivities(db: Queryable, actor: Actor, f: { street?: string; from?: string; to?: string; status?: string; page?: number }) {
  const conds = [activityReach(actor)];
  if (f.street) conds.push(sql`${activities.regionCode} LIKE ${scopePattern(f.street)}`);
  if (f.from) conds.push(gte(sql`(${activities.startsAt} AT TIME ZONE ${TZ})::date`, sql`${f.from}::date`));
  if (f.to) conds.push(lte(sql`(${activities.startsAt} AT TIME ZONE ${TZ})::date`, sql`${f.to}::date`));
  if (f.status) conds.push(sql`${activities.status} = ${f.status}`);
  const where = and(...conds);
  const page = Math.max(1, f.page ?? 1);
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(activities).where(where);
  const items = await db
    .select({
      id: activities.id,
      title: activities.title,
      sector: activities.sector,
      status: activities.status,
      regionCode: activities.regionCode,
      regionName: regions.name,
      streetName: sql<string>`(SELECT s.name FROM regions s WHERE s.code = left("activities"."region_code", 9))`,
      address: activities.address,
      organizationId: activities.organizationId,
      organizationName: organizations.name,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      capacity: activities.capacity,
      enrolled: sql<number>`(SELECT count(*)::int FROM enrolments e WHERE e.activity_id = "activities"."id" AND e.status = 'enrolled')`,
      checkedIn: sql<number>`(SELECT count(*)::int FROM enrolments e WHERE e.activity_id = "activities"."id" AND e.status = 'enrolled' AND e.checked_in_at IS NOT NULL)`,
      peopleServed: activities.peopleServed,
      problemsSolved: activities.problemsSolved,
    })
    .from(activities)
    .innerJoin(regions, eq(regions.code, activities.regionCode))
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .where(where)
    .orderBy(desc(activities.startsAt), desc(activities.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return { items: items as ActivityRow[], total: Number(n), page, pageCount: Math.max(1, Math.ceil(Number(n) / PAGE_SIZE)) };
}

export interface EnrolmentRow {
  volunteerId: number;
  name: string;
  volunteerNo: string;
  phoneLast4: string;
  starLevel: number;
  verifiedHours: number;
  checkedInAt: Date | null;
  recordId: number | null;
  recordHours: number | null;
  recordStatus: string | null;
  rejectReason: string | null;
}

export async function getActivity(db: Queryable, actor: Actor, { id }: { id: number }) {
  const [a] = await db
    .select({
      a: activities,
      regionName: regions.name,
      organizationName: organizations.name,
      supervisorCode: organizations.supervisorCode,
      projectName: projects.name,
    })
    .from(activities)
    .innerJoin(regions, eq(regions.code, activities.regionCode))
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .leftJoin(projects, eq(projects.id, activities.projectId))
    .where(and(eq(activities.id, id), activityReach(actor)))
    .limit(1);
  if (!a) return null;
  const people = await rows<{ volunteer_id: number; name: string; volunteer_no: string; phone_last4: string; star_level: number; verified_hours: string; checked_in_at: Date | string | null; record_id: number | null; record_hours: string | null; record_status: string | null; reject_reason: string | null }>(
    db,
    sql`SELECT v.id AS volunteer_id, v.name, v.volunteer_no, v.phone_last4, v.star_level, v.verified_hours, e.checked_in_at,
               r.id AS record_id, r.hours AS record_hours, r.status AS record_status, r.reject_reason
        FROM enrolments e JOIN volunteers v ON v.id = e.volunteer_id
        LEFT JOIN LATERAL (SELECT id, hours, status, reject_reason FROM service_records s WHERE s.activity_id = e.activity_id AND s.volunteer_id = e.volunteer_id ORDER BY (s.status = 'rejected'), s.id DESC LIMIT 1) r ON true
        WHERE e.activity_id = ${id} AND e.status = 'enrolled' ORDER BY e.enrolled_at, v.id`,
  );
  const street = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, a.a.regionCode.slice(0, 9))).limit(1);
  return {
    ...a.a,
    regionName: a.regionName,
    streetName: street[0]?.name ?? "",
    organizationName: a.organizationName,
    supervisorCode: a.supervisorCode,
    projectName: a.projectName,
    spanHours: spanHours(a.a.startsAt, a.a.endsAt),
    enrolments: people.map(
      (p): EnrolmentRow => ({
        volunteerId: Number(p.volunteer_id),
        name: p.name,
        volunteerNo: p.volunteer_no,
        phoneLast4: p.phone_last4,
        starLevel: Number(p.star_level),
        verifiedHours: Number(p.verified_hours),
        checkedInAt: p.checked_in_at ? new Date(p.checked_in_at) : null,
        recordId: p.record_id === null ? null : Number(p.record_id),
        recordHours: p.record_hours === null ? null : Number(p.record_hours),
        recordStatus: p.record_status,
        rejectReason: p.reject_reason,
      }),
    ),
  };
}
export type ActivityDetail = NonNullable<Awaited<ReturnType<typeof getActivity>>>;

/** Volunteers to enrol: by name, volunteer number or phone last 4, among those the actor may act on. */
export async function searchVolunteers(db: Queryable, actor: Actor, { q }: { q: string }) {
  const term = q.trim();
  if (term.length < 1) return [];
  return db
    .select({ id: volunteers.id, name: volunteers.name, volunteerNo: volunteers.volunteerNo, phoneLast4: volunteers.phoneLast4, communityName: regions.name })
    .from(volunteers)
    .innerJoin(regions, eq(regions.code, volunteers.communityCode))
    .where(
      and(
        volunteerScopeSql(actor, `"volunteers"`),
        eq(volunteers.status, "active"),
        /^\d{4}$/.test(term) ? eq(volunteers.phoneLast4, term) : sql`(${volunteers.name} LIKE ${`${term}%`} OR ${volunteers.volunteerNo} = ${term})`,
      ),
    )
    .orderBy(asc(volunteers.name), asc(volunteers.id))
    .limit(20);
}

/** The form's choices: communities under the scope, organizations (staff) and projects. */
export async function activityFormOptions(db: Queryable, actor: Actor) {
  const communities = await db
    .select({ code: regions.code, name: regions.name, street: sql<string>`(SELECT s.name FROM regions s WHERE s.code = left("regions"."code", 9))` })
    .from(regions)
    .where(and(eq(regions.level, "community"), sql`${regions.code} LIKE ${scopePattern(actor.scopeCode)}`))
    .orderBy(asc(regions.code))
    .limit(2000);
  const orgs =
    actor.role === "org_admin"
      ? await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, actor.organizationId ?? -1))
      : await db
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .where(sql`${organizations.regionCode} LIKE ${scopePattern(actor.scopeCode)} OR ${organizations.supervisorCode} LIKE ${scopePattern(actor.scopeCode)}`)
          .orderBy(asc(organizations.id))
          .limit(500);
  const projs = await db
    .select({ id: projects.id, name: projects.name, sector: projects.sector, organizationId: projects.organizationId })
    .from(projects)
    .where(and(sql`${projects.organizationId} IN (${sql.join(orgs.length ? orgs.map((o) => sql`${o.id}`) : [sql`-1`], sql`, `)})`, sql`${projects.status} <> 'closed'`))
    .orderBy(asc(projects.name))
    .limit(500);
  return { communities, orgs, projects: projs };
}

/** Public 找活动: open activities in a street that have not ended, with free places. No personal data. */
export async function publicOpenActivities(db: Queryable, { streetCode, now }: { streetCode: string; now: Date }) {
  if (!/^\d{9}$/.test(streetCode)) return [];
  const r = await db
    .select({
      id: activities.id,
      title: activities.title,
      sector: activities.sector,
      regionName: regions.name,
      address: activities.address,
      organizationName: organizations.name,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      capacity: activities.capacity,
      requirements: activities.requirements,
      enrolled: sql<number>`(SELECT count(*)::int FROM enrolments e WHERE e.activity_id = "activities"."id" AND e.status = 'enrolled')`,
    })
    .from(activities)
    .innerJoin(regions, eq(regions.code, activities.regionCode))
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .where(and(sql`${activities.regionCode} LIKE ${scopePattern(streetCode)}`, eq(activities.status, "open"), gte(activities.endsAt, now)))
    .orderBy(asc(activities.startsAt))
    .limit(50);
  return r.map((x) => ({ ...x, enrolled: Number(x.enrolled) }));
}

/** Streets (for the public picker): every street of the city with its district name. */
export async function publicStreets(db: Queryable) {
  return db
    .select({ code: regions.code, name: regions.name, district: sql<string>`(SELECT d.name FROM regions d WHERE d.code = left("regions"."code", 6))` })
    .from(regions)
    .where(eq(regions.level, "street"))
    .orderBy(asc(regions.code));
}

