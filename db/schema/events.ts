import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { regions } from "./regions";
import { users } from "./users";

/**
 * An event (e.g. 市北区总工会「情满市北 爱在身边」launch) that holds many activities
 * (`activities.event_id`). Its totals are the sums over its activities — never stored.
 */
export const events = pgTable(
  "events",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    /** The organizer (an organization in scope). */
    organizationId: integer("organization_id").notNull().references(() => organizations.id),
    /** Where it is held (district, street or community); its activities lie in the same district. */
    regionCode: text("region_code").notNull().references(() => regions.code),
    heldOn: date("held_on").notNull(),
    /** The venue (a practice site's name and address until sites are entities). */
    venue: text("venue"),
    description: text("description"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("events_region_idx").using("btree", sql`${t.regionCode} text_pattern_ops`), index("events_held_idx").on(t.heldOn)],
);

export type Event = typeof events.$inferSelect;
