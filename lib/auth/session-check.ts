import { and, eq, sql } from "drizzle-orm";
import { permissionGrants, regions, users } from "@/db/schema";
import type { Db } from "@/db/client";
import { audit } from "@/lib/audit/log";
import { ipAllowed } from "@/lib/security/ip";
import { getSecuritySettings, totpRequired } from "@/lib/security/settings";
import { passwordExpired } from "./password-policy";
import type { Actor } from "./actor";
import { ADMIN_ROLES } from "./rules";

/** A signed-in user: the Actor (lib/auth/actor.ts) plus what the session knows about the account. */
export interface CurrentUser extends Actor {
  displayName: string;
  scopeName: string;
  scopeLevel: "city" | "district" | "street" | "community";
  permissions: string[];
  /** Set by an administrator's reset, or when the password is older than the policy allows. */
  mustChangePassword: boolean;
  /** The role needs a second factor (settings) and the account has not enrolled one yet. */
  mustEnrolTotp?: boolean;
  /** Set when the caller is an API token, not a person (lib/auth/api.ts). */
  apiToken?: { id: number; permissions: string[] };
}

/** What the signed JWT says: user id, session version, login time (unix seconds). */
export interface SessionClaims {
  uid?: number;
  sv?: number;
  lat?: number;
}

/** Refresh last_seen_at at most this often (one UPDATE a minute per active account). */
const SEEN_REFRESH_MS = 60_000;

export type SessionVerdict = { user: CurrentUser } | { user: null; reason: "none" | "stale" | "disabled" | "absolute" | "idle" | "ip" };

/**
 * Decides on the server whether a session is alive, re-reading the account at every request:
 * - the account exists, is enabled and its session_version equals the JWT's (logout, disable,
 *   password/role change move it on — the JWT alone is never trusted for this);
 * - absolute limit: login time (JWT `lat`, signed) + absoluteHours;
 * - idle limit: the account's last_seen_at + idleMinutes. An idle session is ended for good (the
 *   session version moves on, audited `auth.session_timeout`), so activity elsewhere cannot revive it;
 * - admin roles: the client address is inside the admin IP allow-list (if one is set).
 */
export async function resolveSession(db: Db, claims: SessionClaims | null, ip: string | null, now = new Date()): Promise<SessionVerdict> {
  if (!claims?.uid) return { user: null, reason: "none" };
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      scopeCode: users.scopeCode,
      organizationId: users.organizationId,
      mustChangePassword: users.mustChangePassword,
      passwordChangedAt: users.passwordChangedAt,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
      lastSeenAt: users.lastSeenAt,
      totpEnabledAt: users.totpEnabledAt,
      scopeName: regions.name,
      scopeLevel: regions.level,
    })
    .from(users)
    .innerJoin(regions, eq(regions.code, users.scopeCode))
    .where(eq(users.id, claims.uid))
    .limit(1);
  if (!row) return { user: null, reason: "none" };
  if (row.disabled) return { user: null, reason: "disabled" };
  if (row.sessionVersion !== claims.sv) return { user: null, reason: "stale" };
  const policy = await getSecuritySettings(db);
  if (!claims.lat || now.getTime() - claims.lat * 1000 > policy.absoluteHours * 3_600_000) return { user: null, reason: "absolute" };
  const seen = row.lastSeenAt ?? new Date(claims.lat * 1000);
  if (now.getTime() - seen.getTime() > policy.idleMinutes * 60_000) {
    const ended = await db
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, row.id), eq(users.sessionVersion, row.sessionVersion)))
      .returning({ id: users.id });
    if (ended.length) await audit(db, { userId: row.id, username: row.username, role: row.role, ip, action: "auth.session_timeout", outcome: "success", summary: { idleMinutes: policy.idleMinutes } });
    return { user: null, reason: "idle" };
  }
  if (ADMIN_ROLES.includes(row.role) && !ipAllowed(ip, policy.adminIpAllowList)) return { user: null, reason: "ip" };
  if (now.getTime() - seen.getTime() > SEEN_REFRESH_MS) await db.update(users).set({ lastSeenAt: now }).where(eq(users.id, row.id));
  const perms = await db.select({ p: permissionGrants.permission }).from(permissionGrants).where(eq(permissionGrants.userId, row.id));
  return {
    user: {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      scopeCode: row.scopeCode,
      scopeName: row.scopeName,
      scopeLevel: row.scopeLevel,
      organizationId: row.organizationId,
      ip,
      permissions: perms.map((p) => p.p),
      mustChangePassword: row.mustChangePassword || passwordExpired(row.passwordChangedAt, now, policy.passwordMaxAgeDays),
      mustEnrolTotp: totpRequired(row.role, policy) && !row.totpEnabledAt,
    },
  };
}
