/**
 * Team suggestions for a need, pure: nearest first by place (same community, then street, then
 * district, then elsewhere), inside a place by a score of straight-line distance (haversine, when
 * both have coordinates), current load (open dispatched/accepted needs) and sector fit. Every
 * suggestion carries the reason in words.
 */
import { CATEGORY_LABELS, CATEGORY_SECTOR, type DemandCategory } from "./categories";

export interface CandidateTeam {
  id: number;
  name: string;
  regionCode: string;
  lat: number | null;
  lng: number | null;
  sectors: string[];
  /** Open needs (dispatched or accepted) the team holds now. */
  load: number;
}

export interface NeedPlace {
  communityCode: string;
  lat: number | null;
  lng: number | null;
  category: DemandCategory;
}

export interface Suggestion {
  teamId: number;
  name: string;
  distanceKm: number | null;
  load: number;
  tier: 0 | 1 | 2 | 3;
  sectorFit: boolean;
  reason: string;
}

const R_KM = 6371.0088;

export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** 0 same community, 1 same street, 2 same district, 3 elsewhere. */
export function placeTier(need: string, team: string): 0 | 1 | 2 | 3 {
  if (team.length >= 12 && team.slice(0, 12) === need) return 0;
  if (team.length >= 9 && team.slice(0, 9) === need.slice(0, 9)) return 1;
  if (team.length >= 6 && team.slice(0, 6) === need.slice(0, 6)) return 2;
  return 3;
}

const TIER_WORDS = ["同社区", "同街道", "同区（市）", "跨区（市）"] as const;
/** One open need weighs like this many kilometres; a team that lists the need's sector gains this many. */
export const LOAD_KM = 1.5;
export const FIT_KM = 2;

export function rankTeams(need: NeedPlace, teams: CandidateTeam[]): Suggestion[] {
  const sector = CATEGORY_SECTOR[need.category];
  const scored = teams.map((t) => {
    const tier = placeTier(need.communityCode, t.regionCode);
    const distanceKm = need.lat != null && need.lng != null && t.lat != null && t.lng != null ? Math.round(haversineKm({ lat: need.lat, lng: need.lng }, { lat: t.lat, lng: t.lng }) * 10) / 10 : null;
    const sectorFit = t.sectors.includes(sector);
    // without coordinates, assume the typical distance of the tier
    const km = distanceKm ?? [0.5, 3, 10, 30][tier]!;
    const score = km + LOAD_KM * t.load - (sectorFit ? FIT_KM : 0);
    const parts: string[] = [TIER_WORDS[tier]];
    parts.push(distanceKm != null ? `${distanceKm} 公里` : "无坐标");
    parts.push(t.load === 0 ? "当前无在办需求" : `在办 ${t.load} 单`);
    if (sectorFit) parts.push(`擅长${CATEGORY_LABELS[need.category]}`);
    return { teamId: t.id, name: t.name, distanceKm, load: t.load, tier, sectorFit, reason: parts.join(" · "), score };
  });
  scored.sort((a, b) => a.tier - b.tier || a.score - b.score || a.teamId - b.teamId);
  return scored.map((s) => ({ teamId: s.teamId, name: s.name, distanceKm: s.distanceKm, load: s.load, tier: s.tier, sectorFit: s.sectorFit, reason: s.reason }));
}
