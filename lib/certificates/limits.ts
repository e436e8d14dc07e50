import { rateLimitMessage, sharedLimiter, type RateLimiter } from "@/lib/rate-limit";

/**
 * The public certificate check (page and API), per client address: 10 a minute and 100 a day —
 * enough for an employer checking a pile of certificates, far too few to guess a 10-character code.
 */
export function certificateCheckLimiter(): RateLimiter {
  return sharedLimiter("certificate-check", [
    { ms: 60_000, max: 10 },
    { ms: 86_400_000, max: 100 },
  ]);
}

export function checkLimitMessage(retryAfter: number): string {
  return rateLimitMessage(retryAfter, "今天从此网络查验证明的次数已达上限，请明天再试");
}
