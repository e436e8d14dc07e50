import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiTokens, permissionGrants, users } from "@/db/schema";
import { BUSINESS_ROLES } from "@/lib/auth/rules";
import type { CurrentUser } from "@/lib/auth/session";

function secadminOnly(user: CurrentUser) {
  if (user.role !== "secadmin") throw new Error("forbidden");
}

/** Business accounts and whether each holds `pii_reveal` (administrators can never hold it). */
export async function listPiiGrants(user: CurrentUser) {
  secadminOnly(user);
  const db = await getDb();
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, scopeCode: users.scopeCode, grantedAt: permissionGrants.grantedAt })
    .from(users)
    .leftJoin(permissionGrants, and(eq(permissionGrants.userId, users.id), eq(permissionGrants.permission, "pii_reveal")))
    .where(and(inArray(users.role, [...BUSINESS_ROLES]), eq(users.disabled, false)))
    .orderBy(asc(users.id));
}

/** Tokens, newest first: never the token or its hash, only the shown prefix. */
export async function listApiTokens(user: CurrentUser) {
  secadminOnly(user);
  const db = await getDb();
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, scopeCode: apiTokens.scopeCode, permissions: apiTokens.permissions, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt, revokedAt: apiTokens.revokedAt, lastUsedAt: apiTokens.lastUsedAt, expired: sql<boolean>`coalesce(${apiTokens.expiresAt} <= now(), false)` })
    .from(apiTokens)
    .orderBy(desc(apiTokens.id));
}
