import { sql } from "drizzle-orm";
import { bigserial, check, date, index, integer, numeric, pgTable, primaryKey, serial, text, timestamp } from "drizzle-orm/pg-core";
import { taskStatus, taskType } from "./enums";
import { regions } from "./regions";
import { users } from "./users";

/** A hundred-day campaign (百日攻坚行动). */
export const campaigns = pgTable(
  "campaigns",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    regionCode: text("region_code").notNull().references(() => regions.code),
    startDate: date("start_date").notNull(),
    days: integer("days").notNull().default(100),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("campaigns_days_pos", sql`${t.days} > 0`)],
);

/** Targets per region (district or street) for a campaign. Shares and rates are fractions 0–1. */
export const campaignTargets = pgTable(
  "campaign_targets",
  {
    campaignId: integer("campaign_id").notNull().references(() => campaigns.id, { onDelete: "cascade" }),
    regionCode: text("region_code").notNull().references(() => regions.code),
    registrationShare: numeric("registration_share", { precision: 5, scale: 4 }).notNull(),
    verifiedHours: numeric("verified_hours", { precision: 14, scale: 2 }).notNull(),
    closureRate: numeric("closure_rate", { precision: 5, scale: 4 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.regionCode] }),
    check("campaign_targets_share_range", sql`${t.registrationShare} BETWEEN 0 AND 1`),
    check("campaign_targets_rate_range", sql`${t.closureRate} BETWEEN 0 AND 1`),
  ],
);

/** A rectification task (整改任务) found at a point (点位). */
export const rectificationTasks = pgTable(
  "rectification_tasks",
  {
    id: serial("id").primaryKey(),
    /** Stable key of the problem (import key), so re-importing a list creates nothing new. */
    problemKey: text("problem_key").notNull().unique(),
    campaignId: integer("campaign_id").references(() => campaigns.id),
    type: taskType("type").notNull(),
    pointName: text("point_name").notNull(),
    address: text("address"),
    description: text("description").notNull(),
    streetCode: text("street_code").notNull().references(() => regions.code),
    communityCode: text("community_code").notNull().references(() => regions.code),
    responsibleUnit: text("responsible_unit"),
    status: taskStatus("status").notNull().default("reported"),
    deadline: date("deadline").notNull(),
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull().defaultNow(),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdBy: integer("created_by").references(() => users.id),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    source: text("source").notNull().default("manual"), // manual | import | seed
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("tasks_street_idx").using("btree", sql`${t.streetCode} text_pattern_ops`),
    index("tasks_status_deadline_idx").on(t.status, t.deadline),
    index("tasks_reported_idx").on(t.reportedAt),
    check("tasks_closed_has_time", sql`${t.status} <> 'closed' OR ${t.closedAt} IS NOT NULL`),
  ],
);

export const taskEvents = pgTable(
  "task_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    taskId: integer("task_id").notNull().references(() => rectificationTasks.id, { onDelete: "cascade" }),
    kind: text("kind").notNull().default("transition"), // transition | reassign | extend | edit
    fromStatus: taskStatus("from_status"),
    toStatus: taskStatus("to_status"),
    actorUserId: integer("actor_user_id").references(() => users.id),
    note: text("note"),
    detail: text("detail"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("task_events_task_idx").on(t.taskId)],
);

export const taskPhotos = pgTable(
  "task_photos",
  {
    id: serial("id").primaryKey(),
    taskId: integer("task_id").references(() => rectificationTasks.id, { onDelete: "cascade" }),
    eventId: integer("event_id"),
    phase: text("phase").notNull(), // before | after
    storedName: text("stored_name").notNull().unique(),
    mime: text("mime").notNull(),
    bytes: integer("bytes").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("task_photos_task_idx").on(t.taskId), check("task_photos_size", sql`${t.bytes} > 0 AND ${t.bytes} <= 10485760`)],
);

export type RectificationTask = typeof rectificationTasks.$inferSelect;
