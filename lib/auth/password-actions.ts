"use server";
import { and, eq, sql } from "drizzle-orm";
import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import { hashPassword, verifyPassword } from "./password";
import { checkPassword } from "./password-policy";
import { getCurrentUser } from "./session";
import { clientIpFrom } from "@/lib/security/ip";

export interface PasswordFormState {
  ok: boolean;
  errors: Partial<Record<"current" | "next" | "confirm" | "form", string>>;
}

const Form = z.object({
  current: z.string().min(1, "请输入当前密码"),
  next: z.string().min(1, "请输入新密码"),
  confirm: z.string().min(1, "请再次输入新密码"),
});

/**
 * The signed-in user changes their own password. Success moves the session version on, so every
 * session of the account (this one included) ends and the user logs in again with the new password.
 */
export async function changeOwnPassword(_prev: PasswordFormState, formData: FormData): Promise<PasswordFormState> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, errors: { form: "登录已过期，请重新登录" } };
  const parsed = Form.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const errors: PasswordFormState["errors"] = {};
    for (const i of parsed.error.issues) errors[i.path[0] as "current"] ??= i.message;
    return { ok: false, errors };
  }
  const { current, next, confirm } = parsed.data;
  if (next !== confirm) return { ok: false, errors: { confirm: "两次输入的新密码不一致" } };
  const policy = checkPassword(next, user.username);
  if (policy) return { ok: false, errors: { next: policy } };
  if (next === current) return { ok: false, errors: { next: "新密码不能与当前密码相同" } };
  const db = await getDb();
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row || !(await verifyPassword(current, row.hash))) return { ok: false, errors: { current: "当前密码不正确" } };
  const hash = await hashPassword(next);
  const h = await headers();
  const ip = clientIpFrom((n) => h.get(n));
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: hash, mustChangePassword: false, passwordChangedAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, user.id)));
    await writeAudit(tx, { userId: user.id, username: user.username, role: user.role, ip, action: "auth.password_change", objectType: "user", objectId: user.id });
  });
  return { ok: true, errors: {} };
}
