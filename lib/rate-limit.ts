/**
 * A small in-memory, per-key rate limiter with several windows (e.g. 5 per minute and 30 per day per
 * IP for the public /join endpoint). Per process: behind a load balancer each node counts its own
 * share, which still bounds abuse; a shared store is the upgrade path.
 */
import { clientIpFrom } from "@/lib/security/ip";

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
  ) {
    this.longest = Math.max(...windows.map((w) => w.ms));
  }

  /**
   * Records an attempt for `key` at `now` unless a window is full. Returns whether it is allowed and,
   * if not, how many seconds until it would be.
   */
  take(key: string, now = Date.now()): { ok: true } | { ok: false; retryAfter: number; window: Window } {
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
  if (!l) registry.__civicLimiters.set(name, (l = new RateLimiter(windows)));
  return l;
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
