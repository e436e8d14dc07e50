import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { regions, users } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/session";

/** The database the global setup seeded (PGlite dir or DATABASE_URL). */
export const testDb = getDb;

/** A CurrentUser for a seeded account, as lib/auth/session would build it. */
export async function userFor(username: string): Promise<CurrentUser> {
  const db = await getDb();
  const [u] = await db
    .select({ u: users, scopeName: regions.name, scopeLevel: regions.level })
    .from(users)
    .innerJoin(regions, eq(regions.code, users.scopeCode))
    .where(eq(users.username, username));
  if (!u) throw new Error(`no seeded user ${username}`);
  return {
    id: u.u.id,
    username: u.u.username,
    displayName: u.u.displayName,
    role: u.u.role,
    scopeCode: u.u.scopeCode,
    scopeName: u.scopeName,
    scopeLevel: u.scopeLevel,
    organizationId: u.u.organizationId,
    permissions: [],
    mustChangePassword: false,
  };
}
