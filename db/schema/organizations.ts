import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, check, date, doublePrecision, index, integer, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orgType, projectStatus, sector } from "./enums";
import { regions } from "./regions";
import { volunteers } from "./volunteers";

/** Organizations (组织) and teams (队伍). A team may belong to a parent organization. */
export const organizations = pgTable(
  "organizations",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    type: orgType("type").notNull(),
    isTeam: boolean("is_team").notNull().default(false),
    parentId: integer("parent_id").references((): AnyPgColumn => organizations.id),
    /** Where it is based (any level, usually a community or street). */
    regionCode: text("region_code").notNull().references(() => regions.code),
    /** The street or district that supervises it and verifies its hours. */
    supervisorCode: text("supervisor_code").notNull().references(() => regions.code),
    address: text("address"),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    sectors: text("sectors").array().notNull().default(sql`'{}'::text[]`),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    foundedOn: date("founded_on"),
    /** corps 总队 → division 分队 → team 小队, or other (associations, schools, unions …). */
    level: text("level").notNull().default("other"),
    /** Optimistic concurrency: PATCH sends the version it read; a stale one answers 409. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("organizations_region_idx").using("btree", sql`${t.regionCode} text_pattern_ops`),
    index("organizations_parent_idx").on(t.parentId),
    check("organizations_level_chk", sql`${t.level} IN ('corps', 'division', 'team', 'other')`),
    check("organizations_not_own_parent", sql`${t.parentId} IS NULL OR ${t.parentId} <> ${t.id}`),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    volunteerId: integer("volunteer_id").notNull().references(() => volunteers.id, { onDelete: "cascade" }),
    organizationId: integer("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    role: text("role").notNull().default("member"),
    joinedOn: date("joined_on").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.volunteerId, t.organizationId] }),
    index("memberships_org_idx").on(t.organizationId),
    check("memberships_role_chk", sql`${t.role} IN ('leader', 'deputy', 'member')`),
    // one 队长 per team: naming a new one demotes the old one in the same transaction
    uniqueIndex("memberships_one_leader").on(t.organizationId).where(sql`${t.role} = 'leader'`),
  ],
);

/** Partners (企业/基金) that signed a cooperation agreement (合作协议). */
export const partners = pgTable(
  "partners",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind").notNull(), // enterprise | foundation
    regionCode: text("region_code").notNull().references(() => regions.code),
    agreementDate: date("agreement_date"),
    amountYuan: numeric("amount_yuan", { precision: 14, scale: 2 }),
    inKind: text("in_kind"),
  },
  (t) => [check("partners_amount_nonneg", sql`${t.amountYuan} IS NULL OR ${t.amountYuan} >= 0`)],
);

/** A public-welfare project (公益项目) in one of the six sectors. */
export const projects = pgTable(
  "projects",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    sector: sector("sector").notNull(),
    regionCode: text("region_code").notNull().references(() => regions.code),
    organizationId: integer("organization_id").notNull().references(() => organizations.id),
    partnerId: integer("partner_id").references(() => partners.id),
    startDate: date("start_date").notNull(),
    endDate: date("end_date"),
    status: projectStatus("status").notNull().default("active"),
    description: text("description"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("projects_region_idx").using("btree", sql`${t.regionCode} text_pattern_ops`),
    index("projects_sector_idx").on(t.sector, t.status),
    check("projects_period", sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
  ],
);

export type Organization = typeof organizations.$inferSelect;
export type Project = typeof projects.$inferSelect;
