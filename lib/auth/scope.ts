import { type SQL, sql } from "drizzle-orm";
import type { Actor } from "./actor";
import { scopePattern } from "./rules";

/**
 * THE rule for "which volunteers may this actor see or act on", used by every area that takes a
 * volunteer id (registry, time bank, certificates, service hours, dispatch assignees).
 * Which volunteers a user may see, as a condition on `volunteers` aliased `v` — always put in the
 * WHERE clause of the query itself. Street and district staff and leaders: volunteers whose home
 * community lies in their region. An organization admin: the members of their organization. The
 * separated administrators: nobody.
 */
export function volunteerScopeSql(user: Actor, alias = "v"): SQL {
  const v = sql.raw(alias);
  switch (user.role) {
    case "wmb_staff":
    case "leader":
    case "street_officer":
      return sql`${v}.community_code LIKE ${scopePattern(user.scopeCode)}`;
    case "org_admin":
      return user.organizationId
        ? sql`EXISTS (SELECT 1 FROM memberships sm WHERE sm.volunteer_id = ${v}.id AND sm.organization_id = ${user.organizationId})`
        : sql`false`;
    default:
      return sql`false`;
  }
}

/** Where a user may register or import volunteers: the communities of their region. */
export function canRegisterIn(user: Actor, communityCode: string): boolean {
  if (!["wmb_staff", "street_officer", "org_admin"].includes(user.role)) return false;
  return communityCode.startsWith(user.scopeCode);
}
