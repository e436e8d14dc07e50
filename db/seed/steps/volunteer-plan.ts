import { bitCount } from "../constants";
import { apportion, cstMs, CumulativeSampler, DAY_MS, dayToIso, isoToDay, upperBound, weekday } from "../random";
import type { SeedState } from "../state";

/** Registration-day sampler: ~65 % before the campaign (2018 → start), the rest during it. */
function registrationDays(gen: SeedState): { pre: CumulativeSampler; preFrom: number; during: CumulativeSampler } {
  const preFrom = Math.min(isoToDay("2018-01-01"), gen.startDay - 365);
  const yearWeight: Record<number, number> = { 2018: 3, 2019: 5, 2020: 7, 2021: 8, 2022: 9, 2023: 11, 2024: 13, 2025: 15, 2026: 14 };
  const pre: number[] = [];
  for (let d = preFrom; d < gen.startDay; d++) {
    const y = Number(dayToIso(d).slice(0, 4));
    pre.push((yearWeight[y] ?? 14) * (weekday(d) === 0 || weekday(d) === 6 ? 1.2 : 1));
  }
  const during: number[] = [];
  for (let d = gen.startDay; d <= gen.asOfDay; d++) {
    const k = d - gen.startDay;
    let w = 1 + 2 * Math.min(1, k / 21); // rising in the weeks after the start
    if (k > 50) w *= Math.max(0.6, 1 - (k - 50) / 150);
    during.push(w * (weekday(d) === 0 || weekday(d) === 6 ? 1.25 : 1));
  }
  return { pre: new CumulativeSampler(pre), preFrom, during: new CumulativeSampler(during) };
}

/**
 * Plans the volunteers before any row is written: how many per community, registration days (ids
 * in registration order), activity propensity, sector intentions, the very active with star-level
 * targets, and the sampling pools later steps draw from.
 */
export function planVolunteers(gen: SeedState): void {
  const rng = gen.rng.fork("volunteer-plan");
  // volunteers per district and community
  for (const d of gen.districts) {
    d.vols = Math.round(d.pop * d.share);
    const comms = d.communities.map((i) => gen.communities[i]!);
    const counts = apportion(d.vols, comms.map((c) => c.pop * rng.float(0.6, 1.4)));
    comms.forEach((c, i) => {
      c.vols = counts[i]!;
      gen.streets[c.s]!.vols += c.vols;
    });
  }
  const V = (gen.V = gen.districts.reduce((a, d) => a + d.vols, 0));
  // registration days, then ids in registration order (random within a day)
  const reg = registrationDays(gen);
  const comm = new Int32Array(V);
  const regDay = new Int32Array(V);
  let k = 0;
  for (const c of gen.communities) {
    for (let j = 0; j < c.vols; j++, k++) {
      comm[k] = c.idx;
      regDay[k] = rng.chance(0.65) || reg.during.size === 0 ? reg.preFrom + reg.pre.draw(rng) : gen.startDay + reg.during.draw(rng);
    }
  }
  const perm = new Int32Array(V);
  for (let i = 0; i < V; i++) perm[i] = i;
  for (let i = V - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  const SHIFT = 4194304; // 2^22 > any V
  const keys = new Float64Array(V);
  for (let j = 0; j < V; j++) keys[j] = (regDay[perm[j]!]! - 10000) * SHIFT + j;
  keys.sort();
  gen.vComm = new Int32Array(V);
  gen.vReg = new Int32Array(V);
  for (let i = 0; i < V; i++) {
    const src = perm[keys[i]! - Math.floor(keys[i]! / SHIFT) * SHIFT]!;
    gen.vComm[i] = comm[src]!;
    gen.vReg[i] = regDay[src]!;
  }
  // activity propensity, sector intentions, star-level targets
  gen.vWeight = new Float64Array(V);
  gen.vTarget = new Float32Array(V);
  gen.vVerified = new Float64Array(V);
  gen.vSectors = new Uint8Array(V);
  gen.vPrimaryOrg = new Int32Array(V);
  gen.mark = new Int32Array(V).fill(-1);
  for (let i = 0; i < V; i++) {
    gen.vWeight[i] = rng.chance(0.18) ? 0.03 : rng.logNormal(1, 0.9);
    const town = gen.streets[gen.communities[gen.vComm[i]!]!.s]!.town;
    let mask = 0;
    const n = rng.weightedPair([[1, 45], [2, 38], [3, 17]] as const);
    while (bitCount(mask) < n) {
      const s = rng.weightedIndex(town ? [3, 2, 3, 1, 2, 1.5] : [3, 2.5, 0.3, 2.5, 2.5, 1.5]);
      mask |= 1 << s;
    }
    gen.vSectors[i] = mask;
  }
  // The very active: 1★–5★ targets among volunteers registered before 2024.
  const candidates = upperBound(gen.vReg, isoToDay("2024-01-01") - 1);
  const bands: [number, number, number][] = [
    [0.017, 105, 290],
    [0.006, 310, 590],
    [0.002, 610, 980],
    [0.0006, 1010, 1480],
    [0.0003, 1510, 1950],
  ];
  const wanted = bands.map(([f]) => Math.max(1, Math.round(V * f)));
  const total = Math.min(candidates, wanted.reduce((a, b) => a + b, 0));
  const picked = new Int32Array(candidates);
  for (let i = 0; i < candidates; i++) picked[i] = i;
  for (let i = 0; i < total; i++) {
    const j = i + Math.floor(rng.next() * (candidates - i));
    const t = picked[i]!;
    picked[i] = picked[j]!;
    picked[j] = t;
  }
  let cursor = 0;
  bands.forEach(([, lo, hi], b) => {
    for (let n = 0; n < wanted[b]! && cursor < total; n++, cursor++) {
      const v = picked[cursor]!;
      gen.vTarget[v] = rng.float(lo, hi);
      gen.vWeight[v] = 2 + gen.vTarget[v]! / 150;
    }
  });
  // sampling pools per district and street (ids ascending = registration order)
  const perDistrict: number[][] = gen.districts.map(() => []);
  const perStreet: number[][] = gen.streets.map(() => []);
  for (let i = 0; i < V; i++) {
    const c = gen.communities[gen.vComm[i]!]!;
    perDistrict[c.d]!.push(i);
    perStreet[c.s]!.push(i);
  }
  const pool = (ids: number[]) => {
    const a = Int32Array.from(ids);
    const regs = new Int32Array(a.length);
    const w = new Float64Array(a.length);
    for (let j = 0; j < a.length; j++) {
      regs[j] = gen.vReg[a[j]!]!;
      w[j] = gen.vWeight[a[j]!]!;
    }
    return { ids: a, regs, sampler: new CumulativeSampler(w) };
  };
  gen.distPool = perDistrict.map(pool);
  gen.streetPool = perStreet.map(pool);
  gen.globalSampler = new CumulativeSampler(gen.vWeight);
  // checkpoints for the redemption budgets (see seedTimeBank)
  const span = Math.max(1, gen.asOfEnd - cstMs(gen.startDay));
  const K = Math.max(1, Math.min(12, Math.ceil(span / (7 * DAY_MS))));
  for (let i = 0; i < K; i++) gen.ckMs.push(cstMs(gen.startDay) + Math.floor((span * i) / K));
  gen.ckDelta = new Int32Array(K * V);
  gen.campaignHoursByStreet = new Float64Array(gen.streets.length);
}
