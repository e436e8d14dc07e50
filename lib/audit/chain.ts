import crypto from "node:crypto";

/** Pure parts of the tamper-evident audit chains. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * How many parallel chains audited writes spread over (lib/audit/log.ts). Writers take the lowest
 * free chain, so this is also how many audited transactions can be open at once without waiting.
 */
export const AUDIT_CHAINS = 64;

/**
 * The hash a chain starts from: GENESIS_HASH for chain 0 (every entry written before there were
 * chains), a hash of the chain's number for the others — so an entry cannot be moved to the start
 * of another chain, and removing a chain's first entry breaks the second.
 */
export function genesisHash(chain: number): string {
  return chain === 0 ? GENESIS_HASH : crypto.createHash("sha256").update(`civic-audit-chain:${chain}`).digest("hex");
}

export interface AuditFields {
  at: Date;
  userId: number | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: "success" | "denied" | "failure";
  summary: unknown;
}

/** JSON with object keys sorted at every level, so jsonb's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(prevHash: string, f: AuditFields): string {
  const body = canonicalJson({
    at: f.at.toISOString(),
    userId: f.userId,
    username: f.username,
    role: f.role,
    ip: f.ip,
    action: f.action,
    objectType: f.objectType,
    objectId: f.objectId,
    outcome: f.outcome,
    summary: f.summary ?? null,
  });
  return crypto.createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

/** Removes values that must never reach the log (passwords, full ID numbers, secrets). */
export function redact(summary: unknown): unknown {
  if (summary === null || summary === undefined) return summary;
  if (Array.isArray(summary)) return summary.map(redact);
  if (typeof summary === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(summary as Record<string, unknown>)) {
      if (/password|secret|token|totp|idcard|id_card|phone/i.test(k)) out[k] = "[redacted]";
      else out[k] = redact(v);
    }
    return out;
  }
  if (typeof summary === "string") return summary.replace(/\b(\d{6})\d{8}(\d{3}[\dXx])\b/g, "$1********$2");
  return summary;
}
