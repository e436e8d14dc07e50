import "server-only";
import { asc, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/http";

/** Accounts, for the system administrator only (no business data, no password hashes). */
export async function listAccounts(db: Queryable, actor: Actor) {
  if (actor.role !== "sysadmin") throw new DomainError("forbidden", "只有系统管理员可以管理账号");
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
