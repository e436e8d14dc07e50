import { sql } from "drizzle-orm";
import { date, index, integer, numeric, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * Pre-aggregated figures for the cockpit, at two region grains (community: 12-digit code, street:
 * 9-digit code) and two time grains ('day', 'month': period = first day of the month), per sector
 * ('' where a metric has no sector). Every write that changes one of these figures (verifying an
 * hour, registering a volunteer, redeeming points, …) adds the same delta to all four rows in the
 * same transaction (lib/metrics/rollup.ts), so the cockpit never scans raw records and is never
 * stale. A range [from, to] reads month rows for the whole months inside it and day rows for the
 * rest; the city and district views read street rows, a street's view reads community rows.
 */
export const rollups = pgTable(
  "rollups",
  {
    regionCode: text("region_code").notNull(),
    grain: text("grain").notNull(), // 'day' | 'month'
    period: date("period").notNull(),
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
    primaryKey({ columns: [t.regionCode, t.grain, t.period, t.sector] }),
    // City and district views read street rows (length 9) for a period: grain, level, period.
    index("rollups_grain_level_period_idx").on(t.grain, sql`length(${t.regionCode})`, t.period),
    index("rollups_region_prefix_idx").using("btree", sql`${t.regionCode} text_pattern_ops`, t.grain, t.period),
  ],
);

export type RollupRow = typeof rollups.$inferSelect;
