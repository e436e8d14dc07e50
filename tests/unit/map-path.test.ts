import { geoMercator, geoPath } from "d3-geo";
import { describe, expect, it } from "vitest";
import { compactPath, qingdaoDistrictShapes } from "@/lib/geo/map";
import districts from "@/lib/geo/qingdao-districts.json";

function bbox(d: string): [number, number, number, number] {
  const n = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
  const xs = n.filter((_, i) => i % 2 === 0);
  const ys = n.filter((_, i) => i % 2 === 1);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

describe("the cockpit map's district shapes", () => {
  it("keep each district's outline (bounding box within 2 px of the full-precision path) at a fraction of the bytes", () => {
    const fc = districts as unknown as Parameters<ReturnType<typeof geoMercator>["fitExtent"]>[1] & { features: { properties: { code: string } }[] };
    const full = geoPath(geoMercator().fitExtent([[8, 8], [512, 552]], fc));
    const map = qingdaoDistrictShapes(520, 560);
    expect(map.shapes).toHaveLength(10);
    let fullBytes = 0;
    for (const s of map.shapes) {
      const f = fc.features.find((x) => x.properties.code === s.code)!;
      const d = full(f as never)!;
      fullBytes += d.length;
      const a = bbox(d);
      const b = bbox(s.d);
      for (let i = 0; i < 4; i++) expect(Math.abs(a[i]! - b[i]!), `${s.name} bbox[${i}]`).toBeLessThan(2);
    }
    const bytes = map.shapes.reduce((n, s) => n + s.d.length, 0);
    expect(bytes).toBeLessThan(fullBytes / 3);
  });

  it("drops repeated and straight-line points and specks, keeps corners", () => {
    expect(compactPath("M0,0L0,0L5,0L10,0L10,10L0,10Z")).toBe("M0,0L10,0L10,10L0,10Z");
    expect(compactPath("M0,0L1,0L0,0ZM0,0L20,0L20,20Z")).toBe("M0,0L20,0L20,20Z");
  });
});
