import { sql } from "drizzle-orm";
import { bigserial, date, index, integer, numeric, pgTable, pgView, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * Pre-aggregated figures for the cockpit (docs/metrics.md), kept at every region level — community
 * (12-digit code), street (9), district (6), city (4) — and two time grains ('day', 'month': period
 * = first day of the month), per sector ('' where a metric has no sector, and for the all-sector
 * active-volunteer series). A view reads the rows of its children's level: the city reads district
 * rows, a district street rows, a street community rows.
 *
 * The stored rows are `rollup_levels`; readers read the view `rollups` (below).
 * Writers never update these rows (that would make the city × day row a lock every write of the
 * city waits on). A write appends its change to `rollup_deltas` in its own transaction; the folder
 * (lib/metrics/rollup.ts `foldRollups`) moves committed deltas into these rows a few seconds later,
 * and a read adds the not-yet-folded deltas under its region, so figures are exact at every moment.
 */
const metricColumns = () => ({
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
  /**
   * Active volunteers as a running sum: +1 on the day a volunteer's run of activity starts (a
   * verified service day with none in the 30 days before), −1 on the day it lapses. The number
   * active on day D = Σ active_delta over every day ≤ D.
   */
  activeDelta: integer("active_delta").notNull().default(0),
  /**
   * Rectification tasks as running sums (migration 0010, lib/metrics/task-rollup.ts): each task adds
   * +1/−1 on the days its state as of a date changes, so the figure as of day D = Σ over days ≤ D.
   * Written by a trigger on rectification_tasks, so every path that changes a task keeps them.
   */
  tasksReported: integer("tasks_reported").notNull().default(0),
  tasksClosed: integer("tasks_closed").notNull().default(0),
  tasksOverdue: integer("tasks_overdue").notNull().default(0),
  tasksEscalated: integer("tasks_escalated").notNull().default(0),
  tasksDue: integer("tasks_due").notNull().default(0),
  tasksOnTime: integer("tasks_on_time").notNull().default(0),
  /** Tasks in each open status now (Σ over all days); closed ones are `tasks_closed`. */
  stReported: integer("st_reported").notNull().default(0),
  stAssigned: integer("st_assigned").notNull().default(0),
  stInProgress: integer("st_in_progress").notNull().default(0),
  stSubmitted: integer("st_submitted").notNull().default(0),
  stReturned: integer("st_returned").notNull().default(0),
});

export const rollupLevels = pgTable(
  "rollup_levels",
  {
    regionCode: text("region_code").notNull(),
    grain: text("grain").notNull(), // 'day' | 'month'
    period: date("period").notNull(),
    sector: text("sector").notNull().default(""),
    ...metricColumns(),
  },
  (t) => [
    primaryKey({ name: "rollups_region_code_grain_period_sector_pk", columns: [t.regionCode, t.grain, t.period, t.sector] }),
    // A view reads its children's level for a period: grain, level, period.
    index("rollups_grain_level_period_idx").on(t.grain, sql`length(${t.regionCode})`, t.period),
    index("rollups_region_prefix_idx").using("btree", sql`${t.regionCode} text_pattern_ops`, t.grain, t.period),
    // A view's read: its children's level under its own code (e.g. the street rows of one
    // district) for a period — one index range instead of intersecting the two above.
    index("rollup_levels_child_rows_idx").using("btree", t.grain, sql`length(${t.regionCode})`, sql`${t.regionCode} text_pattern_ops`, t.period),
  ],
);

/**
 * Changes not yet folded into `rollups`: insert-only, one row per rolled-up change, at community
 * level and day grain. Small at any moment (what the writes of the last fold interval added).
 */
export const rollupDeltas = pgTable(
  "rollup_deltas",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    communityCode: text("community_code").notNull(),
    day: date("day").notNull(),
    sector: text("sector").notNull().default(""),
    ...metricColumns(),
  },
  (t) => [index("rollup_deltas_prefix_idx").using("btree", sql`${t.communityCode} text_pattern_ops`, t.day)],
);

/**
 * What every reader reads (migration 0009): `rollup_levels` plus the unfolded deltas spread to all
 * four levels and both grains, summed per (region_code, grain, period, sector) — exact at every
 * moment. A filter on region_code / grain / period / sector reaches both tables' indexes.
 */
export const rollups = pgView("rollups", {
  regionCode: text("region_code").notNull(),
  grain: text("grain").notNull(),
  period: date("period").notNull(),
  sector: text("sector").notNull(),
  ...metricColumns(),
}).existing();

export type RollupRow = typeof rollupLevels.$inferSelect;
