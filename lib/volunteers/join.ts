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

/** Reads a JSON body of at most `max` bytes; null when it is not a JSON object or too large. */
export async function readJsonBody(req: Request, max = 16_384): Promise<Record<string, unknown> | null | "too_large"> {
  const len = Number(req.headers.get("content-length") ?? 0);
  if (len > max) return "too_large";
  const text = await req.text();
  if (text.length > max) return "too_large";
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
