import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Db } from "@/db/client";
import { audit } from "@/lib/audit/log";
import { hashPassword, verifyPassword } from "./password";
import type { Role } from "./rules";

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 30;

export type LoginResult =
  | { ok: true; user: { id: number; username: string; displayName: string; role: Role; scopeCode: string; sessionVersion: number } }
  | { ok: false; code: "invalid" | "locked" | "disabled"; message: string };

// A real hash of a random string, so an unknown username costs as much time as a wrong password.
let dummyHash: Promise<string> | undefined;

/**
 * Checks a username/password pair on the server. Failures are counted in the database (so direct
 * POSTs to the credentials callback count too); the 5th failure locks the account for 30 minutes.
 * Every success and failure is audited.
 */
export async function checkCredentials(db: Db, username: string, password: string, ip: string | null): Promise<LoginResult> {
  const name = username.trim();
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
    return { ok: false, code: "locked", message: `账号因多次密码错误已锁定，请 ${mins} 分钟后再试` };
  }
  if (!(await verifyPassword(password, u.passwordHash))) {
    const [after] = await db
      .update(users)
      .set({
        failedLogins: sql`${users.failedLogins} + 1`,
        lockedUntil: sql`CASE WHEN ${users.failedLogins} + 1 >= ${MAX_FAILED_LOGINS} THEN now() + make_interval(mins => ${LOCK_MINUTES}) ELSE NULL END`,
      })
      .where(eq(users.id, u.id))
      .returning({ failed: users.failedLogins });
    const locked = (after?.failed ?? 0) >= MAX_FAILED_LOGINS;
    await audit(db, { ...who, action: locked ? "auth.lockout" : "auth.login", outcome: "failure", summary: { reason: "bad_password", failed: after?.failed } });
    if (locked) return { ok: false, code: "locked", message: `密码错误次数过多，账号已锁定 ${LOCK_MINUTES} 分钟` };
    return { ok: false, code: "invalid", message: "用户名或密码错误" };
  }
  await db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, u.id));
  await audit(db, { ...who, action: "auth.login", outcome: "success" });
  return {
    ok: true,
    user: { id: u.id, username: u.username, displayName: u.displayName, role: u.role, scopeCode: u.scopeCode, sessionVersion: u.sessionVersion },
  };
}
