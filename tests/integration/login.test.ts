import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { rows } from "@/db/client";
import { checkCredentials, MAX_FAILED_LOGINS } from "@/lib/auth/login";
import { verifyAuditChain } from "@/lib/audit/verify";
import { testDb } from "../support/db";

const PASSWORD = process.env.DEMO_PASSWORD || "Cockpit#2026";

describe("login on the server", () => {
  it("accepts the demo password and audits the success", async () => {
    const db = await testDb();
    const r = await checkCredentials(db, "laixi_wmb", PASSWORD, "10.0.0.1");
    expect(r).toMatchObject({ ok: true, user: { username: "laixi_wmb", role: "wmb_staff", scopeCode: "370285" } });
    const [row] = await rows<{ outcome: string; ip: string }>(db, sql`SELECT outcome::text, ip FROM audit_log WHERE username = 'laixi_wmb' AND action = 'auth.login' ORDER BY id DESC LIMIT 1`);
    expect(row).toEqual({ outcome: "success", ip: "10.0.0.1" });
  });

  it("says 用户名或密码错误 for a wrong password or an unknown user, the same way", async () => {
    const db = await testDb();
    const a = await checkCredentials(db, "city_leader", "wrong-password", null);
    const b = await checkCredentials(db, "no_such_user", "wrong-password", null);
    expect(a).toEqual({ ok: false, code: "invalid", message: "用户名或密码错误" });
    expect(b).toEqual(a);
  });

  it("locks the account after 5 failures, even for the right password, and logs the lockout", async () => {
    const db = await testDb();
    await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.username, "wangcheng_street"));
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) {
      expect((await checkCredentials(db, "wangcheng_street", `bad-${i}`, null)).ok).toBe(false);
    }
    const fifth = await checkCredentials(db, "wangcheng_street", "bad-last", null);
    expect(fifth).toMatchObject({ ok: false, code: "locked" });
    const right = await checkCredentials(db, "wangcheng_street", PASSWORD, null);
    expect(right).toMatchObject({ ok: false, code: "locked" });
    expect(right.ok === false && right.message).toMatch(/锁定/);
    const [lock] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE username = 'wangcheng_street' AND action = 'auth.lockout'`);
    expect(lock!.n).toBeGreaterThanOrEqual(1);
    await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.username, "wangcheng_street"));
  });

  it("refuses a disabled account", async () => {
    const db = await testDb();
    await db.update(users).set({ disabled: true }).where(eq(users.username, "secadmin"));
    try {
      expect(await checkCredentials(db, "secadmin", PASSWORD, null)).toMatchObject({ ok: false, code: "disabled" });
    } finally {
      await db.update(users).set({ disabled: false }).where(eq(users.username, "secadmin"));
    }
  });

  it("keeps the audit chain intact across all of the above", async () => {
    const db = await testDb();
    const r = await verifyAuditChain(db);
    expect(r.ok).toBe(true);
    expect(r.entries).toBeGreaterThan(5);
  });
});
