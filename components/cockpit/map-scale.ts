/**
 * The cockpit map's colour scale, as pure functions (unit-tested): five equal steps between the
 * smallest and largest district value, each with its numeric range for the legend; one palette for
 * "higher is better" (teal) and another for "higher is worse" (red), so darker never flips meaning
 * without saying so. Also the bounding box of a set of SVG paths (for the enlarged inset of the
 * dense urban districts).
 */
import type { MapMetric } from "@/lib/metrics/params";

/** Metrics where a higher value is worse (more overdue tasks). */
export const HIGHER_IS_WORSE: ReadonlySet<MapMetric> = new Set<MapMetric>(["overdue"]);

export const PALETTE_GOOD = ["#ccfbf1", "#5eead4", "#14b8a6", "#0f766e", "#134e4a"] as const;
export const PALETTE_BAD = ["#fee2e2", "#fca5a5", "#f87171", "#dc2626", "#991b1b"] as const;
export const NO_DATA = "#e5e7eb";

export const paletteFor = (metric: MapMetric) => (HIGHER_IS_WORSE.has(metric) ? PALETTE_BAD : PALETTE_GOOD);

/** Steps the legend shows: each colour with the range of values it stands for ("from – to"). Counts get whole-number bounds. */
export function legendSteps(min: number, max: number, integer: boolean): { from: number; to: number }[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max <= min) return [{ from: min, to: max }];
  const w = (max - min) / 5;
  const steps = Array.from({ length: 5 }, (_, i) => ({ from: min + i * w, to: i === 4 ? max : min + (i + 1) * w }));
  if (!integer) return steps;
  // whole numbers: step i holds the integers v with bucket(v) = i, i.e. ceil(from) … the last integer below `to` (the top step includes max)
  return steps
    .map((s, i) => ({ from: Math.ceil(s.from), to: i === 4 ? Math.floor(s.to) : Math.ceil(s.to) - 1 }))
    .map((s) => ({ from: s.from, to: Math.max(s.from, s.to) }));
}

/** Bounding box of absolute SVG path data (d3-geo writes M/L/Z with absolute coordinates). */
export function pathsBox(ds: readonly string[]): { x: number; y: number; width: number; height: number } | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const d of ds) {
    const nums = d.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/gi)?.map(Number) ?? [];
    for (let i = 0; i + 1 < nums.length; i += 2) {
      x0 = Math.min(x0, nums[i]!);
      x1 = Math.max(x1, nums[i]!);
      y0 = Math.min(y0, nums[i + 1]!);
      y1 = Math.max(y1, nums[i + 1]!);
    }
  }
  return Number.isFinite(x0) ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}
