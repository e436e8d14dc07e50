/**
 * Per-account limit on expensive reads (city-wide figures, exports): at most `concurrent` requests
 * of one account in flight and `perMinute` started per minute. One account that fires hundreds of
 * requests at once gets 429 with Retry-After instead of stalling everyone else behind it.
 * Per process (each app node counts its own; the slot is held only while the request runs).
 */
import { env } from "@/lib/env";

interface Bucket {
  inFlight: number;
  starts: number[];
}

const store = globalThis as unknown as { __civicReadSlots?: Map<string, Bucket> };

export function acquireReadSlot(key: string, now = Date.now()): { ok: true; release: () => void } | { ok: false; retryAfter: number } {
  const { concurrent, perMinute } = readLimits();
  store.__civicReadSlots ??= new Map();
  const map = store.__civicReadSlots;
  const b = map.get(key) ?? { inFlight: 0, starts: [] };
  b.starts = b.starts.filter((t) => now - t < 60_000);
  if (b.inFlight >= concurrent) {
    map.set(key, b);
    return { ok: false, retryAfter: 1 };
  }
  if (b.starts.length >= perMinute) {
    map.set(key, b);
    return { ok: false, retryAfter: Math.max(1, Math.ceil((b.starts[0]! + 60_000 - now) / 1000)) };
  }
  b.inFlight += 1;
  b.starts.push(now);
  map.set(key, b);
  let released = false;
  return {
    ok: true,
    release: () => {
      if (released) return;
      released = true;
      b.inFlight = Math.max(0, b.inFlight - 1);
      if (b.inFlight === 0 && b.starts.length === 0) map.delete(key);
    },
  };
}

function readLimits(): { concurrent: number; perMinute: number } {
  const e = env();
  return { concurrent: e.READ_LIMIT_CONCURRENT, perMinute: e.READ_LIMIT_PER_MINUTE };
}

export function resetReadSlots(): void {
  store.__civicReadSlots?.clear();
}
