"use server";
import { and, eq, isNull } from "drizzle-orm";
import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { recoveryCodes, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import { getCurrentUser } from "@/lib/auth/session";
import { hashRecoveryCode, newRecoveryCodes, verifyTotp } from "@/lib/auth/totp";
import { decryptPii } from "@/lib/volunteers/pii";
import { clientIpFrom } from "./ip";

export interface TotpFormState {
  ok: boolean;
  error?: string;
  /** The 10 recovery codes, shown once. */
  recoveryCodes?: string[];
}

const Form = z.object({ code: z.string().trim().regex(/^\d{6}$/, "请输入 6 位动态验证码") });

/**
 * Confirms TOTP enrolment with a code from the pending secret, then issues 10 single-use recovery
 * codes (only their hashes are stored; earlier codes are void). Audited `auth.totp_enrol`.
 */
export async function confirmTotp(_prev: TotpFormState, formData: FormData): Promise<TotpFormState> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: "登录已过期，请重新登录" };
  const parsed = Form.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const db = await getDb();
  const [row] = await db.select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, user.id));
  if (!row?.secret || row.enabledAt) return { ok: false, error: "没有待确认的动态验证码绑定，请刷新页面" };
  let secret: string;
  try {
    secret = decryptPii(row.secret);
  } catch {
    return { ok: false, error: "没有待确认的动态验证码绑定，请刷新页面" };
  }
  const hd = await headers();
  const ip = clientIpFrom((n) => hd.get(n));
  if (verifyTotp(secret, parsed.data.code) === null) {
    await writeAuditOutside(user, ip, "failure");
    return { ok: false, error: "动态验证码不正确，请核对手机时间后重试" };
  }
  const codes = newRecoveryCodes();
  const done = await db.transaction(async (tx) => {
    const [u] = await tx.update(users).set({ totpEnabledAt: new Date() }).where(and(eq(users.id, user.id), isNull(users.totpEnabledAt))).returning({ id: users.id });
    if (!u) return false;
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c) })));
    await writeAudit(tx, { userId: user.id, username: user.username, role: user.role, ip, action: "auth.totp_enrol", objectType: "user", objectId: user.id, summary: { recoveryCodes: codes.length } });
    return true;
  });
  if (!done) return { ok: false, error: "没有待确认的动态验证码绑定，请刷新页面" };
  return { ok: true, recoveryCodes: codes };
}

async function writeAuditOutside(user: { id: number; username: string; role: string }, ip: string | null, outcome: "failure") {
  const db = await getDb();
  await db.transaction((tx) => writeAudit(tx, { userId: user.id, username: user.username, role: user.role, ip, action: "auth.totp_enrol", outcome, objectType: "user", objectId: user.id }));
}
