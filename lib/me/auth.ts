import "server-only";
/**
 * Volunteer sign-in by phone: ask for a code (same answer whether or not the number is registered,
 * limited per phone), then phone + code → a volunteer session. Shared by the /me/login page's actions
 * and POST /api/v1/me/code, /api/v1/me/session.
 */
import { z } from "zod";
import type { Db } from "@/db/client";
import { audit } from "@/lib/audit/log";
import { type Failure, fail } from "@/lib/http";
import { requestPhoneCode, verifyPhoneCode } from "@/lib/timebank/phone-code";
import { piiHash } from "@/lib/volunteers/pii";
import { isMobile, normalizeMobile } from "@/lib/volunteers/rules";
import { meCodePhoneLimiter, phoneLimitMessage } from "./limits";
import { startVolunteerSession } from "@/lib/auth/volunteer-session";

export const PhoneField = z
  .string({ message: "手机号：请填写正确的 11 位手机号" })
  .transform(normalizeMobile)
  .refine(isMobile, "手机号：请填写正确的 11 位手机号");
export const CodeField = z.string({ message: "验证码：请填写 6 位数字验证码" }).trim().regex(/^\d{6}$/, "验证码：请填写 6 位数字验证码");

export const CodeRequest = z.object({ phone: PhoneField });
export const SignIn = z.object({ phone: PhoneField, code: CodeField });

export type CodeAnswer = { ok: true } | Failure;

/** Sends a sign-in code if the number is a registered active volunteer's; the answer does not say. */
export async function requestSignInCode(db: Db, { phone }: { phone: string }): Promise<CodeAnswer> {
  const gate = meCodePhoneLimiter().take(piiHash(phone));
  if (!gate.ok) return fail("rate_limited", phoneLimitMessage(gate.retryAfter), { fields: ["phone"], extra: { retryAfter: gate.retryAfter } });
  await requestPhoneCode(db, { phone, purpose: "me_login" });
  return { ok: true };
}

export const SIGN_IN_REFUSED = "验证码错误或已过期，请重新获取";

/** Phone + code → a new session token, or a refusal (wrong, expired, used or exhausted code alike). */
export async function signIn(db: Db, { phone, code, ip }: { phone: string; code: string; ip: string | null }): Promise<{ ok: true; token: string; volunteerId: number } | Failure> {
  const who = await verifyPhoneCode(db, { phone, code, purpose: "me_login" });
  if (!who) {
    await audit(db, { username: `volunteer:***${phone.slice(-4)}`, role: "volunteer", ip, action: "me.sign_in", outcome: "denied", summary: { reason: "bad_code" } });
    return fail("unauthenticated", SIGN_IN_REFUSED, { fields: ["code"] });
  }
  const token = await startVolunteerSession(db, { volunteerId: who.volunteerId, phone, ip });
  await audit(db, { username: `volunteer:${who.volunteerId}`, role: "volunteer", ip, action: "me.sign_in", objectType: "volunteer", objectId: who.volunteerId, outcome: "success" });
  return { ok: true, token, volunteerId: who.volunteerId };
}
