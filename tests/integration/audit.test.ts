import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { audit } from "@/lib/audit/log";
import { verifyAuditChain } from "@/lib/audit/verify";
import { testDb } from "../support/db";

/** The database's own message (drizzle wraps it as the error's cause). */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return `${err.message} ${err.cause?.message ?? ""}`;
  }
  return "not refused";
}

describe("audit log", () => {
  it("refuses UPDATE, DELETE and TRUNCATE from the application's role", async () => {
    const db = await testDb();
    await audit(db, { username: "tester", action: "test.append", summary: { n: 1 } });
    expect(await refusal(db.execute(sql`UPDATE audit_log SET action = 'x' WHERE id = (SELECT max(id) FROM audit_log)`))).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(db.execute(sql`DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)`))).toMatch(/append-only: DELETE refused/);
    expect(await refusal(db.execute(sql`TRUNCATE audit_log`))).toMatch(/append-only: TRUNCATE refused/);
  });

  it("detects tampering and names the first broken entry", async () => {
    const db = await testDb();
    for (let i = 0; i < 3; i++) await audit(db, { username: "tester", action: "test.chain", summary: { i } });
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const [target] = await rows<{ id: number }>(db, sql`SELECT max(id) - 1 AS id FROM audit_log`);
    // Someone with the database owner's rights switches the trigger off and edits a row.
    await db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    const [orig] = await rows<{ summary: unknown }>(db, sql`SELECT summary FROM audit_log WHERE id = ${target!.id}`);
    try {
      await db.execute(sql`UPDATE audit_log SET summary = '{"i": 99}'::jsonb WHERE id = ${target!.id}`);
      const r = await verifyAuditChain(db);
      expect(r).toMatchObject({ ok: false, brokenAt: Number(target!.id) });
      await db.execute(sql`UPDATE audit_log SET summary = ${JSON.stringify(orig!.summary)}::jsonb WHERE id = ${target!.id}`);
      expect((await verifyAuditChain(db)).ok).toBe(true);
      // Deleting a row breaks the link of the next one.
      await db.execute(sql`CREATE TEMP TABLE audit_keep AS SELECT * FROM audit_log WHERE id = ${target!.id}`);
      await db.execute(sql`DELETE FROM audit_log WHERE id = ${target!.id}`);
      const d = await verifyAuditChain(db);
      expect(d).toMatchObject({ ok: false, brokenAt: Number(target!.id) + 1 });
      await db.execute(sql`INSERT INTO audit_log SELECT * FROM audit_keep`);
      await db.execute(sql`DROP TABLE audit_keep`);
      expect((await verifyAuditChain(db)).ok).toBe(true);
      // Deleting the newest entry of a chain (no later link to break) is caught by the chain's head.
      const [last] = await rows<{ id: number; chain: number }>(db, sql`SELECT id, chain FROM audit_log ORDER BY id DESC LIMIT 1`);
      await db.execute(sql`CREATE TEMP TABLE audit_keep AS SELECT * FROM audit_log WHERE id = ${last!.id}`);
      await db.execute(sql`DELETE FROM audit_log WHERE id = ${last!.id}`);
      const tail = await verifyAuditChain(db);
      expect(tail).toMatchObject({ ok: false, chain: Number(last!.chain) });
      expect(tail.ok === false && tail.reason).toMatch(/链头/);
      await db.execute(sql`INSERT INTO audit_log SELECT * FROM audit_keep`);
      await db.execute(sql`DROP TABLE audit_keep`);
      // Swapping two entries' contents (a reorder) breaks the hashes.
      const two = await rows<{ id: number }>(db, sql`SELECT id FROM audit_log WHERE action = 'test.chain' ORDER BY id DESC LIMIT 2`);
      const [x, y] = [Number(two[1]!.id), Number(two[0]!.id)];
      await db.execute(sql`UPDATE audit_log SET summary = CASE id WHEN ${x} THEN (SELECT summary FROM audit_log WHERE id = ${y}) ELSE (SELECT summary FROM audit_log WHERE id = ${x}) END WHERE id IN (${x}, ${y})`);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: x });
      await db.execute(sql`UPDATE audit_log SET summary = CASE id WHEN ${x} THEN (SELECT summary FROM audit_log WHERE id = ${y}) ELSE (SELECT summary FROM audit_log WHERE id = ${x}) END WHERE id IN (${x}, ${y})`);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    } finally {
      await db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`);
    }
  });
});
