import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { and, eq, like } from "drizzle-orm";
import { type Db, getDb, getReadDb } from "@/db/client";
import { regions } from "@/db/schema";
import { authSecret } from "@/lib/env";
import { clientIpFrom } from "@/lib/security/ip";
import { type Area, canOpen, isRegionCode, scopePattern } from "./rules";
import { type CurrentUser, resolveSession, type SessionClaims } from "./session-check";

export type { CurrentUser } from "./session-check";

async function claimsFromRequest(): Promise<{ claims: SessionClaims | null; ip: string | null }> {
  const [c, h] = await Promise.all([cookies(), headers()]);
  const ip = clientIpFrom((n) => h.get(n));
  const token = await getToken({ req: { cookies: c, headers: h } as never, secret: authSecret() });
  if (!token) return { claims: null, ip };
  return { claims: { uid: token.uid as number | undefined, sv: token.sv as number | undefined, lat: token.lat as number | undefined }, ip };
}

/**
 * The signed-in user, re-read from the database on every request (lib/auth/session-check.ts): a
 * disabled account, a moved-on session version (logout, password or role change), an idle or too
 * old session, or an admin outside the IP allow-list means "not signed in", whatever the JWT says.
 * Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const { claims, ip } = await claimsFromRequest();
  if (!claims?.uid) return null;
  const db = await getDb();
  return (await resolveSession(db, claims, ip)).user;
});

/** For pages: the user, or a redirect to the login page (or to the password change it owes). */
export async function requireUser(): Promise<CurrentUser> {
  const u = await getCurrentUser();
  if (!u) redirect("/login");
  if (u.mustChangePassword) redirect("/password");
  if (u.mustEnrolTotp) redirect("/totp");
  return u;
}

/** For pages: the user if their role may open the area; otherwise a 404 (no hint that it exists). */
export async function requireArea(area: Area): Promise<CurrentUser> {
  const u = await requireUser();
  if (!canOpen(u.role, area)) notFound();
  return u;
}

/**
 * For pages that read data: the actor (as `requireArea`) and the database to hand to
 * `lib/<area>/queries.ts` functions (`fn(db, actor, input)`). Pages never import the client.
 */
export async function requirePage(area: Area): Promise<{ actor: CurrentUser; db: Db }> {
  const actor = await requireArea(area);
  const h = await headers();
  return { actor: { ...actor, ip: clientIpFrom((n) => h.get(n)) }, db: await getDb() };
}

/**
 * For read-only list and report pages: as `requirePage`, with the database reads may come from — a
 * caught-up standby on a cluster, the primary otherwise or right after this user's own write
 * (db/client.ts `getReadDb`). Anything the page writes goes through actions, never this handle.
 */
export async function requireReadPage(area: Area): Promise<{ actor: CurrentUser; db: Db }> {
  const { actor } = await requirePage(area);
  return { actor, db: await getReadDb(actor.id) };
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

export { hasPermission } from "./actor";
