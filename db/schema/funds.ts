import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigint, bigserial, check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { partners, projects } from "./organizations";
import { regions } from "./regions";
import { users } from "./users";

/**
 * A volunteer fund (志愿服务基金), one per district. `balance_fen` is the cached Σ in − Σ out of its
 * ledger, updated in the entry's transaction under the fund's row lock; `CHECK (balance_fen >= 0)`
 * is the last line against an overdraft. Money is integer fen (分); the API speaks yuan with two decimals.
 */
export const funds = pgTable(
  "funds",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    regionCode: text("region_code").notNull().references(() => regions.code),
    balanceFen: bigint("balance_fen", { mode: "number" }).notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("funds_region_idx").using("btree", sql`${t.regionCode} text_pattern_ops`), check("funds_balance_nonneg", sql`${t.balanceFen} >= 0`)],
);

/**
 * The fund's ledger: append-only (a trigger refuses UPDATE/DELETE), a mistake is undone by a
 * reversing entry of the opposite kind that names the entry it reverses (at most one per entry).
 */
export const fundEntries = pgTable(
  "fund_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    fundId: integer("fund_id").notNull().references(() => funds.id),
    kind: text("kind").notNull(), // in | out
    /** donation (in) · allocation to a project (out) · spending with a receipt (out) · reversal */
    category: text("category").notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    partnerId: integer("partner_id").references(() => partners.id),
    projectId: integer("project_id").references(() => projects.id),
    counterparty: text("counterparty"),
    receiptNo: text("receipt_no"),
    memo: text("memo"),
    reversesId: bigint("reverses_id", { mode: "number" }).references((): AnyPgColumn => fundEntries.id),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("fund_entries_fund_idx").on(t.fundId, t.id),
    uniqueIndex("fund_entries_one_reversal").on(t.reversesId),
    check("fund_entries_kind", sql`${t.kind} IN ('in', 'out')`),
    check("fund_entries_category", sql`${t.category} IN ('donation', 'allocation', 'spending', 'reversal')`),
    check("fund_entries_amount_pos", sql`${t.amountFen} > 0`),
  ],
);
