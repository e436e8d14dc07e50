import { sql } from "drizzle-orm";
import { type Queryable, rows } from "@/db/client";
import { env } from "@/lib/env";

/**
 * Computed figures cached in the process, keyed by the database's data version (migration 0003:
 * every write to a source table bumps it in the same transaction). A read after a committed write
 * sees a new version and recomputes, so the cache can never show a stale figure; several app nodes
 * each keep their own cache and read the same version.
 */
const MAX_ENTRIES = 500;
const store = new Map<string, { version: string; value: unknown }>();

export async function dataVersion(db: Queryable): Promise<string> {
  const [r] = await rows<{ v: string }>(db, sql`SELECT v::text AS v FROM data_version WHERE id = 1`);
  return r?.v ?? "0";
}

export async function cached<T>(db: Queryable, key: string, compute: () => Promise<T>): Promise<T> {
  if (env().METRICS_CACHE === "off") return compute();
  const version = await dataVersion(db);
  const hit = store.get(key);
  if (hit && hit.version === version) {
    store.delete(key);
    store.set(key, hit); // keep recently used entries at the end
    return hit.value as T;
  }
  const value = await compute();
  store.set(key, { version, value });
  if (store.size > MAX_ENTRIES) store.delete(store.keys().next().value!);
  return value;
}

export function clearMetricsCache(): void {
  store.clear();
}
