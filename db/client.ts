import fs from "node:fs";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
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
  const sp = gs.__civicStandby;
  gs.__civicStandby = undefined;
  if (sp) await (await sp.catch(() => null))?.close();
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

/*
 * Read routing (docs/deploy.md). With DATABASE_READ_URL (a streaming-replication hot standby of
 * DATABASE_URL), dashboards, lists and reports read through `getReadDb(viewerId)`: the standby while
 * it answers and is at most READ_MAX_LAG_SECONDS behind, else the primary. Read-your-writes: after a
 * write, the wrappers call `noteWrite(userId)`, which keeps the primary's WAL position in
 * `read_marks`; that user reads from the primary until the standby has replayed past it. Without
 * DATABASE_READ_URL both are the one client and nothing extra runs. Writes never use getReadDb.
 */
interface Standby {
  db: Db;
  close: () => Promise<void>;
  /** Last probe: healthy (answering, in recovery, not lagging) and the replayed WAL position. */
  probe: { at: number; ok: boolean; replayed: string | null; lagSeconds: number | null };
  probing?: Promise<void>;
  /** The primary's WAL position at recent probes. */
  samples: { at: number; lsn: string }[];
}
const gs = globalThis as unknown as { __civicStandby?: Promise<Standby> };
const PROBE_MS = 1000;

/** The standby went away (stopped, restarting, unreachable) — not a query's own error. */
function isConnectionError(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  if (!err) return false;
  if (err.code && (/^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH)/.test(err.code) || /^(08|57P0)/.test(err.code))) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(err.message ?? "");
}

/**
 * The standby's pool. A query or connection that fails because the standby is gone is marked
 * (reads go to the primary from then on, until a probe finds it healthy again) and re-run on the
 * primary's pool: reads only ever come here, so running them again is safe, and a standby that
 * stops between two probes costs no failed request.
 */
async function openStandby(url: string, primary: Db): Promise<Standby> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({ connectionString: url, max: env().PG_POOL_MAX, connectionTimeoutMillis: 1000 });
  const fallback = (primary as unknown as { $client: InstanceType<typeof Pool> }).$client;
  const s: Standby = { db: drizzle({ client: pool, schema }) as unknown as Db, close: () => pool.end(), probe: { at: 0, ok: false, replayed: null, lagSeconds: null }, samples: [] };
  const down = () => (s.probe = { at: Date.now(), ok: false, replayed: null, lagSeconds: null });
  pool.on("error", down); // an idle connection dropped by the server
  type Loose = (...a: unknown[]) => unknown;
  const query = (pool.query as unknown as Loose).bind(pool);
  (pool as unknown as { query: Loose }).query = (...a: unknown[]) => {
    const r = query(...a) as Promise<unknown> | undefined;
    if (typeof a[a.length - 1] === "function" || !r) return r;
    return r.catch((e: unknown) => {
      if (!isConnectionError(e)) throw e;
      down();
      return (fallback.query as unknown as Loose)(...a);
    });
  };
  const connect = (pool.connect as unknown as Loose).bind(pool);
  (pool as unknown as { connect: Loose }).connect = (...a: unknown[]) => {
    if (typeof a[0] === "function") return connect(...a); // pg's own callback form (pool.query uses it)
    return (connect() as Promise<unknown>).catch((e: unknown) => {
      if (!isConnectionError(e)) throw e;
      down();
      return fallback.connect();
    });
  };
  return s;
}

/** Compares two pg_lsn texts ("16/B374D848"). */
export function lsnAtLeast(a: string, b: string): boolean {
  const n = (x: string) => {
    const [hi, lo] = x.split("/");
    return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
  };
  return n(a) >= n(b);
}

/**
 * How far behind the standby is, in time, measured against the primary's own WAL positions: each
 * probe notes (time, primary LSN); the standby is at least as current as the primary was at the
 * latest noted time whose LSN it has replayed. Robust to an idle primary (replayed = current → 0)
 * and to long transactions that stream WAL without committing (no commit timestamps involved).
 */
async function probeStandby(s: Standby, primary: Db): Promise<void> {
  const bound = env().READ_MAX_LAG_SECONDS;
  try {
    const [pr] = await rows<{ lsn: string }>(primary, sql.raw("SELECT pg_current_wal_lsn()::text AS lsn"));
    const [st] = await rows<{ rec: boolean; replayed: string | null }>(s.db, sql.raw("SELECT pg_is_in_recovery() AS rec, pg_last_wal_replay_lsn()::text AS replayed"));
    const now = Date.now();
    let lag: number | null = null;
    if (pr && st?.replayed) {
      if (lsnAtLeast(st.replayed, pr.lsn)) lag = 0;
      else {
        const seen = s.samples.filter((x) => lsnAtLeast(st.replayed!, x.lsn)).at(-1);
        if (seen) lag = (now - seen.at) / 1000;
      }
    }
    if (pr) s.samples.push({ at: now, lsn: pr.lsn });
    s.samples = s.samples.filter((x) => now - x.at <= (bound + 5) * 1000);
    s.probe = { at: now, ok: Boolean(st?.rec && st.replayed && lag !== null && lag <= bound), replayed: st?.replayed ?? null, lagSeconds: lag };
  } catch {
    s.probe = { at: Date.now(), ok: false, replayed: null, lagSeconds: null };
  }
}

function standby(): Promise<Standby> | null {
  const url = env().DATABASE_READ_URL;
  if (!url || !env().DATABASE_URL) return null;
  if (!gs.__civicStandby) {
    const p = getDb().then((primary) => openStandby(url, primary));
    gs.__civicStandby = p;
    p.catch(() => {
      if (gs.__civicStandby === p) gs.__civicStandby = undefined;
    });
  }
  return gs.__civicStandby;
}

/** The database for a read-only view by `viewerId`: the standby when healthy, caught up enough and past the viewer's last write. */
export async function getReadDb(viewerId?: number | null): Promise<Db> {
  const primary = await getDb();
  const sp = standby();
  if (!sp) return primary;
  try {
    const s = await sp;
    if (Date.now() - s.probe.at > PROBE_MS) {
      s.probing ??= probeStandby(s, primary).finally(() => (s.probing = undefined));
      await s.probing;
    }
    if (!s.probe.ok || !s.probe.replayed) return primary;
    if (viewerId) {
      const [m] = await rows<{ lsn: string }>(primary, sql`SELECT lsn FROM read_marks WHERE user_id = ${viewerId}`);
      if (m && !lsnAtLeast(s.probe.replayed, m.lsn)) return primary;
    }
    return s.db;
  } catch {
    return primary;
  }
}

/** Where reads are served from right now (cluster:status, the health answer, tests). */
export async function readRoute(): Promise<{ target: "primary" | "standby"; lagSeconds: number | null }> {
  const sp = standby();
  if (!sp) return { target: "primary", lagSeconds: null };
  const db = await getReadDb(null);
  const s = await sp.catch(() => null);
  return { target: s && db === s.db ? "standby" : "primary", lagSeconds: s?.probe.lagSeconds ?? null };
}

/** After a user's write has committed: their reads stay on the primary until the standby has it. */
export async function noteWrite(userId: number | null | undefined): Promise<void> {
  if (!userId || !env().DATABASE_READ_URL || !env().DATABASE_URL) return;
  try {
    const db = await getDb();
    await db.execute(
      sql`INSERT INTO read_marks (user_id, lsn, at) VALUES (${userId}, pg_current_wal_lsn()::text, now())
          ON CONFLICT (user_id) DO UPDATE SET lsn = excluded.lsn, at = excluded.at`,
    );
  } catch {
    // best effort: without the mark the user may see the standby's (bounded) lag once
  }
}

/** Runs raw SQL and returns its rows (the same shape on PGlite and node-postgres). */
export async function rows<T = Record<string, unknown>>(db: Queryable, query: SQL): Promise<T[]> {
  const r = (await db.execute(query)) as unknown as { rows: T[] };
  return r.rows;
}
