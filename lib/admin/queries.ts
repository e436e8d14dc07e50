import "server-only";
import { asc, desc, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, users } from "@/db/schema";
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
    })
    .from(users)
    .orderBy(asc(users.id));
}

/** The newest audit entries, for the auditor only. */
export async function listAuditEntries({ user, limit = 100 }: { user: CurrentUser; limit?: number }) {
  if (user.role !== "auditor") throw new Error("forbidden");
  const db = await getDb();
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      username: auditLog.username,
      role: auditLog.role,
      ip: auditLog.ip,
      action: auditLog.action,
      objectType: auditLog.objectType,
      objectId: auditLog.objectId,
      outcome: auditLog.outcome,
    })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
