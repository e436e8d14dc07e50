import { sql } from "drizzle-orm";
import { date, index, integer, numeric, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * Daily rollup per community × day × sector ('' where a metric has no sector). Every write that
 * changes one of these figures (verifying an hour, registering a volunteer, redeeming points, …)
 * adds its delta here in the same transaction, so the cockpit never scans raw records and never
 * shows a stale figure. `lib/metrics` holds the raw-table definitions the rollups are tested against.
 */
export const rollupDaily = pgTable(
  "rollup_daily",
  {
    day: date("day").notNull(),
    communityCode: text("community_code").notNull(),
    sector: text("sector").notNull().default(""),
    newVolunteers: integer("new_volunteers").notNull().default(0),
    verifiedHours: numeric("verified_hours", { precision: 14, scale: 2 }).notNull().default("0"),
    verifiedRecords: integer("verified_records").notNull().default(0),
    peopleServed: integer("people_served").notNull().default(0),
    activitiesHeld: integer("activities_held").notNull().default(0),
    pointsIssued: integer("points_issued").notNull().default(0),
    pointsRedeemed: integer("points_redeemed").notNull().default(0),
    demandsReceived: integer("demands_received").notNull().default(0),
    demandsCompleted: integer("demands_completed").notNull().default(0),
    ratingSum: integer("rating_sum").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.communityCode, t.day, t.sector] }),
    index("rollup_daily_day_idx").on(t.day),
    index("rollup_daily_community_idx").using("btree", sql`${t.communityCode} text_pattern_ops`),
  ],
);

export type RollupDaily = typeof rollupDaily.$inferSelect;
