import { RateLimiter } from "@/lib/volunteers/ratelimit";

/**
 * The public dispatch endpoints' limiters, kept on globalThis so every module instance in the
 * process shares them: posting a need (5 a minute, 30 a day per address) and looking one up on the
 * follow-up page (20 a minute, 200 a day — a reference + phone pair is not to be guessed).
 */
const g = globalThis as unknown as { __demandPost?: RateLimiter; __demandFollow?: RateLimiter };

export function demandPostLimiter(): RateLimiter {
  g.__demandPost ??= new RateLimiter([
    { ms: 60_000, max: Number(process.env.DEMAND_RATE_PER_MINUTE ?? 5) },
    { ms: 86_400_000, max: Number(process.env.DEMAND_RATE_PER_DAY ?? 30) },
  ]);
  return g.__demandPost;
}

export function demandFollowLimiter(): RateLimiter {
  g.__demandFollow ??= new RateLimiter([
    { ms: 60_000, max: 20 },
    { ms: 86_400_000, max: 200 },
  ]);
  return g.__demandFollow;
}

export function demandRateMessage(retryAfter: number): string {
  if (retryAfter <= 90) return `提交过于频繁，请 ${retryAfter} 秒后再试`;
  const min = Math.ceil(retryAfter / 60);
  if (min < 120) return `提交过于频繁，请 ${min} 分钟后再试`;
  return "今天从此网络提交的次数已达上限，请明天再试，或拨打所在街道电话登记需求";
}
