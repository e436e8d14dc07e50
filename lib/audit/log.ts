import { sql } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { type Queryable, rows } from "@/db/client";
import { noteUserWrite } from "@/lib/metrics/cache";
import { AUDIT_CHAINS, type AuditFields, entryHash, genesisHash, redact } from "./chain";

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
 * Appends one entry to the audit log. Call it inside the transaction of the change it records so
 * both commit or neither does.
 *
 * The log is AUDIT_CHAINS hash chains, not one (docs/security.md): the entry links to the last
 * entry of the lowest chain no other open transaction holds (`audit_claim_chain`, migration 0009 —
 * a try-lock per chain, never a wait), and moves that chain's head. Concurrent audited writes
 * therefore take different chains instead of queueing behind one lock; `npm run audit:verify`
 * checks every chain and every head.
 */
export async function writeAudit(db: Queryable, input: AuditInput): Promise<void> {
  const [head] = await rows<{ chain: number; prev_hash: string | null }>(db, sql`SELECT chain, prev_hash FROM audit_claim_chain(${AUDIT_CHAINS})`);
  const chain = Number(head!.chain);
  const prevHash = head!.prev_hash ?? genesisHash(chain);
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
  const hash = entryHash(prevHash, fields);
  const [row] = await db.insert(auditLog).values({ ...fields, prevHash, hash, chain }).returning({ id: auditLog.id, xid: sql<string>`pg_current_xact_id()::text` });
  await db.execute(sql`UPDATE audit_chain_heads SET last_id = ${row!.id}, hash = ${hash}, entries = entries + 1 WHERE chain = ${chain}`);
  // The writer's own next page must show this change, whatever is cached (lib/metrics/cache.ts).
  if (fields.userId !== null && fields.outcome === "success") noteUserWrite(fields.userId, row!.xid);
}

/** Appends in its own transaction (for events outside any business write: logins, denials). */
export async function audit(db: Queryable, input: AuditInput): Promise<void> {
  if ("transaction" in db) {
    await (db as { transaction: (f: (tx: Queryable) => Promise<void>) => Promise<void> }).transaction((tx) => writeAudit(tx, input));
  } else {
    await writeAudit(db, input);
  }
}
