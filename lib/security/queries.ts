import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { apiTokens, permissionGrants, users } from "@/db/schema";
import { BUSINESS_ROLES } from "@/lib/auth/rules";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/http";

function secadminOnly(actor: Actor) {
  if (actor.role !== "secadmin") throw new DomainError("forbidden", "只有安全管理员可以管理授权与令牌");
}

/** Business accounts and whether each holds `pii_reveal` (administrators can never hold it). */
export async function listPiiGrants(db: Queryable, actor: Actor) {
  secadminOnly(actor);
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, scopeCode: users.scopeCode, grantedAt: permissionGrants.grantedAt })
    .from(users)
    .leftJoin(permissionGrants, and(eq(permissionGrants.userId, users.id), eq(permissionGrants.permission, "pii_reveal")))
    .where(and(inArray(users.role, [...BUSINESS_ROLES]), eq(users.disabled, false)))
    .orderBy(asc(users.id));
}

/** Tokens, newest first: never the token or its hash, only the shown prefix. */
export async function listApiTokens(db: Queryable, actor: Actor) {
  secadminOnly(actor);
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, scopeCode: apiTokens.scopeCode, permissions: apiTokens.permissions, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt, revokedAt: apiTokens.revokedAt, lastUsedAt: apiTokens.lastUsedAt, expired: sql<boolean>`coalesce(${apiTokens.expiresAt} <= now(), false)` })
    .from(apiTokens)
    .orderBy(desc(apiTokens.id));
}
