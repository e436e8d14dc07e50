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
  const path = geoPath(projection);
  const shapes = fc.features.map((f) => {
    const [x, y] = path.centroid(f);
    return { code: f.properties.code, name: f.properties.name, d: path(f) ?? "", labelX: Math.round(x), labelY: Math.round(y) };
  });
  cache = { width, height, shapes };
  return cache;
}

/** Five-step sequential scale: index 0 (lowest) … 4 (highest) for a value within [min, max]. */
export function bucket(value: number | null, min: number, max: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (max <= min) return 2;
  return Math.min(4, Math.floor(((value - min) / (max - min)) * 5));
}
