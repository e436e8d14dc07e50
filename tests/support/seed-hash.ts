import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { rows, type Queryable } from "@/db/client";
import { decryptPii } from "@/lib/volunteers/pii";

/**
 * Content fingerprint of every app table (and sequence) after a seed: one SHA-256 per table over
 * every row, every column, in a fixed order. The only values a seed does not repeat are compared
 * by what they stand for, not by their bytes: AES-GCM ciphertexts (random IV) are decrypted and
 * the plain text hashed; bcrypt hashes (random salt) and users.password_changed_at (the real time
 * the password was set) are left out.
 */
const ENCRYPTED = /(_enc|^totp_secret)$/;
const NOT_REPEATABLE = new Set(["users.password_hash", "users.password_changed_at"]);

export async function seededTableHashes(db: Queryable): Promise<Record<string, string>> {
  const cols = await rows<{ table_name: string; column_name: string }>(
    db,
    sql`SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  for (const c of cols) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  const out: Record<string, string> = {};
  for (const [table, names] of byTable) {
    const kept = names.filter((n) => !NOT_REPEATABLE.has(`${table}.${n}`));
    const list = kept.map((n) => `"${n}"::text`).join(", ");
    // every column as text, rows ordered by their full text so no key is assumed
    const data = await rows<{ r: (string | null)[] }>(db, sql.raw(`SELECT ARRAY[${list}] AS r FROM "${table}" ORDER BY 1`));
    const h = crypto.createHash("sha256");
    for (const { r } of data) {
      const cells = r.map((v, i) => (v !== null && ENCRYPTED.test(kept[i]!) ? `plain:${decryptPii(v)}` : v));
      h.update(JSON.stringify(cells)).update("\n");
    }
    out[table] = `${data.length}:${h.digest("hex")}`;
  }
  const seqs = await rows<{ name: string }>(
    db,
    sql`SELECT sequencename AS name FROM pg_sequences WHERE schemaname = current_schema() ORDER BY 1`,
  );
  for (const { name } of seqs) {
    const [s] = await rows<{ v: string }>(db, sql.raw(`SELECT last_value::text || (CASE WHEN is_called THEN '+' ELSE '' END) AS v FROM "${name}"`));
    out[`sequence ${name}`] = s!.v;
  }
  return out;
}
