/**
 * Pure authorization rules: roles, the areas each role may open, region scope. Every page, server
 * action and route handler reaches these through lib/auth/session.ts; nothing else decides access.
 */
export const ROLES = ["wmb_staff", "leader", "street_officer", "org_admin", "sysadmin", "secadmin", "auditor"] as const;
export type Role = (typeof ROLES)[number];

/** The three separated administrators (三权分立): they never see business data. */
export const ADMIN_ROLES: readonly Role[] = ["sysadmin", "secadmin", "auditor"];
export const BUSINESS_ROLES: readonly Role[] = ["wmb_staff", "leader", "street_officer", "org_admin"];

export const AREAS = [
  "cockpit",
  "regions",
  "tasks",
  "volunteers",
  "organizations",
  "service-hours",
  "timebank",
  "dispatch",
  "reports",
  "admin",
] as const;
export type Area = (typeof AREAS)[number];

const BUSINESS_AREAS: readonly Area[] = AREAS.filter((a) => a !== "admin");

const AREA_ACCESS: Record<Role, readonly Area[]> = {
  wmb_staff: BUSINESS_AREAS,
  leader: BUSINESS_AREAS,
  street_officer: BUSINESS_AREAS,
  org_admin: ["cockpit", "regions", "volunteers", "organizations", "service-hours", "timebank", "dispatch"],
  sysadmin: ["admin"],
  secadmin: ["admin"],
  auditor: ["admin"],
};

export function canOpen(role: Role, area: Area): boolean {
  return AREA_ACCESS[role].includes(area);
}

export function areasFor(role: Role): readonly Area[] {
  return AREA_ACCESS[role];
}

/** Roles that may change business data at all (leaders read only). */
export function canWrite(role: Role): boolean {
  return role === "wmb_staff" || role === "street_officer" || role === "org_admin";
}

/** GB/T 2260 codes nest by prefix: a code is in scope when it starts with the scope code. */
export function isRegionCode(code: string): boolean {
  return /^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/.test(code);
}

export function inScope(scopeCode: string, code: string): boolean {
  return isRegionCode(scopeCode) && isRegionCode(code) && code.startsWith(scopeCode);
}

/** The LIKE pattern for "everything under scope"; refuses anything that is not a region code. */
export function scopePattern(scopeCode: string): string {
  if (!isRegionCode(scopeCode)) throw new Error(`非法的区域代码: ${scopeCode}`);
  return `${scopeCode}%`;
}

export type Level = "city" | "district" | "street" | "community";

export function levelOf(code: string): Level {
  switch (code.length) {
    case 4:
      return "city";
    case 6:
      return "district";
    case 9:
      return "street";
    case 12:
      return "community";
    default:
      throw new Error(`非法的区域代码: ${code}`);
  }
}

/** The level of a region's children (a community has none; it maps to itself). */
export function childLevel(level: Level): Level {
  return level === "city" ? "district" : level === "district" ? "street" : "community";
}

/** Ancestors from the city down to (and including) the code: 370285001 → [3702, 370285, 370285001]. */
export function lineage(code: string): string[] {
  const cuts = [4, 6, 9, 12].filter((n) => n <= code.length);
  return cuts.map((n) => code.slice(0, n));
}

/**
 * Where each role lands after login (its work, not a dashboard it does not use): street offices on
 * their rectification tasks, organization admins on their activities and hours, 文明办 and leaders
 * on the cockpit, the separated administrators on their console.
 */
export function homeFor(role: Role): string {
  switch (role) {
    case "street_officer":
      return "/tasks";
    case "org_admin":
      return "/service-hours";
    case "wmb_staff":
    case "leader":
      return "/cockpit";
    default:
      return "/admin";
  }
}

/** Role label key for the header ("文明办", "领导", …), by role and scope level. */
export function roleLabelKey(role: Role): string {
  return `roles.${role}`;
}

/**
 * Where to go after login: a same-origin path only. Browsers treat `//host` and `/\\host` as another
 * origin, and URL normalisation turns `/.//host`, `/..//host` and `/%2e//host` into `//host`, so the
 * path is judged after normalisation; anything doubtful goes to the default.
 */
export function safeCallbackPath(raw: string | string[] | undefined | null, fallback = "/cockpit"): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.includes("\\") || /[\u0000-\u001f\u007f]/.test(v)) return fallback;
  let u: URL;
  try {
    u = new URL(v, "http://local");
  } catch {
    return fallback;
  }
  if (u.origin !== "http://local" || u.username || u.password) return fallback;
  const path = u.pathname;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\") || path.includes("\\")) return fallback;
  if (path === "/login" || path.startsWith("/login/") || path.startsWith("/api/")) return fallback;
  return `${path}${u.search}`;
}
