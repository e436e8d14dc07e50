import { rateLimitMessage, sharedLimiter, type RateLimiter } from "@/lib/rate-limit";
import { env } from "@/lib/env";

/**
 * The public dispatch endpoints' limiters: posting a need (5 a minute, 30 a day per address) and
 * looking one up on the follow-up page (20 a minute, 200 a day — a reference + phone pair is not
 * to be guessed).
 */
export function demandPostLimiter(): RateLimiter {
  return sharedLimiter("demand-post", [
    { ms: 60_000, max: env().DEMAND_RATE_PER_MINUTE },
    { ms: 86_400_000, max: env().DEMAND_RATE_PER_DAY },
  ]);
}

export function demandFollowLimiter(): RateLimiter {
  return sharedLimiter("demand-follow", [
    { ms: 60_000, max: 20 },
    { ms: 86_400_000, max: 200 },
  ]);
}

export function demandRateMessage(retryAfter: number): string {
  return rateLimitMessage(retryAfter, "今天从此网络提交的次数已达上限，请明天再试，或拨打所在街道电话登记需求");
}
