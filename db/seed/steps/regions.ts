import * as schema from "@/db/schema";
import regionData from "@/db/seed/data/qingdao-regions.json";
import { DISTRICT_CENTRE, DISTRICT_SHARE } from "../constants";
import { CAMPAIGN_DAYS, CAMPAIGN_NAME } from "../options";
import { cstMs } from "../random";
import type { Community, RegionJson, SeedState, Street } from "../state";

/** The real region tree (city, 10 districts, 141 streets, communities) with scaled populations. */
export async function seedRegions(gen: SeedState): Promise<void> {
  const rng = gen.rng.fork("regions");
  const data = regionData as RegionJson[];
  for (const r of data) {
    if (r.level === "district") {
      const [lat, lng] = DISTRICT_CENTRE[r.code] ?? [36.2, 120.3];
      gen.districts.push({
        idx: gen.districts.length, code: r.code, name: r.name, short: r.name.replace(/(区|市)$/, ""),
        census: r.population, pop: 0, share: DISTRICT_SHARE[r.code] ?? 0.12, lat, lng,
        streets: [], communities: [], vols: 0, orgs: [], teams: [],
      });
    }
  }
  const dByCode = new Map(gen.districts.map((d) => [d.code, d]));
  for (const r of data) {
    if (r.level !== "street") continue;
    const d = dByCode.get(r.parent!)!;
    const s: Street = {
      idx: gen.streets.length, code: r.code, name: r.name, short: r.name.replace(/(街道|镇|乡)$/, ""),
      town: /镇$|乡$/.test(r.name), d: d.idx, census: r.population, pop: 0,
      lat: d.lat + rng.float(-0.08, 0.08), lng: d.lng + rng.float(-0.08, 0.08),
      communities: [], vols: 0, orgs: [], teams: [], projects: [],
    };
    gen.streets.push(s);
    d.streets.push(s.idx);
    gen.streetByCode.set(s.code, s);
  }
  for (const r of data) {
    if (r.level !== "community") continue;
    const s = gen.streetByCode.get(r.parent!)!;
    const c: Community = {
      idx: gen.communities.length, code: r.code, name: r.name, s: s.idx, d: s.d, census: r.population, pop: 0,
      lat: s.lat + rng.float(-0.02, 0.02), lng: s.lng + rng.float(-0.02, 0.02), vols: 0,
    };
    gen.communities.push(c);
    s.communities.push(c.idx);
    gen.districts[s.d]!.communities.push(c.idx);
  }
  // Population scaling (see module doc): communities first, then exact sums upwards.
  const weighted = gen.districts.reduce((a, d) => a + d.census * d.share, 0);
  gen.profileScale = gen.p.volunteers / weighted;
  for (const c of gen.communities) c.pop = Math.max(1, Math.round(c.census * gen.profileScale));
  for (const s of gen.streets) s.pop = s.communities.reduce((a, i) => a + gen.communities[i]!.pop, 0);
  for (const d of gen.districts) d.pop = d.streets.reduce((a, i) => a + gen.streets[i]!.pop, 0);
  gen.popTotal = gen.districts.reduce((a, d) => a + d.pop, 0);
  gen.censusTotal = gen.districts.reduce((a, d) => a + d.census, 0);

  const popOf = (code: string, level: string): number => {
    if (level === "city") return gen.popTotal;
    if (level === "district") return dByCode.get(code)!.pop;
    if (level === "street") return gen.streetByCode.get(code)!.pop;
    return gen.communities[gen.commIndex(code)]!.pop;
  };
  const latLng = (code: string, level: string): [number, number] => {
    if (level === "city") return [36.07, 120.38];
    if (level === "district") return [dByCode.get(code)!.lat, dByCode.get(code)!.lng];
    if (level === "street") return [gen.streetByCode.get(code)!.lat, gen.streetByCode.get(code)!.lng];
    const c = gen.communities[gen.commIndex(code)]!;
    return [c.lat, c.lng];
  };
  const rows = data.map((r) => {
    const [lat, lng] = latLng(r.code, r.level);
    return {
      code: r.code, name: r.name, level: r.level, parentCode: r.parent, population: popOf(r.code, r.level),
      lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6,
    };
  });
  for (let i = 0; i < rows.length; i += 2000) await gen.q.insert(schema.regions).values(rows.slice(i, i + 2000));
}

// ---------------------------------------------------------------------------- settings, campaign

/** Settings and the hundred-day campaign. */
export async function seedSettingsAndCampaign(gen: SeedState): Promise<void> {
  const at = new Date(cstMs(gen.startDay - 7, 10));
  await gen.q.insert(schema.settings).values([
    { key: "points_per_hour", value: "10", updatedAt: at },
    { key: "overdue_escalation_days", value: "3", updatedAt: at },
    { key: "dispatch_overdue_hours", value: "2", updatedAt: at },
    // Generated people and events: the portal shows a "演示数据" mark wherever this is set.
    { key: "data_profile", value: gen.o.profile.name, updatedAt: at },
  ]);
  await gen.q.insert(schema.campaigns).values({
    id: 1, name: CAMPAIGN_NAME, regionCode: "3702", startDate: gen.o.campaignStart, days: CAMPAIGN_DAYS, createdAt: at,
  });
}
