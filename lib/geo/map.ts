import { geoMercator, geoPath } from "d3-geo";
import type { FeatureCollection, Geometry } from "geojson";
import districts from "./qingdao-districts.json";

export interface MapShape {
  code: string;
  name: string;
  d: string;
  labelX: number;
  labelY: number;
}

const fc = districts as unknown as FeatureCollection<Geometry, { code: string; name: string }>;

let cache: { width: number; height: number; shapes: MapShape[] } | undefined;

/** Qingdao's ten districts projected once into SVG paths (server side; no tiles, no client JS). */
export function qingdaoDistrictShapes(width = 520, height = 560): { width: number; height: number; shapes: MapShape[] } {
  if (cache && cache.width === width && cache.height === height) return cache;
  const projection = geoMercator().fitExtent(
    [
      [8, 8],
      [width - 8, height - 8],
    ],
    fc,
  );
  const path = geoPath(projection).digits(0);
  const shapes = fc.features.map((f) => {
    const [x, y] = path.centroid(f);
    return { code: f.properties.code, name: f.properties.name, d: compactPath(path(f) ?? ""), labelX: Math.round(x), labelY: Math.round(y) };
  });
  cache = { width, height, shapes };
  return cache;
}

/**
 * A path at whole-pixel precision without the points that fall on the previous one or make almost
 * no turn, and without rings of fewer than three distinct pixels (specks of coastline): the map draws the same at its
 * size, and every cockpit page sends it twice (HTML and the React payload) — 59 KB before, a few
 * KB after.
 */
export function compactPath(d: string, minArea = 3): string {
  const out: string[] = [];
  for (const ring of d.split("M").filter(Boolean)) {
    const closed = ring.endsWith("Z");
    const pts = (closed ? ring.slice(0, -1) : ring).split("L").map((p) => p.split(",").map(Number) as [number, number]);
    const distinct = new Set(pts.map((p) => p.join(","))).size;
    let kept: [number, number][] = [];
    for (const p of pts) {
      const last = kept[kept.length - 1];
      if (last && last[0] === p[0] && last[1] === p[1]) continue;
      // drop the previous point when it makes (almost) no turn between its neighbours
      const prev = kept[kept.length - 2];
      if (prev && last && Math.abs((last[0] - prev[0]) * (p[1] - prev[1]) - (p[0] - prev[0]) * (last[1] - prev[1])) < minArea) kept.pop();
      kept.push(p);
    }
    const first = kept[0];
    const end = kept[kept.length - 1];
    if (closed && first && end && kept.length > 1 && first[0] === end[0] && first[1] === end[1]) kept.pop();
    // an island too small to simplify keeps its own points; one under 3 distinct pixels is a speck
    if (closed && kept.length < 3) {
      if (distinct < 3) continue;
      kept = pts.filter((p, i) => i === 0 || p.join(",") !== pts[i - 1]!.join(","));
    }
    out.push(`M${kept.map((p) => p.join(",")).join("L")}${closed ? "Z" : ""}`);
  }
  return out.join("");
}

/** Five-step sequential scale: index 0 (lowest) … 4 (highest) for a value within [min, max]. */
export function bucket(value: number | null, min: number, max: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (max <= min) return 2;
  return Math.min(4, Math.floor(((value - min) / (max - min)) * 5));
}
