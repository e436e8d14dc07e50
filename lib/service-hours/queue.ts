import "server-only";
/**
 * 工时审核 queue: the pending records a reviewer may decide (reviewReach — organizations supervised
 * under the reviewer's scope), oldest first, paged, filterable by activity, organization and service
 * date. The filter choices are the activities and organizations that have pending records in reach,
 * so every choice leads to at least one row.
 *
 *   const q = await getHoursReviewQueue(db, actor, { page: 2, organizationId: 17, from: "2026-11-01" });
 */
import { and, asc, count, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { activities, organizations, serviceRecords, volunteers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { reviewReach } from "./review";

export const QUEUE_PAGE_SIZE = 50;

export interface QueueFilter {
  activityId?: number;
  organizationId?: number;
  /** Service date from / to, YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
}

export interface QueueRow {
  id: number;
  version: number;
  volunteerId: number;
  volunteerName: string;
  volunteerNo: string;
  activityId: number | null;
  activityTitle: string | null;
  demandId: number | null;
  organizationName: string | null;
  serviceDate: string;
  hours: number;
  enteredAt: Date;
  /** Set when the volunteer never checked in: why the hours were entered anyway. */
  noCheckInReason: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Query-string values → a filter (bad values are dropped, never trusted). */
export function parseQueueFilter(q: Record<string, string | undefined>): QueueFilter & { page: number } {
  const id = (s?: string) => (s && /^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : undefined);
  const day = (s?: string) => (s && DAY.test(s) ? s : undefined);
  const page = id(q.page) ?? 1;
  return { activityId: id(q.activity), organizationId: id(q.org), from: day(q.from), to: day(q.to), page };
}

function whereOf(actor: Actor, f: QueueFilter): SQL {
  return and(
    eq(serviceRecords.status, "pending"),
    reviewReach(actor),
    f.activityId ? eq(serviceRecords.activityId, f.activityId) : undefined,
    f.organizationId ? eq(serviceRecords.organizationId, f.organizationId) : undefined,
    f.from ? gte(serviceRecords.serviceDate, f.from) : undefined,
    f.to ? lte(serviceRecords.serviceDate, f.to) : undefined,
  )!;
}

export async function getHoursReviewQueue(db: Queryable, actor: Actor, input: QueueFilter & { page?: number; pageSize?: number }) {
  const pageSize = input.pageSize ?? QUEUE_PAGE_SIZE;
  const where = whereOf(actor, input);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(serviceRecords).where(where);
  const total = Number(n);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  const items = await db
    .select({
      id: serviceRecords.id,
      version: serviceRecords.version,
      volunteerId: serviceRecords.volunteerId,
      volunteerName: volunteers.name,
      volunteerNo: volunteers.volunteerNo,
      activityId: serviceRecords.activityId,
      activityTitle: activities.title,
      demandId: serviceRecords.demandId,
      organizationName: organizations.name,
      serviceDate: serviceRecords.serviceDate,
      hours: sql<number>`${serviceRecords.hours}::float8`,
      enteredAt: serviceRecords.enteredAt,
      noCheckInReason: serviceRecords.noCheckInReason,
    })
    .from(serviceRecords)
    .innerJoin(volunteers, eq(volunteers.id, serviceRecords.volunteerId))
    .leftJoin(activities, eq(activities.id, serviceRecords.activityId))
    .leftJoin(organizations, eq(organizations.id, serviceRecords.organizationId))
    .where(where)
    .orderBy(asc(serviceRecords.enteredAt), asc(serviceRecords.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: items.map((i) => ({ ...i, hours: Number(i.hours) })) as QueueRow[], total, page, pageCount, pageSize };
}

/** The activities and organizations that have pending records in the reviewer's reach (the filter choices), with their counts. */
export async function getHoursQueueChoices(db: Queryable, actor: Actor) {
  const where = whereOf(actor, {});
  const [acts, orgs] = await Promise.all([
    db
      .select({ id: activities.id, title: activities.title, n: count() })
      .from(serviceRecords)
      .innerJoin(activities, eq(activities.id, serviceRecords.activityId))
      .where(where)
      .groupBy(activities.id, activities.title)
      .orderBy(asc(activities.title), asc(activities.id))
      .limit(500),
    db
      .select({ id: organizations.id, name: organizations.name, n: count() })
      .from(serviceRecords)
      .innerJoin(organizations, eq(organizations.id, serviceRecords.organizationId))
      .where(where)
      .groupBy(organizations.id, organizations.name)
      .orderBy(asc(organizations.name), asc(organizations.id))
      .limit(500),
  ]);
  return {
    activities: acts.map((a) => ({ value: a.id, label: `${a.title}（${Number(a.n)}）` })),
    organizations: orgs.map((o) => ({ value: o.id, label: `${o.name}（${Number(o.n)}）` })),
  };
}
