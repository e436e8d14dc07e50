import "server-only";
import { asc, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/session";

/** Accounts, for the system administrator only (no business data, no password hashes). */
export async function listAccounts({ user }: { user: CurrentUser }) {
  if (user.role !== "sysadmin") throw new Error("forbidden");
  const db = await getDb();
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      scopeCode: users.scopeCode,
      disabled: users.disabled,
      locked: sql<boolean>`coalesce(${users.lockedUntil} > now(), false)`,
      lastLoginAt: users.lastLoginAt,
      totp: sql<boolean>`${users.totpEnabledAt} IS NOT NULL`,
    })
    .from(users)
    .orderBy(asc(users.id));
}
