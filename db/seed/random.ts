/**
 * Deterministic randomness and calendar helpers for the demo-data seed.
 *
 * Everything the seed generates comes from `Rng` (mulberry32), never from Math.random or the
 * clock, so the same profile + seed + dates always produce the same rows. Each phase of the seed
 * takes its own stream (`rng.fork("volunteers")`), so changing how much one phase draws does not
 * shift the data of the others.
 *
 * Dates are handled as "day numbers" (days since 1970-01-01 of a calendar date) and instants as
 * epoch milliseconds. China Standard Time is UTC+8 all year (no DST), so a CST wall-clock time is
 * plain arithmetic — no local-time Date methods anywhere.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const CST_OFFSET_MS = 8 * HOUR_MS;

export { DAY_MS, HOUR_MS, MINUTE_MS };

/** 32-bit FNV-1a hash of a string, used to derive sub-stream seeds. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Seeded PRNG (mulberry32) with the sampling helpers the seed needs. */
export class Rng {
  private state: number;
  readonly seed: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.state = this.seed;
  }

  /** An independent stream for one phase of the generation. */
  fork(label: string): Rng {
    return new Rng(hash32(`${this.seed}:${label}`) ^ Math.imul(this.seed, 0x9e3779b1));
  }

  /** Uniform float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick() from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks an item with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    return items[this.weightedIndex(weights)]!;
  }

  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Picks from `[item, weight]` pairs. */
  weightedPair<T>(pairs: readonly (readonly [T, number])[]): T {
    return pairs[this.weightedIndex(pairs.map((p) => p[1]))]![0];
  }

  /** Standard normal variate (Box–Muller) scaled to mean/sd. */
  normal(mean = 0, sd = 1): number {
    let u = this.next();
    if (u < 1e-12) u = 1e-12;
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal variate with the given median and log-sd. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** Normal variate clamped to [min, max]. */
  normalClamped(mean: number, sd: number, min: number, max: number): number {
    return Math.min(max, Math.max(min, this.normal(mean, sd)));
  }

  /** A random day number in [fromDay, toDay]. */
  day(fromDay: number, toDay: number): number {
    return this.int(fromDay, toDay);
  }

  /** A 'YYYY-MM-DD' date between two 'YYYY-MM-DD' dates (inclusive). */
  date(from: string, to: string): string {
    return dayToIso(this.int(isoToDay(from), isoToDay(to)));
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }

  /** `k` distinct items (or all of them when there are fewer). */
  sample<T>(items: readonly T[], k: number): T[] {
    if (k >= items.length) return this.shuffle([...items]);
    const copy = [...items];
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const t = copy[i]!;
      copy[i] = copy[j]!;
      copy[j] = t;
    }
    return copy.slice(0, k);
  }

  /** Random string over an alphabet. */
  chars(alphabet: string, length: number): string {
    let s = "";
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }

  /** A UUID-shaped (version 4 layout) string drawn from this stream. */
  uuid(): string {
    const hex = "0123456789abcdef";
    let s = "";
    for (let i = 0; i < 32; i++) {
      let d = Math.floor(this.next() * 16);
      if (i === 12) d = 4;
      if (i === 16) d = 8 + (d & 3);
      s += hex[d];
      if (i === 7 || i === 11 || i === 15 || i === 19) s += "-";
    }
    return s;
  }
}

/**
 * Sampler over a fixed weight vector: O(log n) draws through a cumulative table.
 * `prefix` limits a draw to the first `prefix` items (used for "registered on or before").
 */
export class CumulativeSampler {
  readonly cum: Float64Array;

  constructor(weights: ArrayLike<number>) {
    this.cum = new Float64Array(weights.length);
    let acc = 0;
    for (let i = 0; i < weights.length; i++) {
      acc += weights[i]!;
      this.cum[i] = acc;
    }
  }

  get size(): number {
    return this.cum.length;
  }

  draw(rng: Rng, prefix: number = this.cum.length): number {
    if (prefix <= 0) return -1;
    const total = this.cum[prefix - 1]!;
    const r = rng.next() * total;
    let lo = 0;
    let hi = prefix - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cum[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Number of items in a sorted array that are <= value. */
export function upperBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Splits `total` into integer parts proportional to `weights` (largest remainder), summing exactly. */
export function apportion(total: number, weights: readonly number[], minEach = 0): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const base = Math.min(minEach, Math.floor(total / n));
  const rest = total - base * n;
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) {
    const out = new Array<number>(n).fill(base);
    for (let i = 0; i < rest; i++) out[i % n]! += 1;
    return out;
  }
  const exact = weights.map((w) => (w / sum) * rest);
  const out = exact.map((x) => base + Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) out[order[k]![1]]! += 1;
  return out;
}

// ---------------------------------------------------------------- calendar (CST)

/** Day number of a 'YYYY-MM-DD' calendar date. */
export function isoToDay(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.floor(Date.UTC(y!, m! - 1, d!) / DAY_MS);
}

const isoCache = new Map<number, string>();
/** 'YYYY-MM-DD' of a day number. */
export function dayToIso(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

/** 'YYYYMMDD' of a day number. */
export function dayToCompact(day: number): string {
  return dayToIso(day).replaceAll("-", "");
}

/** Instant (epoch ms) of a China-time wall clock on a day: cstMs(day, 9.5) = 09:30 CST. */
export function cstMs(day: number, hours = 0): number {
  return day * DAY_MS - CST_OFFSET_MS + Math.round(hours * HOUR_MS);
}

/** The China-time calendar day of an instant. */
export function cstDayOf(ms: number): number {
  return Math.floor((ms + CST_OFFSET_MS) / DAY_MS);
}

/** Hour of day (fractional) in China time of an instant. */
export function cstHourOf(ms: number): number {
  return (((ms + CST_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / HOUR_MS;
}

/** ISO-8601 UTC text of an instant. */
export function isoTs(ms: number): string {
  return new Date(ms).toISOString();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** True for a real 'YYYY-MM-DD' calendar date. */
export function isValidIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split("-").map(Number);
  const dt = new Date(Date.UTC(y!, m! - 1, d!));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m! - 1 && dt.getUTCDate() === d && y! >= 1900 && y! <= 2999;
}

/** Adds whole years to a day number (Feb 29 → Feb 28). */
export function addYears(day: number, years: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear() + years;
  const m = d.getUTCMonth();
  let dd = d.getUTCDate();
  if (m === 1 && dd === 29) dd = 28;
  return Math.floor(Date.UTC(y, m, dd) / DAY_MS);
}
