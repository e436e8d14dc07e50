import { bigint, customType, integer, jsonb, pgTable, primaryKey, text, timestamp, varchar } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Files every app node must be able to serve (task photos, import result reports) when
 * FILE_STORE=postgres (lib/storage/postgres.ts). One row per file, addressed by bucket + name.
 */
export const storedFiles = pgTable(
  "stored_files",
  {
    bucket: text("bucket").notNull(),
    name: text("name").notNull(),
    bytes: bytea("bytes").notNull(),
    size: integer("size").notNull(),
    meta: jsonb("meta").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.name] })],
);

/**
 * Rate-limit counters shared by every app node (lib/rate-limit.ts through rate-limiter-flexible's
 * RateLimiterPostgres, which expects exactly this layout: key, points, expire in epoch ms).
 */
export const rateLimits = pgTable("rate_limits", {
  key: varchar("key", { length: 255 }).primaryKey(),
  points: integer("points").notNull().default(0),
  expire: bigint("expire", { mode: "number" }),
});

/**
 * Read-your-writes across app nodes (db/client.ts `getReadDb`): the primary's WAL position right
 * after a user's last write. Their reads go to the primary until the standby has replayed it.
 */
export const readMarks = pgTable("read_marks", {
  userId: integer("user_id").primaryKey(),
  lsn: text("lsn").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
});
