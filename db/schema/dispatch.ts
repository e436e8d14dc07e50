import { sql } from "drizzle-orm";
import { bigserial, boolean, check, doublePrecision, index, integer, pgTable, primaryKey, serial, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { demandCategory, demandState } from "./enums";
import { organizations } from "./organizations";
import { regions } from "./regions";
import { users } from "./users";
import { volunteers } from "./volunteers";

/** A need posted for volunteer help (网约: 点单 → 派单 → 接单 → 评单 → 奖单). */
export const demands = pgTable(
  "demands",
  {
    id: serial("id").primaryKey(),
    reference: text("reference").notNull().unique(),
    category: demandCategory("category").notNull(),
    /** Who asks: individual | unit (单位) | community (lib/dispatch/categories.ts#REQUESTER_TYPES). */
    requesterType: text("requester_type").notNull().default("individual"),
    description: text("description").notNull(),
    communityCode: text("community_code").notNull().references(() => regions.code),
    address: text("address"),
    contactName: text("contact_name").notNull(),
    contactPhoneEnc: text("contact_phone_enc").notNull(),
    contactPhoneHash: text("contact_phone_hash").notNull(),
    contactPhoneLast4: text("contact_phone_last4").notNull(),
    preferredTime: timestamp("preferred_time", { withTimezone: true }),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    source: text("source").notNull().default("public"), // public | phone | staff
    state: demandState("state").notNull().default("posted"),
    teamId: integer("team_id").references(() => organizations.id),
    peopleServed: integer("people_served").notNull().default(1),
    rating: smallint("rating"),
    ratingComment: text("rating_comment"),
    postedAt: timestamp("posted_at", { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    ratedAt: timestamp("rated_at", { withTimezone: true }),
    rewardedAt: timestamp("rewarded_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /** Staff who entered a need received by phone (null for the public page). */
    enteredBy: integer("entered_by").references(() => users.id),
    /** Open to nearby teams to claim themselves (抢单) instead of waiting to be dispatched. */
    openForGrab: boolean("open_for_grab").notNull().default(false),
    completionNote: text("completion_note"),
    completionPhoto: text("completion_photo"),
    /** requester (follow-up page) | phone (recorded by staff) */
    ratingSource: text("rating_source"),
    cancelReason: text("cancel_reason"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("demands_community_idx").using("btree", sql`${t.communityCode} text_pattern_ops`),
    index("demands_state_idx").on(t.state),
    index("demands_posted_idx").on(t.postedAt),
    index("demands_team_idx").on(t.teamId),
    check("demands_rating_range", sql`${t.rating} IS NULL OR ${t.rating} BETWEEN 1 AND 5`),
    check("demands_requester_type", sql`${t.requesterType} IN ('individual', 'unit', 'community')`),
    check("demands_served_nonneg", sql`${t.peopleServed} >= 0`),
  ],
);

export const demandEvents = pgTable(
  "demand_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    demandId: integer("demand_id").notNull().references(() => demands.id, { onDelete: "cascade" }),
    fromState: demandState("from_state"),
    toState: demandState("to_state").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    teamId: integer("team_id").references(() => organizations.id),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("demand_events_demand_idx").on(t.demandId)],
);

/** The volunteers a team sends for a need (named when accepting); they are the ones rewarded. */
export const demandAssignees = pgTable(
  "demand_assignees",
  {
    demandId: integer("demand_id").notNull().references(() => demands.id, { onDelete: "cascade" }),
    volunteerId: integer("volunteer_id").notNull().references(() => volunteers.id),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.demandId, t.volunteerId] }), index("demand_assignees_volunteer_idx").on(t.volunteerId)],
);

export type Demand = typeof demands.$inferSelect;
