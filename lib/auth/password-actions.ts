"use server";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import { actionError, actionOk, serverAction } from "./action";
import { hashPassword, verifyPassword } from "./password";
import { checkPassword } from "./password-policy";

const Form = z.object({
  current: z.string({ message: "请输入当前密码" }).min(1, "请输入当前密码"),
  next: z.string({ message: "请输入新密码" }).min(1, "请输入新密码"),
  confirm: z.string({ message: "请再次输入新密码" }).min(1, "请再次输入新密码"),
});

/**
 * The signed-in user changes their own password (also while a change is owed). Success moves the
 * session version on, so every session of the account (this one included) ends and the user logs
 * in again with the new password.
 */
export const changeOwnPassword = serverAction({ ownAccount: true }, Form, async ({ actor, db }, { current, next, confirm }) => {
  if (next !== confirm) return actionError("两次输入的新密码不一致", ["confirm"]);
  const policy = checkPassword(next, actor.username);
  if (policy) return actionError(policy, ["next"]);
  if (next === current) return actionError("新密码不能与当前密码相同", ["next"]);
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!row || !(await verifyPassword(current, row.hash))) return actionError("当前密码不正确", ["current"]);
  const hash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: hash, mustChangePassword: false, passwordChangedAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, actor.id)));
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "auth.password_change", objectType: "user", objectId: actor.id });
  });
  return actionOk("密码已修改");
});
