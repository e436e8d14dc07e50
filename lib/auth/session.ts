import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { and, eq, like } from "drizzle-orm";
import { getDb } from "@/db/client";
import { permissionGrants, regions, users } from "@/db/schema";
import { authSecret } from "@/lib/env";
import { passwordExpired } from "./password-policy";
import { type Area, canOpen, isRegionCode, type Role, scopePattern } from "./rules";

export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string;
  scopeName: string;
  scopeLevel: "city" | "district" | "street" | "community";
  organizationId: number | null;
  permissions: string[];
  /** Set by an administrator's reset, or when the password is older than the policy allows. */
  mustChangePassword: boolean;
}

interface Claims {
  uid?: number;
  sv?: number;
}

async function claimsFromRequest(): Promise<Claims | null> {
  const [c, h] = await Promise.all([cookies(), headers()]);
  const token = await getToken({ req: { cookies: c, headers: h } as never, secret: authSecret() });
  if (!token) return null;
  return { uid: token.uid as number | undefined, sv: token.sv as number | undefined };
}

/**
 * The signed-in user, re-read from the database on every request: a disabled account, a moved-on
 * session version (logout, password or role change) or a missing user means "not signed in",
 * whatever the JWT says. Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const claims = await claimsFromRequest();
  if (!claims?.uid) return null;
  const db = await getDb();
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
      scopeName: regions.name,
      scopeLevel: regions.level,
    })
    .from(users)
    .innerJoin(regions, eq(regions.code, users.scopeCode))
    .where(eq(users.id, claims.uid))
    .limit(1);
  if (!row || row.disabled || row.sessionVersion !== claims.sv) return null;
  const perms = await db.select({ p: permissionGrants.permission }).from(permissionGrants).where(eq(permissionGrants.userId, row.id));
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    scopeCode: row.scopeCode,
    scopeName: row.scopeName,
    scopeLevel: row.scopeLevel,
    organizationId: row.organizationId,
    permissions: perms.map((p) => p.p),
    mustChangePassword: row.mustChangePassword || passwordExpired(row.passwordChangedAt, new Date()),
  };
});

/** For pages: the user, or a redirect to the login page (or to the password change it owes). */
export async function requireUser(): Promise<CurrentUser> {
  const u = await getCurrentUser();
  if (!u) redirect("/login");
  if (u.mustChangePassword) redirect("/password");
  return u;
}

/** For pages: the user if their role may open the area; otherwise a 404 (no hint that it exists). */
export async function requireArea(area: Area): Promise<CurrentUser> {
  const u = await requireUser();
  if (!canOpen(u.role, area)) notFound();
  return u;
}

export interface ScopedRegion {
  code: string;
  name: string;
  level: "city" | "district" | "street" | "community";
  parentCode: string | null;
  population: number;
}

/**
 * Loads a region only if it lies inside the user's scope — the scope is part of the WHERE clause,
 * so an out-of-scope code and an unknown code are the same "not found".
 */
export const findRegionInScope = cache(async (user: CurrentUser, code: string): Promise<ScopedRegion | null> => {
  if (!isRegionCode(code)) return null;
  const db = await getDb();
  const [r] = await db
    .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode, population: regions.population })
    .from(regions)
    .where(and(eq(regions.code, code), like(regions.code, scopePattern(user.scopeCode))))
    .limit(1);
  return r ?? null;
});

export async function requireRegionInScope(user: CurrentUser, code: string): Promise<ScopedRegion> {
  const r = await findRegionInScope(user, code);
  if (!r) notFound();
  return r;
}

export function hasPermission(user: CurrentUser, permission: string): boolean {
  return user.permissions.includes(permission);
}
