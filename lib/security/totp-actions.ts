"use server";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recoveryCodes, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import { actionError, actionOk, serverAction } from "@/lib/auth/action";
import { hashRecoveryCode, newRecoveryCodes, verifyTotp } from "@/lib/auth/totp";
import { decryptPii } from "@/lib/volunteers/pii";

const Form = z.object({ code: z.string({ message: "请输入 6 位动态验证码" }).trim().regex(/^\d{6}$/, "请输入 6 位动态验证码") });
const NOTHING_PENDING = "没有待确认的动态验证码绑定，请刷新页面";

/**
 * Confirms TOTP enrolment (also while it is owed) with a code from the pending secret, then issues
 * 10 single-use recovery codes, shown once (`data.recoveryCodes`; only their hashes are stored,
 * earlier codes are void). Audited `auth.totp_enrol`, a wrong code too.
 */
export const confirmTotp = serverAction({ ownAccount: true }, Form, async ({ actor, db }, { code }) => {
  const [row] = await db.select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, actor.id));
  if (!row?.secret || row.enabledAt) return actionError(NOTHING_PENDING);
  let secret: string;
  try {
    secret = decryptPii(row.secret);
  } catch {
    return actionError(NOTHING_PENDING);
  }
  const audit = { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "auth.totp_enrol", objectType: "user", objectId: actor.id };
  if (verifyTotp(secret, code) === null) {
    await db.transaction((tx) => writeAudit(tx, { ...audit, outcome: "failure" }));
    return actionError("动态验证码不正确，请核对手机时间后重试", ["code"]);
  }
  const codes = newRecoveryCodes();
  const done = await db.transaction(async (tx) => {
    const [u] = await tx.update(users).set({ totpEnabledAt: new Date() }).where(and(eq(users.id, actor.id), isNull(users.totpEnabledAt))).returning({ id: users.id });
    if (!u) return false;
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.id));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: actor.id, codeHash: hashRecoveryCode(c) })));
    await writeAudit(tx, { ...audit, summary: { recoveryCodes: codes.length } });
    return true;
  });
  if (!done) return actionError(NOTHING_PENDING);
  return actionOk("动态验证码已绑定", { recoveryCodes: codes });
});
