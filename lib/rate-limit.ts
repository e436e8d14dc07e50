/**
 * A per-key rate limiter with several windows (e.g. 5 per minute and 30 per day per IP for the
 * public /join endpoint). `consume` is what the request wrappers call: on PostgreSQL
 * (DATABASE_URL) it counts in the shared `rate_limits` table through rate-limiter-flexible, so
 * every app node of a cluster counts against the same windows (docs/deploy.md); on PGlite (one
 * process by nature) it counts in process memory. `take` is the synchronous in-memory count.
 */
import type { Pool } from "pg";
import type { RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/security/ip";

type Gate = { ok: true } | { ok: false; retryAfter: number; window: Window };

export interface Window {
  ms: number;
  max: number;
}

export class RateLimiter {
  private hits = new Map<string, number[]>();
  private lastSweep = 0;
  private readonly longest: number;

  constructor(
    private readonly windows: Window[],
    private readonly maxKeys = 50_000,
    private readonly name?: string,
  ) {
    this.longest = Math.max(...windows.map((w) => w.ms));
  }

  /**
   * Records an attempt for `key` across all app nodes when the database is PostgreSQL (fixed
   * windows in the shared table, shortest window first: a refused attempt is not counted against
   * the longer ones), in process memory otherwise. If the shared store fails, rate-limiter-flexible's
   * insurance limiter counts in memory instead of letting everything through.
   */
  async consume(key: string): Promise<Gate> {
    const shared = this.name ? await sharedStore(this.name, this.windows) : null;
    if (!shared) return this.take(key);
    for (let i = 0; i < shared.length; i++) {
      try {
        await shared[i]!.consume(key, 1);
      } catch (e) {
        if (e instanceof Error) throw e;
        const res = e as RateLimiterRes;
        return { ok: false, retryAfter: Math.max(1, Math.ceil(res.msBeforeNext / 1000)), window: this.windows[i]! };
      }
    }
    return { ok: true };
  }

  /**
   * Records an attempt for `key` at `now` unless a window is full. Returns whether it is allowed and,
   * if not, how many seconds until it would be.
   */
  take(key: string, now = Date.now()): Gate {
    this.sweep(now);
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < this.longest);
    for (const w of this.windows) {
      const inWindow = list.filter((t) => now - t < w.ms);
      if (inWindow.length >= w.max) {
        const oldest = inWindow[inWindow.length - w.max]!;
        this.hits.set(key, list);
        return { ok: false, retryAfter: Math.max(1, Math.ceil((oldest + w.ms - now) / 1000)), window: w };
      }
    }
    list.push(now);
    this.hits.set(key, list);
    return { ok: true };
  }

  reset(): void {
    this.hits.clear();
  }

  /** Clears this limiter's counts in the shared store too (tests). */
  async resetShared(): Promise<void> {
    this.hits.clear();
    const shared = this.name ? await sharedStore(this.name, this.windows) : null;
    if (shared) await Promise.all(shared.map((l) => sharedPool().then((p) => p?.query(`DELETE FROM rate_limits WHERE key LIKE $1`, [`${l.keyPrefix}:%`]))));
  }

  private sweep(now: number) {
    if (now - this.lastSweep < 60_000 && this.hits.size < this.maxKeys) return;
    this.lastSweep = now;
    for (const [k, v] of this.hits) if (v.every((t) => now - t >= this.longest)) this.hits.delete(k);
    // Still too many keys (a flood of distinct addresses): drop the oldest entries.
    if (this.hits.size >= this.maxKeys) {
      const drop = this.hits.size - Math.floor(this.maxKeys * 0.9);
      let i = 0;
      for (const k of this.hits.keys()) {
        if (i++ >= drop) break;
        this.hits.delete(k);
      }
    }
  }
}

/**
 * One limiter per name for the whole process, kept on globalThis so every module instance (route
 * handlers and server actions are bundled separately) counts against the same windows.
 */
const registry = globalThis as unknown as { __civicLimiters?: Map<string, RateLimiter> };
export function sharedLimiter(name: string, windows: Window[]): RateLimiter {
  registry.__civicLimiters ??= new Map();
  let l = registry.__civicLimiters.get(name);
  if (!l) registry.__civicLimiters.set(name, (l = new RateLimiter(windows, undefined, name)));
  return l;
}

/** The shared counters: one small pool per process, one rate-limiter-flexible limiter per window. */
const store = globalThis as unknown as { __civicRlPool?: Promise<Pool | null>; __civicRlStores?: Map<string, Promise<RateLimiterAbstract[]>> };

function sharedPool(): Promise<Pool | null> {
  const url = env().DATABASE_URL;
  if (!url) return Promise.resolve(null);
  store.__civicRlPool ??= import("pg").then(({ Pool }) => {
    const pool = new Pool({ connectionString: url, max: 3 });
    pool.on("error", () => undefined); // an idle client dropped by the server: the next query reconnects
    return pool;
  });
  return store.__civicRlPool;
}

async function sharedStore(name: string, windows: Window[]): Promise<RateLimiterAbstract[] | null> {
  const pool = await sharedPool();
  if (!pool) return null;
  store.__civicRlStores ??= new Map();
  let s = store.__civicRlStores.get(name);
  if (!s) {
    s = import("rate-limiter-flexible").then(({ RateLimiterPostgres, RateLimiterMemory }) =>
      windows.map((w) => {
        const opts = { points: w.max, duration: Math.max(1, Math.round(w.ms / 1000)), keyPrefix: `${name}:${w.ms}` };
        // The table comes from the migrations (db/schema/storage.ts), in the layout the library expects.
        return new RateLimiterPostgres({ ...opts, storeClient: pool, storeType: "pool", tableName: "rate_limits", tableCreated: true, clearExpiredByTimeout: true, insuranceLimiter: new RateLimiterMemory(opts) });
      }),
    );
    store.__civicRlStores.set(name, s);
  }
  return s;
}

/**
 * The message shown when a public page is used too often from one address; `dailyLimit` is what
 * to say once the day's allowance is spent (default: the /join wording).
 */
export function rateLimitMessage(retryAfter: number, dailyLimit = "今天从此网络提交的报名次数已达上限，请明天再试，或到所在社区志愿服务站登记"): string {
  if (retryAfter <= 90) return `提交过于频繁，请 ${retryAfter} 秒后再试`;
  const min = Math.ceil(retryAfter / 60);
  if (min < 120) return `提交过于频繁，请 ${min} 分钟后再试`;
  return dailyLimit;
}

/**
 * The client address for rate limiting: the right-most X-Forwarded-For entry — the address the
 * nearest proxy (or Next's own server, which sets the header from the socket when it is absent)
 * saw; entries further left are whatever the client claimed. Then X-Real-IP.
 */
export function clientIp(headers: Headers): string {
  return clientIpFrom((n) => headers.get(n)) ?? "unknown";
}
