import { desc, sql } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import type { Queryable } from "@/db/client";
import { type AuditFields, entryHash, GENESIS_HASH, redact } from "./chain";

export interface AuditInput {
  userId?: number | null;
  username?: string | null;
  role?: string | null;
  ip?: string | null;
  action: string;
  objectType?: string | null;
  objectId?: string | number | null;
  outcome?: "success" | "denied" | "failure";
  summary?: unknown;
}

/**
 * Appends one entry to the audit chain. Call it inside the transaction of the change it records so
 * both commit or neither does. An advisory lock serializes appends so the chain stays linear.
 */
export async function writeAudit(db: Queryable, input: AuditInput): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(7702001)`);
  const [last] = await db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: AuditFields = {
    at: new Date(),
    userId: input.userId ?? null,
    username: input.username ?? null,
    role: input.role ?? null,
    ip: input.ip ?? null,
    action: input.action,
    objectType: input.objectType ?? null,
    objectId: input.objectId === undefined || input.objectId === null ? null : String(input.objectId),
    outcome: input.outcome ?? "success",
    summary: redact(input.summary ?? null),
  };
  await db.insert(auditLog).values({ ...fields, prevHash, hash: entryHash(prevHash, fields) });
}

/** Appends in its own transaction (for events outside any business write: logins, denials). */
export async function audit(db: Queryable, input: AuditInput): Promise<void> {
  if ("transaction" in db) {
    await (db as { transaction: (f: (tx: Queryable) => Promise<void>) => Promise<void> }).transaction((tx) => writeAudit(tx, input));
  } else {
    await writeAudit(db, input);
  }
}
