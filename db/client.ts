import fs from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { env, EnvError, pgliteDir } from "../lib/env";
import { acquireDataDirLock, releaseDataDirLock } from "./lock";

/**
 * The one database client of the process: PostgreSQL when DATABASE_URL is set, otherwise an
 * embedded PGlite data directory (default .data/pglite). Cached on globalThis so Next's dev reloads
 * and every module share one instance; a failed open is not cached, so the next request retries.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run queries: the client or an open transaction. */
export type Queryable = Db | Tx;

interface Handle {
  db: Db;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
}

const g = globalThis as unknown as { __civicDb?: Promise<Handle> };

export const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

async function openPglite(dir: string): Promise<Handle> {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (e) {
    throw new EnvError(`PGLITE_DIR=${dir} 无法创建或不可写 (data directory not writable): ${(e as Error).message}`);
  }
  acquireDataDirLock(dir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = await PGlite.create({ dataDir: dir });
    const db = drizzle({ client, schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      close: async () => {
        await client.close();
        releaseDataDirLock(dir);
      },
    };
  } catch (e) {
    releaseDataDirLock(dir);
    const msg = e instanceof Error ? e.message : JSON.stringify(e);
    throw new Error(`无法打开嵌入式数据库 ${dir}: ${msg}`);
  }
}

async function openPostgres(url: string): Promise<Handle> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({ connectionString: url, max: env().PG_POOL_MAX });
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new Error(`无法连接 PostgreSQL (DATABASE_URL): ${(e as Error).message}`);
  }
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  return { db, kind: "postgres", close: () => pool.end() };
}

export function openDatabase(): Promise<Handle> {
  const e = env();
  return e.DATABASE_URL ? openPostgres(e.DATABASE_URL) : openPglite(pgliteDir(e));
}

function handle(): Promise<Handle> {
  if (!g.__civicDb) {
    const p = openDatabase();
    g.__civicDb = p;
    p.catch(() => {
      if (g.__civicDb === p) g.__civicDb = undefined;
    });
  }
  return g.__civicDb;
}

/** The process-wide database. */
export async function getDb(): Promise<Db> {
  return (await handle()).db;
}

export async function dbKind(): Promise<"pglite" | "postgres"> {
  return (await handle()).kind;
}

export async function closeDb(): Promise<void> {
  const p = g.__civicDb;
  g.__civicDb = undefined;
  if (p) await (await p).close();
}

/** Applies the committed drizzle-kit migrations (same files on both databases). */
export async function migrate(db: Db): Promise<void> {
  const kind = await dbKind();
  if (kind === "pglite") {
    const { migrate: m } = await import("drizzle-orm/pglite/migrator");
    await m(db as never, { migrationsFolder });
  } else {
    const { migrate: m } = await import("drizzle-orm/node-postgres/migrator");
    await m(db as never, { migrationsFolder });
  }
}

export { schema };

/** Runs raw SQL and returns its rows (the same shape on PGlite and node-postgres). */
export async function rows<T = Record<string, unknown>>(db: Queryable, query: SQL): Promise<T[]> {
  const r = (await db.execute(query)) as unknown as { rows: T[] };
  return r.rows;
}
