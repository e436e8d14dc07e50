/**
 * One-time phone codes — the one implementation for every public identification by phone:
 * redemption on /activities ("redeem"), volunteer sign-in on /me ("me_login"), a new phone number
 * ("me_phone") and a guardian's consent ("guardian"). 6 digits, valid 5 minutes, single use, 5 wrong
 * tries end it; only a hash is stored (phone_codes). The code is sent through lib/sms (the outbox by
 * default), never logged.
 */
import { createHash, randomInt } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { phoneCodes, volunteers } from "@/db/schema";
import { sendSms } from "@/lib/sms";
import { piiHash } from "@/lib/volunteers/pii";
import { normalizeMobile } from "@/lib/volunteers/rules";

export const CODE_TTL_MS = 5 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;

export type CodePurpose = "redeem" | "me_login" | "me_phone" | "guardian";

const TEXT: Record<CodePurpose, (code: string) => string> = {
  redeem: (c) => `您的积分兑换验证码为 ${c}，5 分钟内有效，请勿告诉他人。`,
  me_login: (c) => `您的志愿者登录验证码为 ${c}，5 分钟内有效，请勿告诉他人。`,
  me_phone: (c) => `您正在更换志愿者账号绑定的手机号，验证码为 ${c}，5 分钟内有效。`,
  guardian: (c) => `您正在同意未成年人注册为志愿者（监护人确认），验证码为 ${c}，5 分钟内有效。`,
};

function codeHash(phoneHash: string, code: string) {
  return createHash("sha256").update(`${phoneHash}:${code}`).digest("hex");
}

export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/**
 * Pure rule: may a stored code still be tried, and does the typed code match? (unit-tested)
 * `expired` and `exhausted` and `used` refuse without counting a try; `wrong` counts one.
 */
export function judgeCode(
  c: { codeHash: string; attempts: number; expiresAt: Date; usedAt: Date | null } | undefined,
  typedHash: string,
  now: Date = new Date(),
): "ok" | "none" | "used" | "expired" | "exhausted" | "wrong" {
  if (!c) return "none";
  if (c.usedAt) return "used";
  if (c.expiresAt.getTime() <= now.getTime()) return "expired";
  if (c.attempts >= CODE_MAX_ATTEMPTS) return "exhausted";
  return c.codeHash === typedHash ? "ok" : "wrong";
}

/** Stores a new code for a number and sends it by SMS. */
export async function issueCode(db: Db, { phone: rawPhone, purpose }: { phone: string; purpose: CodePurpose }): Promise<void> {
  const phone = normalizeMobile(rawPhone);
  const ph = piiHash(phone);
  const code = newCode();
  await db.insert(phoneCodes).values({ phoneHash: ph, purpose, codeHash: codeHash(ph, code), expiresAt: new Date(Date.now() + CODE_TTL_MS) });
  await sendSms({ to: phone, text: TEXT[purpose](code) });
}

/** Checks (and uses up) the newest code of a number for a purpose; true when it matched. */
export async function consumeCode(db: Db, { phone: rawPhone, code, purpose }: { phone: string; code: string; purpose: CodePurpose }): Promise<boolean> {
  const ph = piiHash(normalizeMobile(rawPhone));
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(phoneCodes)
      .where(and(eq(phoneCodes.phoneHash, ph), eq(phoneCodes.purpose, purpose), isNull(phoneCodes.usedAt), gt(phoneCodes.expiresAt, new Date())))
      .orderBy(desc(phoneCodes.id))
      .limit(1)
      .for("update");
    const verdict = judgeCode(c, codeHash(ph, code.trim()));
    if (verdict === "wrong") await tx.update(phoneCodes).set({ attempts: sql`${phoneCodes.attempts} + 1` }).where(eq(phoneCodes.id, c!.id));
    if (verdict !== "ok") return false;
    await tx.update(phoneCodes).set({ usedAt: new Date() }).where(eq(phoneCodes.id, c!.id));
    return true;
  });
}

async function activeVolunteerByPhone(db: Db, phone: string): Promise<{ id: number } | undefined> {
  const [v] = await db
    .select({ id: volunteers.id })
    .from(volunteers)
    .where(and(eq(volunteers.phoneHash, piiHash(normalizeMobile(phone))), eq(volunteers.status, "active")))
    .orderBy(volunteers.id)
    .limit(1);
  return v;
}

/** Issues a code when the phone belongs to a registered volunteer; the caller answers the same either way. */
export async function requestPhoneCode(db: Db, { phone, purpose = "redeem" }: { phone: string; purpose?: CodePurpose }): Promise<{ sent: boolean }> {
  if (!(await activeVolunteerByPhone(db, phone))) return { sent: false };
  await issueCode(db, { phone, purpose });
  return { sent: true };
}

/** Checks (and uses up) a code; returns the volunteer it identifies, or null. */
export async function verifyPhoneCode(db: Db, { phone, code, purpose = "redeem" }: { phone: string; code: string; purpose?: CodePurpose }): Promise<{ volunteerId: number } | null> {
  if (!(await consumeCode(db, { phone, code, purpose }))) return null;
  const v = await activeVolunteerByPhone(db, phone);
  return v ? { volunteerId: v.id } : null;
}
