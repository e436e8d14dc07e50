import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { regions, users } from "@/db/schema";
import type { CurrentUser } from "./session-check";

/**
 * A CurrentUser for an account, built the way a session would be (no grants, no pending password
 * change): for tests and benchmarks that act as a seeded account without logging in.
 */
export async function userByName(db: Queryable, username: string): Promise<CurrentUser> {
  const [u] = await db
    .select({ u: users, scopeName: regions.name, scopeLevel: regions.level })
    .from(users)
    .innerJoin(regions, eq(regions.code, users.scopeCode))
    .where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
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
