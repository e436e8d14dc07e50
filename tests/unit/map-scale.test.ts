import { describe, expect, it } from "vitest";
import { bucket } from "@/lib/geo/map";
import { HIGHER_IS_WORSE, legendSteps, PALETTE_BAD, PALETTE_GOOD, paletteFor, pathsBox } from "@/components/cockpit/map-scale";

/** The cockpit map legend states the range of each colour step, and the colours do not flip meaning. */
describe("map legend steps", () => {
  it("whole-number steps cover every count exactly once, each in the step its colour is drawn with", () => {
    const steps = legendSteps(3, 41, true);
    expect(steps).toHaveLength(5);
    expect(steps[0]!.from).toBe(3);
    expect(steps[4]!.to).toBe(41);
    for (let v = 3; v <= 41; v++) {
      const b = bucket(v, 3, 41)!;
      expect(v >= steps[b]!.from && v <= steps[b]!.to).toBe(true);
      expect(steps.filter((s) => v >= s.from && v <= s.to)).toHaveLength(1);
    }
  });

  it("ratio steps are contiguous from min to max; equal values give one step", () => {
    const s = legendSteps(0.05, 0.2, false);
    expect(s.map((x) => x.from)).toEqual([0.05, 0.08, 0.11, 0.14, 0.17].map((x) => expect.closeTo(x, 10)));
    expect(s[4]!.to).toBe(0.2);
    expect(legendSteps(7, 7, true)).toEqual([{ from: 7, to: 7 }]);
    expect(legendSteps(Infinity, -Infinity, true)).toEqual([]);
  });

  it("overdue uses the red scale (darker = worse); the other metrics the teal one (darker = better)", () => {
    expect(paletteFor("overdue")).toBe(PALETTE_BAD);
    expect(paletteFor("registrationShare")).toBe(PALETTE_GOOD);
    expect(paletteFor("closureRate")).toBe(PALETTE_GOOD);
    expect([...HIGHER_IS_WORSE]).toEqual(["overdue"]);
  });

  it("bounding box of absolute path data", () => {
    expect(pathsBox(["M10,20L30,5L12,40Z", "M50,22L48,21Z"])).toEqual({ x: 10, y: 5, width: 40, height: 35 });
    expect(pathsBox([""])).toBeNull();
  });
});
