import { sql } from "drizzle-orm";
import { bigserial, boolean, check, date, index, integer, jsonb, numeric, pgTable, serial, text, timestamp, bigint } from "drizzle-orm/pg-core";
import { ledgerKind, redemptionStatus } from "./enums";
import { organizations, partners } from "./organizations";
import { regions } from "./regions";
import { volunteers } from "./volunteers";
import { users } from "./users";

/**
 * One account per volunteer. `balance` is a cache of SUM(point_entries.amount) updated in the same
 * transaction as every entry; its CHECK makes the database refuse an overdraft, and the row lock
 * taken by `UPDATE … SET balance = balance + $1` serializes concurrent redemptions.
 */
export const pointAccounts = pgTable(
  "point_accounts",
  {
    volunteerId: integer("volunteer_id").primaryKey().references(() => volunteers.id),
    balance: integer("balance").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("point_accounts_balance_nonneg", sql`${t.balance} >= 0`)],
);

/** The append-only points ledger. Corrections are new reversing entries, never edits. */
export const pointEntries = pgTable(
  "point_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    volunteerId: integer("volunteer_id").notNull().references(() => volunteers.id),
    amount: integer("amount").notNull(),
    kind: ledgerKind("kind").notNull(),
    /** The volunteer's home community, for rollups by region. */
    communityCode: text("community_code").notNull().references(() => regions.code),
    serviceRecordId: bigint("service_record_id", { mode: "number" }),
    redemptionId: integer("redemption_id"),
    demandId: integer("demand_id"),
    /** Unique per business event, so a retried posting cannot credit twice. */
    dedupeKey: text("dedupe_key").unique(),
    note: text("note"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("point_entries_volunteer_idx").on(t.volunteerId),
    index("point_entries_community_idx").using("btree", sql`${t.communityCode} text_pattern_ops`),
    index("point_entries_created_idx").on(t.createdAt),
    check("point_entries_nonzero", sql`${t.amount} <> 0`),
  ],
);

export const rewards = pgTable(
  "rewards",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id").references(() => partners.id),
    name: text("name").notNull(),
    kind: text("kind").notNull(), // goods | service | discount
    costPoints: integer("cost_points").notNull(),
    stock: integer("stock").notNull(),
    regionCode: text("region_code").notNull().references(() => regions.code),
    /** An organization's own reward (open to its members only); null = published for the region by 文明办 or a street. */
    organizationId: integer("organization_id").references(() => organizations.id),
    description: text("description"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [check("rewards_cost_pos", sql`${t.costPoints} > 0`), check("rewards_stock_nonneg", sql`${t.stock} >= 0`)],
);

export const redemptions = pgTable(
  "redemptions",
  {
    id: serial("id").primaryKey(),
    volunteerId: integer("volunteer_id").notNull().references(() => volunteers.id),
    rewardId: integer("reward_id").notNull().references(() => rewards.id),
    points: integer("points").notNull(),
    pickupCode: text("pickup_code").notNull().unique(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    status: redemptionStatus("status").notNull().default("redeemed"),
    communityCode: text("community_code").notNull().references(() => regions.code),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelReason: text("cancel_reason"),
    pickedUpAt: timestamp("picked_up_at", { withTimezone: true }),
    /** staff | volunteer (public page, after a phone code) */
    channel: text("channel").notNull().default("staff"),
  },
  (t) => [index("redemptions_volunteer_idx").on(t.volunteerId), check("redemptions_points_pos", sql`${t.points} > 0`)],
);

/**
 * 志愿服务记录证明: each issued certificate is recorded with its number and the figures it printed,
 * so it can be checked by number later (the content is a snapshot, not recomputed).
 */
export const certificates = pgTable(
  "certificates",
  {
    id: serial("id").primaryKey(),
    number: text("number").notNull().unique(),
    /**
     * Random code printed on the certificate and carried by its QR code: a check needs the number
     * AND this code, so sequential numbers alone reveal nobody (lib/certificates/verify.ts).
     */
    verifyCode: text("verify_code").notNull(),
    volunteerId: integer("volunteer_id").notNull().references(() => volunteers.id),
    periodFrom: date("period_from").notNull(),
    periodTo: date("period_to").notNull(),
    hours: numeric("hours", { precision: 10, scale: 2 }).notNull(),
    /** Snapshot of what was printed: activities, organizations, issuer, handler, contact. */
    content: jsonb("content").notNull(),
    issuerName: text("issuer_name").notNull(),
    handlerUserId: integer("handler_user_id").references(() => users.id),
    handlerName: text("handler_name").notNull(),
    contactPhone: text("contact_phone"),
    communityCode: text("community_code").notNull().references(() => regions.code),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("certificates_volunteer_idx").on(t.volunteerId), check("certificates_period", sql`${t.periodTo} >= ${t.periodFrom}`)],
);

/**
 * One-time codes for residents and volunteers identifying themselves by phone on public pages
 * (redeeming on /activities, following a need on /request). Only hashes are stored.
 */
export const phoneCodes = pgTable(
  "phone_codes",
  {
    id: serial("id").primaryKey(),
    phoneHash: text("phone_hash").notNull(),
    purpose: text("purpose").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("phone_codes_lookup_idx").on(t.phoneHash, t.purpose)],
);

export type Certificate = typeof certificates.$inferSelect;
