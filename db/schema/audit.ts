import { bigint, bigserial, index, integer, jsonb, pgTable, serial, smallint, text, timestamp, unique } from "drizzle-orm/pg-core";
import { auditOutcome } from "./enums";
import { regions } from "./regions";
import { users } from "./users";

/**
 * Append-only audit trail, kept as `AUDIT_CHAINS` parallel hash chains (lib/audit/log.ts): each
 * entry's `hash` = SHA-256(prev_hash ‖ canonical entry), where prev_hash is the hash of the previous
 * entry of the same `chain` (by id), so editing, deleting or reordering any row breaks its chain
 * from that row on. Writers take whichever chain is free, so audited writes do not queue behind one
 * lock. A trigger refuses UPDATE/DELETE.
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
    /** Which of the parallel chains this entry links into (0 for every entry before chains existed). */
    chain: smallint("chain").notNull().default(0),
  },
  (t) => [
    index("audit_log_chain_idx").on(t.chain, t.id),index("audit_log_at_idx").on(t.at), index("audit_log_user_idx").on(t.userId), index("audit_log_action_idx").on(t.action)],
);

/**
 * The head of each audit chain: its last entry's id and hash and how many entries it has. Updated
 * by the writer holding that chain's lock, in the same transaction as the entry, so `audit:verify`
 * also catches the removal of a chain's last entries (which no later link would reveal).
 */
export const auditChainHeads = pgTable("audit_chain_heads", {
  chain: smallint("chain").primaryKey(),
  lastId: bigint("last_id", { mode: "number" }).notNull().default(0),
  hash: text("hash"),
  entries: bigint("entries", { mode: "number" }).notNull().default(0),
});

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
