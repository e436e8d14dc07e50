import { describe, expect, it } from "vitest";
import { activeRunDeltas, activeRunsOf } from "@/lib/metrics/active";
import { addDays, daysBetween } from "@/lib/metrics/rules";

const W = 30;

/** Active on `d` by definition: some service day in (d − 30, d]. */
function activeOn(days: Set<string>, d: string) {
  return [...days].some((s) => s <= d && daysBetween(s, d) < W);
}

function sumTo(deltas: Map<string, number>, d: string) {
  let n = 0;
  for (const [k, v] of deltas) if (k <= d) n += v;
  return n;
}

function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe("active volunteers as runs", () => {
  it("the running sum of the run deltas is 1 exactly on the days the definition says active", () => {
    const r = rng(7);
    for (let t = 0; t < 200; t++) {
      const days = new Set(Array.from({ length: 1 + Math.floor(r() * 6) }, () => addDays("2026-01-01", Math.floor(r() * 150))));
      const deltas = activeRunsOf(days, W);
      for (let i = -5; i < 200; i += 3) {
        const d = addDays("2026-01-01", i);
        expect(sumTo(deltas, d)).toBe(activeOn(days, d) ? 1 : 0);
      }
    }
  });

  it("the incremental change for one added or removed day equals the difference of the full runs", () => {
    const r = rng(11);
    for (let t = 0; t < 80; t++) {
      const before = new Set(Array.from({ length: Math.floor(r() * 5) }, () => addDays("2026-03-01", Math.floor(r() * 120))));
      const day = addDays("2026-03-01", Math.floor(r() * 120));
      const after = new Set(before).add(day);
      const add = activeRunDeltas(before, after, day, W);
      const remove = activeRunDeltas(after, before, day, W);
      const full = new Map(activeRunsOf(before, W));
      for (const x of add) full.set(x.day, (full.get(x.day) ?? 0) + x.n);
      const want = activeRunsOf(after, W);
      for (let i = -40; i < 200; i += 3) {
        const d = addDays("2026-03-01", i);
        expect(sumTo(full, d)).toBe(sumTo(want, d));
      }
      // removing it again undoes exactly what adding did
      expect(remove.map((x) => ({ day: x.day, n: -x.n }))).toEqual(add);
      if (before.has(day)) expect(add).toEqual([]);
    }
  });
});
