/** The volunteer search's filters, read from the URL (page and API share them). Pure. */
import { isRegionCode } from "@/lib/auth/rules";
import { controlCharErrors, one, type SearchParams, toQueryString } from "@/lib/search-params";
import { SECTOR_KEYS, type SectorKey } from "./rules";

export interface VolunteerFilters {
  q: string;
  region: string;
  org: number | null;
  star: number | null;
  sector: SectorKey | null;
  active: boolean | null;
  page: number;
}

export const PAGE_SIZE = 20;

/**
 * Parses the search parameters. A bad value (a control character too) never breaks the page: it is
 * dropped and reported, naming the parameter.
 */
export function parseVolunteerFilters(sp: SearchParams): { filters: VolunteerFilters; errors: string[] } {
  const errors = controlCharErrors(sp);
  const q = (one(sp.q) ?? "").trim().slice(0, 30);
  let region = (one(sp.region) ?? "").trim();
  if (region && !isRegionCode(region)) {
    errors.push(`region：不是有效的区划代码 ${region}`);
    region = "";
  }
  const orgRaw = one(sp.org);
  let org: number | null = null;
  if (orgRaw) {
    const n = Number(orgRaw);
    if (Number.isInteger(n) && n > 0) org = n;
    else errors.push(`org：组织编号应为正整数`);
  }
  const starRaw = one(sp.star);
  let star: number | null = null;
  if (starRaw) {
    const n = Number(starRaw);
    if (Number.isInteger(n) && n >= 0 && n <= 5) star = n;
    else errors.push("star：星级应为 0–5");
  }
  const sectorRaw = one(sp.sector);
  let sector: SectorKey | null = null;
  if (sectorRaw) {
    if ((SECTOR_KEYS as readonly string[]).includes(sectorRaw)) sector = sectorRaw as SectorKey;
    else errors.push(`sector：未知的服务意向 ${sectorRaw}`);
  }
  const activeRaw = one(sp.active);
  const active = activeRaw === "1" || activeRaw === "true" ? true : activeRaw === "0" || activeRaw === "false" ? false : null;
  if (activeRaw && active === null) errors.push("active：应为 1（活跃）或 0（不活跃）");
  const pageRaw = one(sp.page);
  let page = 1;
  if (pageRaw) {
    const n = Number(pageRaw);
    if (Number.isInteger(n) && n >= 1 && n <= 100_000) page = n;
    else errors.push("page：页码应为正整数");
  }
  return { filters: { q, region, org, star, sector, active, page }, errors };
}

/** The filters back as a query string (for pagination links and the export link). */
export function filtersToQuery(f: Partial<VolunteerFilters>, overrides: Partial<VolunteerFilters> = {}): string {
  const m = { ...f, ...overrides };
  return toQueryString({ q: m.q, region: m.region, org: m.org, star: m.star, sector: m.sector, active: m.active, page: m.page });
}
