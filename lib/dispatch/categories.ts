/**
 * The 七帮 demand categories (帮老 帮困 帮病 帮残 帮教 帮事 帮心), their labels, and the one map from a
 * category to the welfare sector it counts under (hours on a need, a team's "sector fit", the seed).
 * Pure data: safe for client components, the seed and the rules alike.
 */
export const DEMAND_CATEGORIES = ["elderly", "poverty", "illness", "disability", "education", "affairs", "mental"] as const;
export type DemandCategory = (typeof DEMAND_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<DemandCategory, string> = {
  elderly: "帮老",
  poverty: "帮困",
  illness: "帮病",
  disability: "帮残",
  education: "帮教",
  affairs: "帮事",
  mental: "帮心",
};

/** Which of the six sectors a need of each category serves. */
export const CATEGORY_SECTOR: Record<DemandCategory, "elderly" | "minors" | "urban_warmth"> = {
  elderly: "elderly",
  poverty: "urban_warmth",
  illness: "elderly",
  disability: "urban_warmth",
  education: "minors",
  affairs: "urban_warmth",
  mental: "urban_warmth",
};

export function isDemandCategory(v: string): v is DemandCategory {
  return (DEMAND_CATEGORIES as readonly string[]).includes(v);
}

/** Who asks for help on 点单: a person, a unit (单位: a company, school, office) or a community on behalf of its residents. */
export const REQUESTER_TYPES = ["individual", "unit", "community"] as const;
export type RequesterType = (typeof REQUESTER_TYPES)[number];
