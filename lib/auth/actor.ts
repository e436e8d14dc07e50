/**
 * The one "who is acting" type. Every lib function that reads or writes business data takes an
 * Actor (`fn(db, actor, input)`), and the scope it carries goes into the query's WHERE clause.
 * A signed-in user (`CurrentUser`, lib/auth/session-check.ts) is an Actor with session details;
 * route handlers get it from `apiRoute`, pages and server actions from `requireArea`/`serverAction`.
 * Tests build one with `userFor(username)` or by hand.
 */
import type { Role } from "./rules";

export interface Actor {
  id: number;
  username: string;
  displayName?: string;
  role: Role;
  /** Region scope (GB/T 2260 prefix): only rows under it are visible or writable. */
  scopeCode: string;
  /** For `org_admin`: the organization whose members, activities and hours they handle. */
  organizationId: number | null;
  /** Client address for the audit log and rate limits (lib/security/ip.ts#clientIpFrom). */
  ip?: string | null;
  /** Grants such as `pii.reveal` (secadmin hands them out). */
  permissions?: readonly string[];
}

/** The same actor seen from another client address (e.g. a route handler's request). */
export function withIp<A extends Actor>(actor: A, ip: string | null): A {
  return { ...actor, ip };
}

export function hasPermission(actor: Actor, permission: string): boolean {
  return actor.permissions?.includes(permission) ?? false;
}
