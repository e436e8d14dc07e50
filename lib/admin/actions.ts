"use server";
import crypto from "node:crypto";
import { and, eq, isNotNull, ne, sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { organizations, recoveryCodes, regions, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import { hashPassword } from "@/lib/auth/password";
import { ROLES } from "@/lib/auth/rules";
import { getCurrentUser } from "@/lib/auth/session";
import { clientIpFrom } from "@/lib/security/ip";

export interface AccountFormState {
  ok: boolean;
  message?: string;
  /** A generated temporary password, shown once. */
  tempPassword?: string;
  errors: Record<string, string>;
}

async function sysadmin() {
  const u = await getCurrentUser();
  if (!u || u.role !== "sysadmin") throw new Error("forbidden");
  if (u.mustChangePassword || u.mustEnrolTotp) throw new Error("forbidden");
  const h = await headers();
  return { u, ip: clientIpFrom((n) => h.get(n)) };
}

/** A random temporary password that satisfies the policy; the user must change it at first login. */
function temporaryPassword(): string {
  const b = crypto.randomBytes(9).toString("base64url");
  return `Tmp-${b}9a`;
}

const Create = z.object({
  username: z.string().trim().regex(/^[a-z][a-z0-9_]{2,31}$/, "用户名须为 3–32 位小写字母、数字或下划线，以字母开头"),
  displayName: z.string().trim().min(1, "请输入姓名").max(40, "姓名过长"),
  role: z.enum(ROLES, { message: "请选择角色" }),
  scopeCode: z.string().trim().regex(/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/, "请选择有效的区域"),
  organizationId: z.coerce.number().int().positive().optional().or(z.literal("").transform(() => undefined)),
});

/** sysadmin: create an account with a temporary password (shown once, changed at first login). */
export async function createAccount(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const { u, ip } = await sysadmin();
  const parsed = Create.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
    return { ok: false, errors };
  }
  const d = parsed.data;
  const db = await getDb();
  const [region] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, d.scopeCode));
  if (!region) return { ok: false, errors: { scopeCode: "区域不存在" } };
  if (d.role === "org_admin") {
    if (!d.organizationId) return { ok: false, errors: { organizationId: "组织管理员须指定所管理的组织" } };
    const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, d.organizationId));
    if (!org) return { ok: false, errors: { organizationId: "组织不存在" } };
  }
  const [dup] = await db.select({ id: users.id }).from(users).where(eq(users.username, d.username));
  if (dup) return { ok: false, errors: { username: "用户名已存在" } };
  const temp = temporaryPassword();
  const hash = await hashPassword(temp);
  await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ username: d.username, displayName: d.displayName, role: d.role, scopeCode: d.scopeCode, organizationId: d.role === "org_admin" ? d.organizationId : null, passwordHash: hash, mustChangePassword: true })
      .returning({ id: users.id });
    await writeAudit(tx, { userId: u.id, username: u.username, role: u.role, ip, action: "account.create", objectType: "user", objectId: created!.id, summary: { username: d.username, role: d.role, scope: d.scopeCode } });
  });
  revalidatePath("/admin");
  return { ok: true, message: `账号 ${d.username} 已创建`, tempPassword: temp, errors: {} };
}

const Target = z.object({ userId: z.coerce.number().int().positive() });

/** sysadmin: disable or enable an account; disabling ends its sessions at once. */
export async function setAccountDisabled(formData: FormData): Promise<void> {
  const { u, ip } = await sysadmin();
  const { userId } = Target.parse(Object.fromEntries(formData));
  const disabled = formData.get("disabled") === "true";
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [t] = await tx
      .update(users)
      .set({ disabled, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, userId), ne(users.id, u.id)))
      .returning({ username: users.username });
    if (!t) return;
    await writeAudit(tx, { userId: u.id, username: u.username, role: u.role, ip, action: disabled ? "account.disable" : "account.enable", objectType: "user", objectId: userId, summary: { username: t.username } });
  });
  revalidatePath("/admin");
}

/** sysadmin: reset a password to a temporary one (shown once); ends the user's sessions, unlocks. */
export async function resetAccountPassword(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const { u, ip } = await sysadmin();
  const parsed = Target.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, errors: { form: "无效的账号" } };
  const temp = temporaryPassword();
  const hash = await hashPassword(temp);
  const db = await getDb();
  const username = await db.transaction(async (tx) => {
    const [t] = await tx
      .update(users)
      .set({ passwordHash: hash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, parsed.data.userId))
      .returning({ username: users.username });
    if (!t) return null;
    await writeAudit(tx, { userId: u.id, username: u.username, role: u.role, ip, action: "account.reset_password", objectType: "user", objectId: parsed.data.userId, summary: { username: t.username } });
    return t.username;
  });
  if (!username) return { ok: false, errors: { form: "账号不存在" } };
  revalidatePath("/admin");
  return { ok: true, message: `已重置 ${username} 的密码`, tempPassword: temp, errors: {} };
}

const ChangeRole = z.object({
  userId: z.coerce.number().int().positive(),
  role: z.enum(ROLES, { message: "请选择角色" }),
  scopeCode: z.string().trim().regex(/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/, "请选择有效的区域"),
  organizationId: z.coerce.number().int().positive().optional().or(z.literal("").transform(() => undefined)),
});

/**
 * sysadmin: give an account another role and/or scope (one role per account, so no one holds two of
 * the three administrator duties). Ends the account's sessions at once (session version moves on).
 */
export async function changeAccountRole(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const { u, ip } = await sysadmin();
  const parsed = ChangeRole.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
    return { ok: false, errors };
  }
  const d = parsed.data;
  if (d.userId === u.id) return { ok: false, errors: { form: "不能修改自己的角色" } };
  if (d.role === "org_admin" && !d.organizationId) return { ok: false, errors: { organizationId: "组织管理员须指定所管理的组织" } };
  const db = await getDb();
  const [region] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, d.scopeCode));
  if (!region) return { ok: false, errors: { scopeCode: "区域不存在" } };
  if (d.organizationId) {
    const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, d.organizationId));
    if (!org) return { ok: false, errors: { organizationId: "组织不存在" } };
  }
  const done = await db.transaction(async (tx) => {
    const [before] = await tx.select({ username: users.username, role: users.role, scopeCode: users.scopeCode }).from(users).where(eq(users.id, d.userId));
    if (!before) return null;
    await tx
      .update(users)
      .set({ role: d.role, scopeCode: d.scopeCode, organizationId: d.role === "org_admin" ? d.organizationId : null, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, d.userId));
    await writeAudit(tx, { userId: u.id, username: u.username, role: u.role, ip, action: "account.change_role", objectType: "user", objectId: d.userId, summary: { username: before.username, before: { role: before.role, scope: before.scopeCode }, after: { role: d.role, scope: d.scopeCode } } });
    return before.username;
  });
  if (!done) return { ok: false, errors: { form: "账号不存在" } };
  revalidatePath("/admin");
  return { ok: true, message: `已修改 ${done} 的角色与范围，其现有会话已结束`, errors: {} };
}

/**
 * sysadmin: clear an account's second factor (lost phone and recovery codes). Ends its sessions;
 * if its role needs TOTP it must enrol again at the next login. Audited `account.reset_totp`.
 */
export async function resetAccountTotp(formData: FormData): Promise<void> {
  const { u, ip } = await sysadmin();
  const parsed = Target.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return;
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [t] = await tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, parsed.data.userId), isNotNull(users.totpEnabledAt)))
      .returning({ username: users.username });
    if (!t) return;
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, parsed.data.userId));
    await writeAudit(tx, { userId: u.id, username: u.username, role: u.role, ip, action: "account.reset_totp", objectType: "user", objectId: parsed.data.userId, summary: { username: t.username } });
  });
  revalidatePath("/admin");
}
