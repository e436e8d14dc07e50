import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, serial, smallint, text, timestamp, unique } from "drizzle-orm/pg-core";
import { regions } from "./regions";
import { users } from "./users";
import { volunteers } from "./volunteers";

/**
 * 道德积分 rules for 公益行为, set by 文明办 (city or district). Versioned: a change is a new row with
 * the same `rule_key` and `version + 1` (the previous version is closed); a row is never edited in
 * place, so every award keeps the rule it was judged under. `yearly_cap` bounds the points one
 * person may receive under a rule (all its versions) in a calendar year.
 */
export const moralRules = pgTable(
  "moral_rules",
  {
    id: serial("id").primaryKey(),
    ruleKey: text("rule_key").notNull(),
    version: integer("version").notNull().default(1),
    name: text("name").notNull(),
    /** blood_donation | heroism | waste_sorting | civility | building_lead | other */
    category: text("category").notNull(),
    points: integer("points").notNull(),
    yearlyCap: integer("yearly_cap").notNull(),
    /** What a proposal must carry: "note", "photo". */
    evidence: text("evidence").array().notNull().default(sql`'{note}'::text[]`),
    /** Roles that may propose: street_officer, org_admin. */
    proposerRoles: text("proposer_roles").array().notNull(),
    /** Who approves: "district" (district or city 文明办) or "city" (city 文明办 only). */
    approverLevel: text("approver_level").notNull(),
    /** The 文明办 that made it (its scope): the rule applies to volunteers under this code. */
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    activeFrom: date("active_from").notNull(),
    activeTo: date("active_to"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("moral_rules_key_version").on(t.ruleKey, t.version),
    index("moral_rules_region_idx").using("btree", sql`${t.regionCode} text_pattern_ops`),
    check("moral_rules_points_pos", sql`${t.points} > 0 AND ${t.yearlyCap} >= ${t.points}`),
    check("moral_rules_approver", sql`${t.approverLevel} IN ('district', 'city')`),
    check("moral_rules_category", sql`${t.category} IN ('blood_donation', 'heroism', 'waste_sorting', 'civility', 'building_lead', 'other')`),
    check("moral_rules_dates", sql`${t.activeTo} IS NULL OR ${t.activeTo} >= ${t.activeFrom}`),
  ],
);

/**
 * A proposed 道德积分 award for a volunteer: pending → approved (a `moral` ledger entry through
 * postPoints, the cap checked in the same transaction) | rejected (reason); approved → reversed
 * (reason, a negative `moral` entry). `points` and `year` are fixed at proposal.
 */
export const moralAwards = pgTable(
  "moral_awards",
  {
    id: serial("id").primaryKey(),
    ruleId: integer("rule_id")
      .notNull()
      .references(() => moralRules.id),
    ruleKey: text("rule_key").notNull(),
    volunteerId: integer("volunteer_id")
      .notNull()
      .references(() => volunteers.id),
    communityCode: text("community_code")
      .notNull()
      .references(() => regions.code),
    points: integer("points").notNull(),
    year: smallint("year").notNull(),
    note: text("note").notNull(),
    photoIds: integer("photo_ids").array().notNull().default(sql`'{}'::integer[]`),
    status: text("status").notNull().default("pending"),
    proposedBy: integer("proposed_by").references(() => users.id),
    proposedAt: timestamp("proposed_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    rejectReason: text("reject_reason"),
    reversedBy: integer("reversed_by").references(() => users.id),
    reversedAt: timestamp("reversed_at", { withTimezone: true }),
    reverseReason: text("reverse_reason"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("moral_awards_volunteer_idx").on(t.volunteerId, t.ruleKey, t.year, t.status),
    index("moral_awards_community_idx").using("btree", sql`${t.communityCode} text_pattern_ops`),
    check("moral_awards_status", sql`${t.status} IN ('pending', 'approved', 'rejected', 'reversed')`),
    check("moral_awards_reject_reason", sql`${t.status} <> 'rejected' OR ${t.rejectReason} IS NOT NULL`),
    check("moral_awards_points_pos", sql`${t.points} > 0`),
  ],
);

export type MoralRule = typeof moralRules.$inferSelect;
export type MoralAward = typeof moralAwards.$inferSelect;
