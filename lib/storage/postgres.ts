/**
 * The cluster store: each file is a row of `stored_files` on the primary (bytea), so whichever app
 * node answers can serve it, and the standby holds a copy. Fits the sizes here (photos ≤ 10 MB,
 * reports a few MB); a deployment with many large files would put an object store behind the same
 * interface.
 */
import "server-only";
import { and, eq, lt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { storedFiles } from "@/db/schema";
import type { FileStore } from "./index";

export const postgresStore: FileStore = {
  kind: "postgres",
  async put(bucket, name, bytes, meta) {
    const db = await getDb();
    await db.insert(storedFiles).values({ bucket, name, bytes, size: bytes.length, meta: meta ?? null });
  },
  async get(bucket, name) {
    const db = await getDb();
    const [row] = await db
      .select({ bytes: storedFiles.bytes, meta: storedFiles.meta, createdAt: storedFiles.createdAt })
      .from(storedFiles)
      .where(and(eq(storedFiles.bucket, bucket), eq(storedFiles.name, name)))
      .limit(1);
    return row ? { bytes: row.bytes, meta: row.meta ?? null, createdAt: row.createdAt } : null;
  },
  async remove(bucket, name) {
    const db = await getDb();
    await db.delete(storedFiles).where(and(eq(storedFiles.bucket, bucket), eq(storedFiles.name, name)));
  },
  async sweep(bucket, ms) {
    const db = await getDb();
    await db.delete(storedFiles).where(and(eq(storedFiles.bucket, bucket), lt(storedFiles.createdAt, new Date(Date.now() - ms)))).catch(() => undefined);
  },
};
