import { bigserial, index, integer, jsonb, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { auditOutcome } from "./enums";
import { regions } from "./regions";
import { users } from "./users";

/**
 * Append-only audit trail. Each entry's `hash` = SHA-256(prev_hash ‖ canonical entry), so editing or
 * deleting any row breaks the chain from that row on. On PostgreSQL a trigger refuses UPDATE/DELETE.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: integer("user_id"),
    username: text("username"),
    role: text("role"),
    ip: text("ip"),
    action: text("action").notNull(),
    objectType: text("object_type"),
    objectId: text("object_id"),
    outcome: auditOutcome("outcome").notNull(),
    summary: jsonb("summary"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_user_idx").on(t.userId), index("audit_log_action_idx").on(t.action)],
);

/** Published monthly reports (月报): a frozen copy of the month's figures. */
export const reportSnapshots = pgTable(
  "report_snapshots",
  {
    id: serial("id").primaryKey(),
    month: text("month").notNull(), // YYYY-MM
    regionCode: text("region_code").notNull().references(() => regions.code),
    revision: integer("revision").notNull().default(1),
    data: jsonb("data").notNull(),
    reason: text("reason"),
    publishedBy: integer("published_by").references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("report_snapshots_month_region_rev").on(t.month, t.regionCode, t.revision)],
);
