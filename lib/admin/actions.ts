"use server";
/**
 * The system administrator's account actions, each `serverAction({ area: "admin", roles: ["sysadmin"] })`
 * (三权分立: the other two administrators and every business role are refused). Answers in the one
 * ActionState shape; a generated temporary password comes back once as `data.tempPassword`.
 */
import crypto from "node:crypto";
import { and, eq, isNotNull, ne, sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { organizations, recoveryCodes, regions, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import { actionError, actionOk, serverAction } from "@/lib/auth/action";
import { hashPassword } from "@/lib/auth/password";
import { ROLES } from "@/lib/auth/rules";
import { blankToUndefined } from "@/lib/form-fields";

const SYSADMIN = { area: "admin", roles: ["sysadmin"] } as const;

/** A random temporary password that satisfies the policy; the user must change it at first login. */
function temporaryPassword(): string {
  const b = crypto.randomBytes(9).toString("base64url");
  return `Tmp-${b}9a`;
}

const scopeCode = z.string({ message: "请选择有效的区域" }).trim().regex(/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/, "请选择有效的区域");
const organizationId = z.coerce.number().int().positive("组织编号无效").optional();
const role = z.enum(ROLES, { message: "请选择角色" });
const userId = z.coerce.number({ message: "无效的账号" }).int().positive("无效的账号");

/** The region exists and, for an organization admin, the organization it manages: null when all is well. */
async function placeProblem(db: Queryable, d: { role: string; scopeCode: string; organizationId?: number }) {
  const [region] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, d.scopeCode));
  if (!region) return actionError("区域不存在", ["scopeCode"]);
  if (d.role === "org_admin" && !d.organizationId) return actionError("组织管理员须指定所管理的组织", ["organizationId"]);
  if (d.organizationId) {
    const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, d.organizationId));
    if (!org) return actionError("组织不存在", ["organizationId"]);
  }
  return null;
}

const Create = blankToUndefined(
  z.object({
    username: z.string({ message: "请输入用户名" }).trim().regex(/^[a-z][a-z0-9_]{2,31}$/, "用户名须为 3–32 位小写字母、数字或下划线，以字母开头"),
    displayName: z.string({ message: "请输入姓名" }).trim().min(1, "请输入姓名").max(40, "姓名过长"),
    role,
    scopeCode,
    organizationId,
  }),
  ["organizationId"],
);

/** sysadmin: create an account with a temporary password (shown once, changed at first login). */
export const createAccount = serverAction(SYSADMIN, Create, async ({ actor, db }, d) => {
  const bad = await placeProblem(db, d);
  if (bad) return bad;
  const [dup] = await db.select({ id: users.id }).from(users).where(eq(users.username, d.username));
  if (dup) return actionError("用户名已存在", ["username"]);
  const temp = temporaryPassword();
  const hash = await hashPassword(temp);
  await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ username: d.username, displayName: d.displayName, role: d.role, scopeCode: d.scopeCode, organizationId: d.role === "org_admin" ? d.organizationId : null, passwordHash: hash, mustChangePassword: true })
      .returning({ id: users.id });
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "account.create", objectType: "user", objectId: created!.id, summary: { username: d.username, role: d.role, scope: d.scopeCode } });
  });
  revalidatePath("/admin");
  return actionOk(`账号 ${d.username} 已创建`, { tempPassword: temp });
});

/** sysadmin: disable or enable an account (never their own); disabling ends its sessions at once. */
export const setAccountDisabled = serverAction(SYSADMIN, z.object({ userId, disabled: z.enum(["true", "false"]) }), async ({ actor, db }, f) => {
  const disabled = f.disabled === "true";
  const done = await db.transaction(async (tx) => {
    const [t] = await tx
      .update(users)
      .set({ disabled, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, f.userId), ne(users.id, actor.id)))
      .returning({ username: users.username });
    if (!t) return false;
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: disabled ? "account.disable" : "account.enable", objectType: "user", objectId: f.userId, summary: { username: t.username } });
    return true;
  });
  if (!done) return actionError("账号不存在或不能停用自己的账号");
  revalidatePath("/admin");
  return actionOk(disabled ? "账号已停用" : "账号已启用");
});

/** sysadmin: reset a password to a temporary one (shown once); ends the user's sessions, unlocks. */
export const resetAccountPassword = serverAction(SYSADMIN, z.object({ userId }), async ({ actor, db }, f) => {
  const temp = temporaryPassword();
  const hash = await hashPassword(temp);
  const username = await db.transaction(async (tx) => {
    const [t] = await tx
      .update(users)
      .set({ passwordHash: hash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, f.userId))
      .returning({ username: users.username });
    if (!t) return null;
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "account.reset_password", objectType: "user", objectId: f.userId, summary: { username: t.username } });
    return t.username;
  });
  if (!username) return actionError("账号不存在");
  revalidatePath("/admin");
  return actionOk(`已重置 ${username} 的密码`, { tempPassword: temp });
});

const ChangeRole = blankToUndefined(z.object({ userId, role, scopeCode, organizationId }), ["organizationId"]);

/**
 * sysadmin: give an account another role and/or scope (one role per account, so no one holds two of
 * the three administrator duties). Ends the account's sessions at once (session version moves on).
 */
export const changeAccountRole = serverAction(SYSADMIN, ChangeRole, async ({ actor, db }, d) => {
  if (d.userId === actor.id) return actionError("不能修改自己的角色", ["userId"]);
  const bad = await placeProblem(db, d);
  if (bad) return bad;
  const done = await db.transaction(async (tx) => {
    const [before] = await tx.select({ username: users.username, role: users.role, scopeCode: users.scopeCode }).from(users).where(eq(users.id, d.userId));
    if (!before) return null;
    await tx
      .update(users)
      .set({ role: d.role, scopeCode: d.scopeCode, organizationId: d.role === "org_admin" ? d.organizationId : null, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, d.userId));
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "account.change_role", objectType: "user", objectId: d.userId, summary: { username: before.username, before: { role: before.role, scope: before.scopeCode }, after: { role: d.role, scope: d.scopeCode } } });
    return before.username;
  });
  if (!done) return actionError("账号不存在", ["userId"]);
  revalidatePath("/admin");
  return actionOk(`已修改 ${done} 的角色与范围，其现有会话已结束`);
});

/**
 * sysadmin: clear an account's second factor (lost phone and recovery codes). Ends its sessions;
 * if its role needs TOTP it must enrol again at the next login. Audited `account.reset_totp`.
 */
export const resetAccountTotp = serverAction(SYSADMIN, z.object({ userId }), async ({ actor, db }, f) => {
  const done = await db.transaction(async (tx) => {
    const [t] = await tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, f.userId), isNotNull(users.totpEnabledAt)))
      .returning({ username: users.username });
    if (!t) return false;
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, f.userId));
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "account.reset_totp", objectType: "user", objectId: f.userId, summary: { username: t.username } });
    return true;
  });
  if (!done) return actionError("该账号未绑定动态验证码");
  revalidatePath("/admin");
  return actionOk("已重置动态验证码");
});
