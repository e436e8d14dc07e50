import { getDb } from "@/db/client";
import type { CurrentUser } from "@/lib/auth/session";
import { userByName } from "@/lib/auth/user-by-name";

/** The database the global setup seeded (PGlite dir or DATABASE_URL). */
export const testDb = getDb;

/** A CurrentUser for a seeded account, as lib/auth/session would build it. */
export async function userFor(username: string): Promise<CurrentUser> {
  return userByName(await getDb(), username);
}
