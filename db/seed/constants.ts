/** The fixed facts the generator works from (district shares, task types, demo accounts) and small helpers. */
import { STAR_THRESHOLDS } from "@/lib/volunteers/rules";
import * as N from "./names";
import { CumulativeSampler, type Rng } from "./random";

export const SECTORS = N.SECTOR_KEYS;
export type Sector = N.SectorKey;

/** Realistic registration shares per district (urban districts higher). */
export const DISTRICT_SHARE: Record<string, number> = {
  "370202": 0.19, // 市南
  "370203": 0.17, // 市北
  "370211": 0.13, // 黄岛
  "370212": 0.16, // 崂山
  "370213": 0.15, // 李沧
  "370214": 0.18, // 城阳
  "370215": 0.11, // 即墨
  "370281": 0.12, // 胶州
  "370283": 0.09, // 平度
  "370285": 0.14, // 莱西
};

export const DISTRICT_CENTRE: Record<string, [number, number]> = {
  "370202": [36.07, 120.38],
  "370203": [36.09, 120.37],
  "370211": [35.96, 120.2],
  "370212": [36.11, 120.47],
  "370213": [36.15, 120.43],
  "370214": [36.31, 120.4],
  "370215": [36.39, 120.45],
  "370281": [36.26, 120.03],
  "370283": [36.78, 119.99],
  "370285": [36.89, 120.52],
};

/** Core urban districts: more tasks per street, almost no rural projects. */
export const CORE_URBAN = new Set(["370202", "370203", "370212", "370213"]);

export const SHUIJI_STREET = "370285001";
export const WANGCHENG_STREET = "370285002";
export const LAIXI = "370285";
export const SHUIJI_ORG_NAME = "水集街道新时代文明实践志愿服务队";

export const STAR_LEVEL_SQL = `CASE ${[...STAR_THRESHOLDS]
  .map((t, i) => [t, i + 1] as const)
  .reverse()
  .map(([t, lvl]) => `WHEN s.h >= ${t} THEN ${lvl}`)
  .join(" ")} ELSE 0 END`;

export const DEMAND_STAGE: Record<string, number> = { posted: 0, dispatched: 1, accepted: 2, completed: 3, rated: 4, rewarded: 5 };

export const TASK_TYPES = [
  ["sanitation", 30],
  ["flyposting", 22],
  ["parking", 20],
  ["street_vending", 12],
  ["psa_damage", 7],
  ["facility_damage", 7],
  ["illegal_building", 2],
] as const;
export type TaskType = (typeof TASK_TYPES)[number][0];

export const TASK_DEADLINE_DAYS: Record<TaskType, readonly number[]> = {
  sanitation: [7, 7, 10],
  flyposting: [7, 7, 10],
  parking: [7, 10, 15],
  street_vending: [10, 15],
  psa_damage: [10, 15, 20],
  facility_damage: [15, 20, 30],
  illegal_building: [30],
};

/** How much more often a task type drags on past its deadline. */
export const TASK_DIFFICULTY: Record<TaskType, number> = {
  sanitation: 0.8,
  flyposting: 0.7,
  parking: 1,
  street_vending: 1.5,
  psa_damage: 1.2,
  facility_damage: 2,
  illegal_building: 5,
};

// Demo accounts, in id order (ids 1–10).
export const USERS = [
  { username: "wmb_admin", displayName: "市文明办管理员", role: "wmb_staff", scope: "3702" },
  { username: "city_leader", displayName: "青岛市领导", role: "leader", scope: "3702" },
  { username: "laixi_wmb", displayName: "莱西市文明办", role: "wmb_staff", scope: LAIXI },
  { username: "laixi_leader", displayName: "莱西市领导", role: "leader", scope: LAIXI },
  { username: "shuiji_street", displayName: "水集街道办事处", role: "street_officer", scope: SHUIJI_STREET },
  { username: "wangcheng_street", displayName: "望城街道办事处", role: "street_officer", scope: WANGCHENG_STREET },
  { username: "org_admin", displayName: "水集街道志愿服务队管理员", role: "org_admin", scope: SHUIJI_STREET },
  { username: "sysadmin", displayName: "系统管理员", role: "sysadmin", scope: "3702" },
  { username: "secadmin", displayName: "安全管理员", role: "secadmin", scope: "3702" },
  { username: "auditor", displayName: "安全审计员", role: "auditor", scope: "3702" },
] as const;
export const U = { wmb: 1, leader: 2, laixiWmb: 3, laixiLeader: 4, shuiji: 5, wangcheng: 6, orgAdmin: 7, sysadmin: 8, secadmin: 9, auditor: 10 };

// ---------------------------------------------------------------------------- small helpers

export function bitCount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function d2(n: number): string {
  return String(n).padStart(2, "0");
}

export function clampMs(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

export function hashDay(day: number, d: number): number {
  return ((day * 2654435761) ^ (d * 40503)) >>> 0;
}

export function randomMobile(rng: Rng): string {
  return `1${rng.pick(["3", "5", "8", "7", "9", "6"])}${String(rng.int(0, 999_999_999)).padStart(9, "0")}`;
}

/** Chinese personal names: surnames by frequency, older given names for the older generation. */
export function nameMaker(rng: Rng) {
  const surnames = new CumulativeSampler(N.SURNAMES.map((s) => s[1]));
  return {
    name: (g: "M" | "F", birthYear: number): string => {
      const sn = N.SURNAMES[surnames.draw(rng)]![0];
      if (birthYear < 1970 && rng.chance(0.4)) return sn + rng.pick(g === "M" ? N.GIVEN_OLDER_MALE : N.GIVEN_OLDER_FEMALE);
      const pool = g === "M" ? N.GIVEN_MALE : N.GIVEN_FEMALE;
      return sn + rng.pick(pool) + (rng.chance(0.65) ? rng.pick(pool) : "");
    },
  };
}
