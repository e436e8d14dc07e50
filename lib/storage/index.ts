/**
 * Where the portal keeps files that are not rows: task photos and import result reports. One small
 * interface, two stores chosen by FILE_STORE: `disk` (default; one node, a folder per bucket) and
 * `postgres` (a bytea row per file in `stored_files`, so every app node of a cluster serves every
 * file — docs/deploy.md). An S3-compatible object store would be a third implementation of the
 * same four calls. Certificates are not stored: their PDF is rendered from the database on request.
 */
import "server-only";
import { env } from "@/lib/env";
import { diskStore } from "./disk";
import { postgresStore } from "./postgres";

export type Bucket = "photos" | "import-reports";

export interface StoredFile {
  bytes: Buffer;
  meta: Record<string, unknown> | null;
  createdAt: Date;
}

export interface FileStore {
  readonly kind: "disk" | "postgres";
  /** Writes a new file (an existing name is an error: names are generated, never reused). */
  put(bucket: Bucket, name: string, bytes: Buffer, meta?: Record<string, unknown>): Promise<void>;
  get(bucket: Bucket, name: string): Promise<StoredFile | null>;
  remove(bucket: Bucket, name: string): Promise<void>;
  /** Deletes the bucket's files older than `ms` (best effort). */
  sweep(bucket: Bucket, ms: number): Promise<void>;
}

/** The configured store (read per call: tests and scripts switch FILE_STORE and the folders). */
export function fileStore(): FileStore {
  return env().FILE_STORE === "postgres" ? postgresStore : diskStore;
}
