import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, doublePrecision, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { regionLevel } from "./enums";

/**
 * The region tree. The GB/T 2260 code is itself the path: every descendant's code starts with its
 * ancestor's code, so "everything in 莱西市" is `code LIKE '370285%'` on any table that carries a
 * region code, served by the text_pattern_ops indexes declared on those tables.
 */
export const regions = pgTable(
  "regions",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    level: regionLevel("level").notNull(),
    parentCode: text("parent_code").references((): AnyPgColumn => regions.code),
    population: integer("population").notNull().default(0),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
  },
  (t) => [
    index("regions_parent_idx").on(t.parentCode),
    check("regions_population_nonneg", sql`${t.population} >= 0`),
    check("regions_code_nested", sql`${t.parentCode} IS NULL OR starts_with(${t.code}, ${t.parentCode})`),
  ],
);

export type Region = typeof regions.$inferSelect;
export type NewRegion = typeof regions.$inferInsert;
