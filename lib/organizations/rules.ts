/** Organizations (组织) and teams (队伍): types and the list's URL filters. Pure. */
import { isRegionCode } from "@/lib/auth/rules";
import { controlCharErrors, one, type SearchParams, toQueryString } from "@/lib/search-params";
import { SECTOR_KEYS, type SectorKey } from "@/lib/volunteers/rules";

export const ORG_TYPES = ["party", "youth", "women", "union", "school", "enterprise", "social", "community"] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** 党员 / 青年 / 巾帼 / 工会 / 学校 / 企业 / 社会组织 / 社区. */
export const ORG_TYPE_ZH: Record<OrgType, string> = {
  party: "党员",
  youth: "青年",
  women: "巾帼",
  union: "工会",
  school: "学校",
  enterprise: "企业",
  social: "社会组织",
  community: "社区",
};

export interface OrgFilters {
  q: string;
  region: string;
  type: OrgType | null;
  sector: SectorKey | null;
  page: number;
}

/** The list's filters from the URL; a bad value (a control character too) is dropped and reported, naming the parameter. */
export function parseOrgFilters(sp: SearchParams): { filters: OrgFilters; errors: string[] } {
  const errors = controlCharErrors(sp);
  const q = (one(sp.q) ?? "").trim().slice(0, 40);
  let region = (one(sp.region) ?? "").trim();
  if (region && !isRegionCode(region)) {
    errors.push(`region：不是有效的区划代码 ${region}`);
    region = "";
  }
  const typeRaw = one(sp.type);
  let type: OrgType | null = null;
  if (typeRaw) {
    if ((ORG_TYPES as readonly string[]).includes(typeRaw)) type = typeRaw as OrgType;
    else errors.push(`type：未知的组织类型 ${typeRaw}（可选：${ORG_TYPES.join("、")}）`);
  }
  const sectorRaw = one(sp.sector);
  let sector: SectorKey | null = null;
  if (sectorRaw) {
    if ((SECTOR_KEYS as readonly string[]).includes(sectorRaw)) sector = sectorRaw as SectorKey;
    else errors.push(`sector：未知的板块 ${sectorRaw}`);
  }
  const pageRaw = one(sp.page);
  let page = 1;
  if (pageRaw) {
    const n = Number(pageRaw);
    if (Number.isInteger(n) && n >= 1 && n <= 100_000) page = n;
    else errors.push("page：页码应为正整数");
  }
  return { filters: { q, region, type, sector, page }, errors };
}

export function orgFiltersToQuery(f: Partial<OrgFilters>, overrides: Partial<OrgFilters> = {}): string {
  const m = { ...f, ...overrides };
  return toQueryString({ q: m.q, region: m.region, type: m.type, sector: m.sector, page: m.page });
}
