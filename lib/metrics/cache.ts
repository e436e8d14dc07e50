import { sql } from "drizzle-orm";
import { type Queryable, rows } from "@/db/client";
import { env } from "@/lib/env";

/**
 * Computed figures cached in the process (docs/metrics.md, "Cache"):
 *
 * - **Bounded staleness.** An entry is served for at most `METRICS_CACHE_TTL_SECONDS` (default 30);
 *   the page shows the time its figures are as of, with a link that recomputes them.
 * - **Local invalidation.** Every rolled-up write notes its region path (community, street,
 *   district) and its transaction id here (`noteRegionWrite`, called by lib/metrics/rollup.ts). An
 *   entry for a district, street or community whose snapshot does not contain such a write is not
 *   served — a write in 黄岛区 leaves 莱西市's entries alone. The city's entries are bounded-stale
 *   only (every write is under the city).
 * - **Read-your-writes.** Every audited write notes its user and transaction id (`noteUserWrite`,
 *   called by lib/audit); that user is never served an entry whose snapshot lacks their write.
 * - **Single flight.** Concurrent misses of one key share one computation.
 * - **Refresh ahead.** An entry read past half its TTL is recomputed in the background while it is
 *   still served, so a busy view is renewed before it expires and no viewer waits for it.
 *
 * Visibility is exact, not a clock guess: an entry remembers `pg_current_snapshot()` taken before
 * it was computed, and a write counts as contained when its xid is visible in that snapshot. Marks
 * are per process; with several app nodes, the TTL bounds what another node shows.
 */

interface Snapshot {
  xmin: bigint;
  xmax: bigint;
  xip: Set<bigint>;
}

interface Entry {
  value: unknown;
  at: number; // ms, when the snapshot was taken
  snapshot: Snapshot;
}

interface Mark {
  xid: bigint;
  at: number;
  day: string; // the write's day ('' = any)
}

export interface CacheScope {
  /** Region the figures belong to (its code): writes under it invalidate the entry. */
  region?: string;
  /** Last day the figures cover: a write dated after it does not change them. */
  to?: string;
  /** The user viewing: their own writes are never hidden from them. */
  viewer?: number | null;
  /**
   * The page's refresh link: the viewer has seen figures as of this instant (ms) and wants newer
   * ones — an entry computed at or before it is not served. (A bookmarked link stops forcing a
   * recomputation as soon as the entry is newer than the stamp.)
   */
  newerThan?: number;
}

export interface Cached<T> {
  value: T;
  /** When the figures were read from the database. */
  asOf: Date;
}

const MAX_ENTRIES = 500;
const MAX_MARKS = 5000;

type State = {
  store: Map<string, Entry>;
  inflight: Map<string, Promise<Entry>>;
  regionMarks: Map<string, Mark[]>;
  userMarks: Map<number, Mark[]>;
  computations: number;
};
const g = globalThis as unknown as { __civicMetricsCache?: State };
const state: State = (g.__civicMetricsCache ??= { store: new Map(), inflight: new Map(), regionMarks: new Map(), userMarks: new Map(), computations: 0 });

/** Seconds an entry may be served (0 = no caching). */
export function cacheTtlMs(): number {
  const e = env();
  return e.METRICS_CACHE === "off" ? 0 : e.METRICS_CACHE_TTL_SECONDS * 1000;
}

export function parseSnapshot(s: string): Snapshot {
  const [xmin, xmax, xip] = s.split(":");
  return { xmin: BigInt(xmin!), xmax: BigInt(xmax!), xip: new Set((xip ?? "").split(",").filter(Boolean).map((x) => BigInt(x))) };
}

/** True when the transaction `xid` had committed before the snapshot was taken. */
export function visibleIn(xid: bigint, s: Snapshot): boolean {
  if (xid < s.xmin) return true;
  if (xid >= s.xmax) return false;
  return !s.xip.has(xid);
}

function addMark<K>(map: Map<K, Mark[]>, key: K, mark: Mark, now: number, ttl: number) {
  const list = (map.get(key) ?? []).filter((m) => now - m.at <= ttl);
  if (list.length >= MAX_MARKS) list.shift();
  list.push(mark);
  map.set(key, list);
}

/** A rolled-up write under `communityCode`, dated `day`, by transaction `xid` (not yet committed). */
export function noteRegionWrite(communityCode: string, day: string, xid: string): void {
  const ttl = cacheTtlMs();
  if (ttl === 0) return;
  const now = Date.now();
  const mark = { xid: BigInt(xid), at: now, day };
  for (const len of [12, 9, 6]) addMark(state.regionMarks, communityCode.slice(0, len), mark, now, ttl);
}

/** An audited write by `userId` in transaction `xid` (not yet committed). */
export function noteUserWrite(userId: number, xid: string): void {
  const ttl = cacheTtlMs();
  if (ttl === 0) return;
  const now = Date.now();
  addMark(state.userMarks, userId, { xid: BigInt(xid), at: now, day: "" }, now, ttl);
}

function containsAll(marks: Mark[] | undefined, e: Entry, to: string | undefined, now: number, ttl: number): boolean {
  if (!marks) return true;
  for (const m of marks) {
    if (now - m.at > ttl) continue; // older than any servable entry
    if (to && m.day && m.day > to) continue;
    if (!visibleIn(m.xid, e.snapshot)) return false;
  }
  return true;
}

function valid(e: Entry, scope: CacheScope, now: number, ttl: number): boolean {
  if (now - e.at > ttl) return false;
  if (scope.newerThan !== undefined && e.at <= scope.newerThan) return false;
  if (scope.region && scope.region.length > 4 && !containsAll(state.regionMarks.get(scope.region), e, scope.to, now, ttl)) return false;
  if (scope.viewer != null && !containsAll(state.userMarks.get(scope.viewer), e, undefined, now, ttl)) return false;
  return true;
}

async function computeEntry(db: Queryable, compute: () => Promise<unknown>): Promise<Entry> {
  const [s] = await rows<{ s: string }>(db, sql`SELECT pg_current_snapshot()::text AS s`);
  const at = Date.now();
  state.computations++;
  const value = await compute();
  return { value, at, snapshot: parseSnapshot(s!.s) };
}

function remember(key: string, e: Entry) {
  const cur = state.store.get(key);
  if (cur && cur.at > e.at) return;
  state.store.delete(key);
  state.store.set(key, e);
  if (state.store.size > MAX_ENTRIES) state.store.delete(state.store.keys().next().value!);
}

/**
 * The cached value of `key` if it may be served to this viewer, else computed once for all the
 * callers waiting on the same key. `key` must name everything the figures depend on.
 */
export async function cachedWithTime<T>(db: Queryable, key: string, scope: CacheScope, compute: () => Promise<T>): Promise<Cached<T>> {
  const ttl = cacheTtlMs();
  if (ttl === 0) return { value: await compute(), asOf: new Date() };
  const now = Date.now();
  const hit = state.store.get(key);
  if (hit && valid(hit, scope, now, ttl)) {
    state.store.delete(key);
    state.store.set(key, hit); // keep recently used entries at the end
    // Refresh ahead: past half its life, recompute in the background (once) while this and the
    // next viewers are served — busy entries are renewed before they expire, and nobody waits.
    if (now - hit.at > ttl / 2 && !state.inflight.has(key)) {
      const flight = computeEntry(db, compute);
      state.inflight.set(key, flight);
      flight
        .then((e) => remember(key, e))
        .catch((e) => console.error(`[metrics] background refresh of ${key} failed: ${(e as Error).message}`))
        .finally(() => {
          if (state.inflight.get(key) === flight) state.inflight.delete(key);
        });
    }
    return { value: hit.value as T, asOf: new Date(hit.at) };
  }
  let flight = state.inflight.get(key);
  if (flight) {
    const e = await flight;
    if (valid(e, scope, Date.now(), ttl)) return { value: e.value as T, asOf: new Date(e.at) };
  }
  flight = computeEntry(db, compute);
  state.inflight.set(key, flight);
  try {
    const e = await flight;
    remember(key, e);
    return { value: e.value as T, asOf: new Date(e.at) };
  } finally {
    if (state.inflight.get(key) === flight) state.inflight.delete(key);
  }
}

/** As `cachedWithTime`, the value only. */
export async function cached<T>(db: Queryable, key: string, scope: CacheScope, compute: () => Promise<T>): Promise<T> {
  return (await cachedWithTime(db, key, scope, compute)).value;
}

/** How many computations the cache has run in this process (tests, bench). */
export function cacheComputations(): number {
  return state.computations;
}

export function clearMetricsCache(): void {
  state.store.clear();
  state.regionMarks.clear();
  state.userMarks.clear();
}
