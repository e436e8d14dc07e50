import { sql } from "drizzle-orm";
import { check, date, index, integer, numeric, pgTable, primaryKey, serial, text, timestamp, bigserial } from "drizzle-orm/pg-core";
import { activityStatus, sector, serviceStatus } from "./enums";
import { regions } from "./regions";
import { organizations, projects } from "./organizations";
import { volunteers } from "./volunteers";
import { users } from "./users";
import { events } from "./events";

export const activities = pgTable(
  "activities",
  {
    id: serial("id").primaryKey(),
    title: text("title").notNull(),
    projectId: integer("project_id").references(() => projects.id),
    organizationId: integer("organization_id").notNull().references(() => organizations.id),
    sector: sector("sector").notNull(),
    /** The community (or street) where it takes place. */
    regionCode: text("region_code").notNull().references(() => regions.code),
    address: text("address"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    capacity: integer("capacity").notNull(),
    requirements: text("requirements"),
    status: activityStatus("status").notNull().default("open"),
    /** Outcome recorded after the activity: 服务人次 and 解决问题数. */
    peopleServed: integer("people_served"),
    problemsSolved: integer("problems_solved"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Optimistic concurrency for edits, check-in closing and outcome recording. */
    version: integer("version").notNull().default(1),
    /** The event it belongs to (issue 19), if any: the event's totals are sums over its activities. */
    eventId: integer("event_id").references(() => events.id),
  },
  (t) => [
    index("activities_region_idx").using("btree", sql`${t.regionCode} text_pattern_ops`),
    index("activities_starts_idx").on(t.startsAt),
    index("activities_org_idx").on(t.organizationId),
    index("activities_event_idx").on(t.eventId),
    check("activities_span", sql`${t.endsAt} > ${t.startsAt}`),
    check("activities_capacity_pos", sql`${t.capacity} > 0`),
    check("activities_served_nonneg", sql`${t.peopleServed} IS NULL OR ${t.peopleServed} >= 0`),
    check("activities_solved_nonneg", sql`${t.problemsSolved} IS NULL OR ${t.problemsSolved} >= 0`),
  ],
);

export const enrolments = pgTable(
  "enrolments",
  {
    activityId: integer("activity_id").notNull().references(() => activities.id, { onDelete: "cascade" }),
    volunteerId: integer("volunteer_id").notNull().references(() => volunteers.id),
    enrolledAt: timestamp("enrolled_at", { withTimezone: true }).notNull().defaultNow(),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    status: text("status").notNull().default("enrolled"), // enrolled | cancelled
  },
  (t) => [primaryKey({ columns: [t.activityId, t.volunteerId] }), index("enrolments_volunteer_idx").on(t.volunteerId)],
);

/**
 * One service record = volunteer × activity (or demand) × hours. Only `verified` rows count anywhere.
 * `community_code` is the volunteer's home community when the record was entered, so hours roll up
 * the same tree as registrations; `sector` comes from the activity.
 */
export const serviceRecords = pgTable(
  "service_records",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    volunteerId: integer("volunteer_id").notNull().references(() => volunteers.id),
    activityId: integer("activity_id").references(() => activities.id),
    demandId: integer("demand_id"),
    organizationId: integer("organization_id").references(() => organizations.id),
    communityCode: text("community_code").notNull().references(() => regions.code),
    sector: sector("sector").notNull(),
    serviceDate: date("service_date").notNull(),
    hours: numeric("hours", { precision: 6, scale: 2 }).notNull(),
    status: serviceStatus("status").notNull().default("pending"),
    enteredBy: integer("entered_by").references(() => users.id),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: integer("reviewed_by").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    rejectReason: text("reject_reason"),
    /** Why hours were entered for a volunteer who never checked in to the activity (shown to the reviewer). */
    noCheckInReason: text("no_checkin_reason"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("service_records_community_idx").using("btree", sql`${t.communityCode} text_pattern_ops`),
    index("service_records_volunteer_idx").on(t.volunteerId, t.status),
    // Covers "distinct volunteers with a verified record in a window" without touching the table.
    index("service_records_active_idx").on(t.status, t.serviceDate, t.communityCode, t.volunteerId),
    index("service_records_activity_idx").on(t.activityId),
    index("service_records_org_idx").on(t.organizationId, t.status),
    check("service_records_hours_pos", sql`${t.hours} > 0 AND ${t.hours} <= 24`),
    check("service_records_reject_reason", sql`${t.status} <> 'rejected' OR ${t.rejectReason} IS NOT NULL`),
  ],
);

export type Activity = typeof activities.$inferSelect;
export type ServiceRecord = typeof serviceRecords.$inferSelect;
export type NewServiceRecord = typeof serviceRecords.$inferInsert;
