import { sql } from "drizzle-orm";
import { check, date, index, integer, numeric, pgTable, serial, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { gender } from "./enums";
import { regions } from "./regions";

/**
 * Real-name volunteer records. The ID-card number and phone are personal information: stored only
 * encrypted (AES-256-GCM, `*_enc`), found and de-duplicated through a keyed hash (HMAC-SHA256,
 * `*_hash`), and shown masked from the plain-text fragments kept for that (`id_prefix`, `*_last4`).
 */
export const volunteers = pgTable(
  "volunteers",
  {
    id: serial("id").primaryKey(),
    volunteerNo: text("volunteer_no").notNull().unique(),
    name: text("name").notNull(),
    idCardEnc: text("id_card_enc").notNull(),
    idCardHash: text("id_card_hash").notNull().unique(),
    idPrefix: text("id_prefix").notNull(), // first 6 digits (the region of issue)
    idLast4: text("id_last4").notNull(),
    phoneEnc: text("phone_enc").notNull(),
    phoneHash: text("phone_hash").notNull(),
    phoneLast4: text("phone_last4").notNull(),
    gender: gender("gender").notNull(),
    birthDate: date("birth_date").notNull(),
    communityCode: text("community_code").notNull().references(() => regions.code),
    registeredOn: date("registered_on").notNull(),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    sectorIntentions: text("sector_intentions").array().notNull().default(sql`'{}'::text[]`),
    /** Verified hours, kept in step with service_records in the same transaction as every verify/reject. */
    verifiedHours: numeric("verified_hours", { precision: 10, scale: 2 }).notNull().default("0"),
    starLevel: smallint("star_level").notNull().default(0),
    status: text("status").notNull().default("active"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("volunteers_community_idx").using("btree", sql`${t.communityCode} text_pattern_ops`),
    index("volunteers_registered_idx").on(t.registeredOn),
    index("volunteers_phone_hash_idx").on(t.phoneHash),
    index("volunteers_phone_last4_idx").on(t.phoneLast4),
    index("volunteers_name_idx").on(t.name),
    check("volunteers_hours_nonneg", sql`${t.verifiedHours} >= 0`),
    check("volunteers_star_range", sql`${t.starLevel} BETWEEN 0 AND 5`),
  ],
);

export type Volunteer = typeof volunteers.$inferSelect;
export type NewVolunteer = typeof volunteers.$inferInsert;
