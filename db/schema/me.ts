import { index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { volunteers } from "./volunteers";

/**
 * Volunteers' own sign-in sessions (/me), a session kind separate from the portal's next-auth JWT:
 * the cookie carries a random token, only its SHA-256 is stored here. A session is scoped to one
 * volunteer and to the phone they signed in with (the one number shown to them unmasked). Sign-out,
 * an idle gap or the absolute limit end it (`ended_at`), checked on the server at every request.
 */
export const volunteerSessions = pgTable(
  "volunteer_sessions",
  {
    id: serial("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    volunteerId: integer("volunteer_id")
      .notNull()
      .references(() => volunteers.id),
    /** Keyed hash of the phone used to sign in (if it stops being the volunteer's phone, the session ends). */
    phoneHash: text("phone_hash").notNull(),
    ip: text("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason"),
  },
  (t) => [index("volunteer_sessions_volunteer_idx").on(t.volunteerId)],
);

export type VolunteerSession = typeof volunteerSessions.$inferSelect;
