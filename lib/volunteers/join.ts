import { type RateLimiter, sharedLimiter } from "@/lib/rate-limit";
import { env } from "@/lib/env";

/**
 * The public /join endpoint's limiter: 5 submissions a minute and 30 a day per client address,
 * kept on globalThis so every module instance in the process shares it.
 */
export function joinLimiter(): RateLimiter {
  return sharedLimiter("join", [
    { ms: 60_000, max: env().JOIN_RATE_PER_MINUTE },
    { ms: 86_400_000, max: env().JOIN_RATE_PER_DAY },
  ]);
}

/**
 * The /join page's pickers (regions, organizations of a street): a person filling the form makes a
 * handful of lookups per submission, so their own, wider window — a scraper still meets a limit.
 */
export function joinLookupLimiter(): RateLimiter {
  return sharedLimiter("join-lookup", [
    { ms: 60_000, max: 120 },
    { ms: 86_400_000, max: 5_000 },
  ]);
}
