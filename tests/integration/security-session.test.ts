import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { apiTokens, recoveryCodes, settings, users } from "@/db/schema";
import { rows } from "@/db/client";
import { checkCredentials } from "@/lib/auth/login";
import { resolveSession } from "@/lib/auth/session-check";
import { hashRecoveryCode, TEST_PROFILE_TOTP_SECRET, totpAt } from "@/lib/auth/totp";
import { verifyAuditChain } from "@/lib/audit/verify";
import { searchAudit } from "@/lib/admin/audit-query";
import { DEFAULT_SECURITY_SETTINGS, SECURITY_SETTINGS_KEY } from "@/lib/security/settings";
import { newApiToken, tokenPrincipal } from "@/lib/security/tokens";
import { testDb, userFor } from "../support/db";

const PASSWORD = process.env.DEMO_PASSWORD || "Cockpit#2026";
const nowS = () => Math.floor(Date.now() / 1000);

async function account(username: string) {
  const db = await testDb();
  const [u] = await db.select().from(users).where(eq(users.username, username));
  return u!;
}

async function setPolicy(patch: Partial<typeof DEFAULT_SECURITY_SETTINGS>) {
  const db = await testDb();
  const value = JSON.stringify({ ...DEFAULT_SECURITY_SETTINGS, ...patch });
  await db.insert(settings).values({ key: SECURITY_SETTINGS_KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}

afterAll(async () => {
  const db = await testDb();
  await db.delete(settings).where(eq(settings.key, SECURITY_SETTINGS_KEY));
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(sql`true`);
});

describe("sessions are decided on the server at every request", () => {
  it("a fresh session is alive; a stale session version, a disabled account or an old login is not", async () => {
    const db = await testDb();
    const u = await account("laixi_leader");
    await db.update(users).set({ lastSeenAt: new Date() }).where(eq(users.id, u.id));
    const ok = await resolveSession(db, { uid: u.id, sv: u.sessionVersion, lat: nowS() }, "10.1.0.1");
    expect(ok.user?.username).toBe("laixi_leader");
    expect((await resolveSession(db, { uid: u.id, sv: u.sessionVersion - 1, lat: nowS() }, null)).user).toBeNull();
    // Absolute limit: 12 h by default, counted from the signed login time whatever the activity.
    expect(await resolveSession(db, { uid: u.id, sv: u.sessionVersion, lat: nowS() - 12 * 3600 - 5 }, null)).toEqual({ user: null, reason: "absolute" });
    await setPolicy({ absoluteHours: 24 });
    expect((await resolveSession(db, { uid: u.id, sv: u.sessionVersion, lat: nowS() - 12 * 3600 - 5 }, null)).user).not.toBeNull();
    await setPolicy({});
    await db.update(users).set({ disabled: true }).where(eq(users.id, u.id));
    expect(await resolveSession(db, { uid: u.id, sv: u.sessionVersion, lat: nowS() }, null)).toEqual({ user: null, reason: "disabled" });
    await db.update(users).set({ disabled: false }).where(eq(users.id, u.id));
  });

  it("an idle session ends for good: the session version moves on and the timeout is audited", async () => {
    const db = await testDb();
    const u = await account("laixi_leader");
    await db.update(users).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(users.id, u.id));
    const v = await resolveSession(db, { uid: u.id, sv: u.sessionVersion, lat: nowS() - 3600 }, "10.1.0.2");
    expect(v).toEqual({ user: null, reason: "idle" });
    const after = await account("laixi_leader");
    expect(after.sessionVersion).toBe(u.sessionVersion + 1);
    // Activity afterwards cannot revive the old token.
    await db.update(users).set({ lastSeenAt: new Date() }).where(eq(users.id, u.id));
    expect((await resolveSession(db, { uid: u.id, sv: u.sessionVersion, lat: nowS() }, null)).user).toBeNull();
    const [a] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE user_id = ${u.id} AND action = 'auth.session_timeout'`);
    expect(a!.n).toBeGreaterThanOrEqual(1);
    // A configured shorter idle limit applies at once.
    await setPolicy({ idleMinutes: 5 });
    await db.update(users).set({ lastSeenAt: new Date(Date.now() - 6 * 60_000) }).where(eq(users.id, u.id));
    expect((await resolveSession(db, { uid: u.id, sv: after.sessionVersion, lat: nowS() }, null)).user).toBeNull();
    await setPolicy({});
  });

  it("activity refreshes last_seen_at, at most once a minute", async () => {
    const db = await testDb();
    const u = await account("city_leader");
    const old = new Date(Date.now() - 10 * 60_000);
    await db.update(users).set({ lastSeenAt: old }).where(eq(users.id, u.id));
    await resolveSession(db, { uid: u.id, sv: u.sessionVersion, lat: nowS() }, null);
    const seen = (await account("city_leader")).lastSeenAt!;
    expect(seen.getTime()).toBeGreaterThan(Date.now() - 5000);
  });

  it("administrators outside the IP allow-list are not signed in and cannot log in", async () => {
    const db = await testDb();
    const u = await account("secadmin");
    await db.update(users).set({ lastSeenAt: new Date() }).where(eq(users.id, u.id));
    await setPolicy({ adminIpAllowList: ["10.9.0.0/16"] });
    expect((await resolveSession(db, { uid: u.id, sv: u.sessionVersion, lat: nowS() }, "10.9.3.4")).user?.username).toBe("secadmin");
    expect(await resolveSession(db, { uid: u.id, sv: u.sessionVersion, lat: nowS() }, "192.168.1.1")).toEqual({ user: null, reason: "ip" });
    const r = await checkCredentials(db, "secadmin", PASSWORD, "192.168.1.1", totpAt(TEST_PROFILE_TOTP_SECRET, nowS() - 30));
    expect(r).toMatchObject({ ok: false, code: "ip_denied" });
    // Business roles are not affected.
    const biz = await account("laixi_wmb");
    await db.update(users).set({ lastSeenAt: new Date() }).where(eq(users.id, biz.id));
    expect((await resolveSession(db, { uid: biz.id, sv: biz.sessionVersion, lat: nowS() }, "192.168.1.1")).user).not.toBeNull();
    await setPolicy({});
  });
});

describe("login: second factor and per-address limit", () => {
  it("an enrolled administrator needs a valid TOTP code; missing/wrong codes count toward lockout; a code is single-use", async () => {
    const db = await testDb();
    await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.username, "auditor"));
    expect(await checkCredentials(db, "auditor", PASSWORD, null)).toMatchObject({ ok: false, code: "otp" });
    expect(await checkCredentials(db, "auditor", PASSWORD, null, "000000")).toMatchObject({ ok: false, code: "otp" });
    expect((await account("auditor")).failedLogins).toBe(2);
    const code = totpAt(TEST_PROFILE_TOTP_SECRET, nowS());
    expect(await checkCredentials(db, "auditor", PASSWORD, null, code)).toMatchObject({ ok: true, user: { role: "auditor" } });
    expect((await account("auditor")).failedLogins).toBe(0);
    expect(await checkCredentials(db, "auditor", PASSWORD, null, code)).toMatchObject({ ok: false, code: "otp" });
    // A wrong password with a right code is still a failure.
    expect(await checkCredentials(db, "auditor", "wrong", null, totpAt(TEST_PROFILE_TOTP_SECRET, nowS() + 30))).toMatchObject({ ok: false });
    await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.username, "auditor"));
  });

  it("a recovery code works once", async () => {
    const db = await testDb();
    const u = await account("sysadmin");
    await db.insert(recoveryCodes).values({ userId: u.id, codeHash: hashRecoveryCode("abcde-fghjk") });
    expect(await checkCredentials(db, "sysadmin", PASSWORD, null, "ABCDE-FGHJK")).toMatchObject({ ok: true });
    expect(await checkCredentials(db, "sysadmin", PASSWORD, null, "abcde-fghjk")).toMatchObject({ ok: false, code: "otp" });
    await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id));
  });

  it("too many failures from one address refuse every login from it, audited; other addresses still log in", async () => {
    const db = await testDb();
    await setPolicy({ ipMaxFailures: 5, ipWindowMinutes: 15 });
    const ip = `10.77.${Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 200)}`;
    for (let i = 0; i < 5; i++) await checkCredentials(db, `nobody_${i}`, "x", ip);
    const blocked = await checkCredentials(db, "laixi_wmb", PASSWORD, ip);
    expect(blocked).toMatchObject({ ok: false, code: "rate_limited" });
    expect((await checkCredentials(db, "laixi_wmb", PASSWORD, "10.78.0.1")).ok).toBe(true);
    const [a] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE ip = ${ip} AND action = 'auth.rate_limited'`);
    expect(a!.n).toBe(1);
    await setPolicy({});
  });
});

describe("API tokens and the audit search", () => {
  it("a live token is a principal limited to its scope; revoked or expired tokens are not", async () => {
    const db = await testDb();
    const sec = await account("secadmin");
    const live = newApiToken();
    const gone = newApiToken();
    const old = newApiToken();
    await db.insert(apiTokens).values([
      { name: "t-live", prefix: live.prefix, tokenHash: live.hash, scopeCode: "370285", permissions: ["volunteers:read"], createdBy: sec.id },
      { name: "t-gone", prefix: gone.prefix, tokenHash: gone.hash, scopeCode: "370285", permissions: ["volunteers:read"], createdBy: sec.id, revokedAt: new Date() },
      { name: "t-old", prefix: old.prefix, tokenHash: old.hash, scopeCode: "370285", permissions: ["volunteers:read"], createdBy: sec.id, expiresAt: new Date(Date.now() - 1000) },
    ]);
    const p = await tokenPrincipal(db, live.token);
    expect(p?.user).toMatchObject({ scopeCode: "370285", role: "leader", username: "api:t-live" });
    expect(await tokenPrincipal(db, gone.token)).toBeNull();
    expect(await tokenPrincipal(db, old.token)).toBeNull();
    expect(await tokenPrincipal(db, live.token + "x")).toBeNull();
    const [stored] = await db.select().from(apiTokens).where(eq(apiTokens.name, "t-live"));
    expect(JSON.stringify(stored)).not.toContain(live.token);
  });

  it("filters the audit log by user, action, outcome and date, and the chain stays intact", async () => {
    const db = await testDb();
    const r = await searchAudit(db, await userFor("auditor"), { user: "auditor", action: "auth.login", object: "", outcome: "failure", from: "", to: "", page: 1 });
    expect(r.total).toBeGreaterThan(0);
    for (const e of r.rows) {
      expect(e.username).toContain("auditor");
      expect(e.action.startsWith("auth.login")).toBe(true);
      expect(e.outcome).toBe("failure");
    }
    const none = await searchAudit(db, await userFor("auditor"), { user: "", action: "", object: "", outcome: "", from: "2001-01-01", to: "2001-01-02", page: 1 });
    expect(none.total).toBe(0);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
