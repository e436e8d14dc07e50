import { and, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import { auditLog, recoveryCodes, users } from "@/db/schema";
import { rows, type Db } from "@/db/client";
import { audit } from "@/lib/audit/log";
import { ipAllowed } from "@/lib/security/ip";
import { DEFAULT_SECURITY_SETTINGS, getSecuritySettings, type SecuritySettings } from "@/lib/security/settings";
import { decryptPii } from "@/lib/volunteers/pii";
import { hashPassword, verifyPassword } from "./password";
import { ADMIN_ROLES, type Role } from "./rules";
import { hashRecoveryCode, verifyTotp } from "./totp";

/** Defaults; the live values come from the security settings (secadmin). */
export const MAX_FAILED_LOGINS = DEFAULT_SECURITY_SETTINGS.lockoutThreshold;
export const LOCK_MINUTES = DEFAULT_SECURITY_SETTINGS.lockoutMinutes;

export type LoginResult =
  | { ok: true; user: { id: number; username: string; displayName: string; role: Role; scopeCode: string; sessionVersion: number } }
  | { ok: false; code: "invalid" | "locked" | "disabled" | "rate_limited" | "ip_denied" | "otp"; message: string };

// A real hash of a random string, so an unknown username costs as much time as a wrong password.
let dummyHash: Promise<string> | undefined;

/** Audit actions whose failures count against the client address. */
const LOGIN_ACTIONS = ["auth.login", "auth.lockout", "auth.rate_limited"];

/** Failed login attempts from one address inside the window, counted from the audit log itself. */
export async function recentFailuresFromIp(db: Db, ip: string, windowMinutes: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.ip, ip),
        inArray(auditLog.action, LOGIN_ACTIONS),
        ne(auditLog.outcome, "success"),
        gt(auditLog.at, sql`now() - make_interval(mins => ${windowMinutes})`),
      ),
    );
  return r?.n ?? 0;
}

const RECOVERY_RE = /^[a-z2-9]{5}-[a-z2-9]{5}$/i;

/**
 * The second factor: a TOTP code (a step already used in a successful login is refused — codes are
 * single-use) or one unused recovery code (consumed here). Returns what was used, or null.
 */
async function checkSecondFactor(db: Db, userId: number, encSecret: string, otp: string): Promise<{ otpStep: number } | { recovery: true } | null> {
  const code = otp.trim();
  if (RECOVERY_RE.test(code)) {
    const [used] = await db
      .update(recoveryCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
      .returning({ id: recoveryCodes.id });
    return used ? { recovery: true } : null;
  }
  let secret: string;
  try {
    secret = decryptPii(encSecret);
  } catch {
    return null;
  }
  const step = verifyTotp(secret, code);
  if (step === null) return null;
  const replay = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM audit_log WHERE user_id = ${userId} AND action = 'auth.login' AND outcome = 'success' AND summary->>'otpStep' = ${String(step)}`,
  );
  return (replay[0]?.n ?? 0) > 0 ? null : { otpStep: step };
}

/**
 * Checks username, password and (for enrolled accounts) the second factor on the server. Failures
 * are counted in the database, so direct POSTs to the credentials callback count too: per account
 * (the threshold-th failure locks it) and per client address (too many failures from one address
 * within the window refuse every login from it). Every success and failure is audited.
 */
export async function checkCredentials(db: Db, username: string, password: string, ip: string | null, otp = ""): Promise<LoginResult> {
  const policy: SecuritySettings = await getSecuritySettings(db);
  const name = username.trim();
  if (ip && (await recentFailuresFromIp(db, ip, policy.ipWindowMinutes)) >= policy.ipMaxFailures) {
    await audit(db, { username: name.slice(0, 64), ip, action: "auth.rate_limited", outcome: "denied", summary: { window: policy.ipWindowMinutes, max: policy.ipMaxFailures } });
    return { ok: false, code: "rate_limited", message: `该地址登录失败次数过多，请 ${policy.ipWindowMinutes} 分钟后再试` };
  }
  const [u] = name ? await db.select().from(users).where(eq(users.username, name)).limit(1) : [];
  if (!u) {
    dummyHash ??= hashPassword("civic-cockpit-dummy-password");
    await verifyPassword(password, await dummyHash);
    await audit(db, { username: name.slice(0, 64), ip, action: "auth.login", outcome: "failure", summary: { reason: "unknown_user" } });
    return { ok: false, code: "invalid", message: "用户名或密码错误" };
  }
  const who = { userId: u.id, username: u.username, role: u.role, ip };
  if (u.disabled) {
    await audit(db, { ...who, action: "auth.login", outcome: "denied", summary: { reason: "disabled" } });
    return { ok: false, code: "disabled", message: "账号已停用，请联系系统管理员" };
  }
  if (u.lockedUntil && u.lockedUntil.getTime() > Date.now()) {
    await audit(db, { ...who, action: "auth.login", outcome: "denied", summary: { reason: "locked" } });
    const mins = Math.ceil((u.lockedUntil.getTime() - Date.now()) / 60000);
    return { ok: false, code: "locked", message: `账号因多次登录失败已锁定，请 ${mins} 分钟后再试` };
  }
  const enrolled = Boolean(u.totpEnabledAt && u.totpSecret);
  const passwordOk = await verifyPassword(password, u.passwordHash);
  const factor = passwordOk && enrolled ? await checkSecondFactor(db, u.id, u.totpSecret!, otp) : null;
  if (!passwordOk || (enrolled && !factor)) {
    const reason = passwordOk ? (otp.trim() ? "bad_otp" : "missing_otp") : "bad_password";
    const [after] = await db
      .update(users)
      .set({
        failedLogins: sql`${users.failedLogins} + 1`,
        lockedUntil: sql`CASE WHEN ${users.failedLogins} + 1 >= ${policy.lockoutThreshold} THEN now() + make_interval(mins => ${policy.lockoutMinutes}) ELSE NULL END`,
      })
      .where(eq(users.id, u.id))
      .returning({ failed: users.failedLogins });
    const locked = (after?.failed ?? 0) >= policy.lockoutThreshold;
    await audit(db, { ...who, action: locked ? "auth.lockout" : "auth.login", outcome: "failure", summary: { reason, failed: after?.failed } });
    if (locked) return { ok: false, code: "locked", message: `登录失败次数过多，账号已锁定 ${policy.lockoutMinutes} 分钟` };
    if (enrolled) return { ok: false, code: "otp", message: "用户名、密码或动态验证码错误" };
    return { ok: false, code: "invalid", message: "用户名或密码错误" };
  }
  if (ADMIN_ROLES.includes(u.role) && !ipAllowed(ip, policy.adminIpAllowList)) {
    await audit(db, { ...who, action: "auth.login", outcome: "denied", summary: { reason: "ip_not_allowed" } });
    return { ok: false, code: "ip_denied", message: "当前网络地址不允许管理员登录" };
  }
  const now = new Date();
  await db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now, lastSeenAt: now }).where(eq(users.id, u.id));
  await audit(db, { ...who, action: "auth.login", outcome: "success", summary: factor ? ("otpStep" in factor ? { otpStep: factor.otpStep } : { recoveryCode: true }) : null });
  return {
    ok: true,
    user: { id: u.id, username: u.username, displayName: u.displayName, role: u.role, scopeCode: u.scopeCode, sessionVersion: u.sessionVersion },
  };
}
