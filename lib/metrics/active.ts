/**
 * Active volunteers as a running sum (pure; docs/metrics.md). A verified service on day s makes its
 * volunteer active on days s … s + window − 1. Per volunteer × community × series, the days covered
 * form runs; the rollups store +1 where a run starts and −1 the day after it ends, so the number
 * active on day D is the sum of those deltas over every day ≤ D — additive over regions and days,
 * like every other rolled-up figure.
 */
import { addDays } from "./rules";

function covered(days: Set<string>, x: string, window: number): boolean {
  for (let i = 0; i < window; i++) if (days.has(addDays(x, -i))) return true;
  return false;
}

/**
 * The deltas that turn the runs of `before` into the runs of `after`, when the two sets of
 * service days differ at most on `day` (one record verified or un-verified). Only days
 * `day … day + window` can change.
 */
export function activeRunDeltas(before: Set<string>, after: Set<string>, day: string, window: number): { day: string; n: number }[] {
  const out: { day: string; n: number }[] = [];
  let prev = 0;
  for (let i = 0; i <= window; i++) {
    const x = addDays(day, i);
    const diff = i === window ? 0 : Number(covered(after, x, window)) - Number(covered(before, x, window));
    if (diff !== prev) out.push({ day: x, n: diff - prev });
    prev = diff;
  }
  return out;
}

/** The same deltas computed from scratch for a set of days (the reference the tests use). */
export function activeRunsOf(days: Iterable<string>, window: number): Map<string, number> {
  const sorted = [...new Set(days)].sort();
  const out = new Map<string, number>();
  const add = (d: string, n: number) => out.set(d, (out.get(d) ?? 0) + n);
  for (let i = 0; i < sorted.length; i++) {
    const d = sorted[i]!;
    const prev = sorted[i - 1];
    const next = sorted[i + 1];
    if (prev === undefined || d > addDays(prev, window)) add(d, 1);
    if (next === undefined || next > addDays(d, window)) add(addDays(d, window), -1);
  }
  return out;
}
