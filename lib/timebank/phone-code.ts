/**
 * One-time codes for volunteers identifying themselves by phone on the public /activities page
 * (redeeming points). Only hashes are stored (phone_codes); the code is "sent" by printing it to the
 * server log outside production (or when PHONE_CODE_LOG=1) — an SMS gateway is the upgrade path.
 * Five wrong tries or ten minutes end a code; a used code cannot be used again.
 */
import { createHash, randomInt } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { phoneCodes, volunteers } from "@/db/schema";
import { piiHash } from "@/lib/volunteers/pii";
import { normalizeMobile } from "@/lib/volunteers/rules";
import { env } from "@/lib/env";

const TTL_MS = 10 * 60_000;
const MAX_ATTEMPTS = 5;

function codeHash(phoneHash: string, code: string) {
  return createHash("sha256").update(`${phoneHash}:${code}`).digest("hex");
}

/** Issues a code when the phone belongs to a registered volunteer; answers the same either way. */
export async function requestPhoneCode(db: Db, { phone: rawPhone, purpose = "redeem" }: { phone: string; purpose?: string }): Promise<{ sent: boolean }> {
  const phone = normalizeMobile(rawPhone);
  const ph = piiHash(phone);
  const [v] = await db.select({ id: volunteers.id }).from(volunteers).where(and(eq(volunteers.phoneHash, ph), eq(volunteers.status, "active"))).limit(1);
  if (!v) return { sent: false };
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await db.insert(phoneCodes).values({ phoneHash: ph, purpose, codeHash: codeHash(ph, code), expiresAt: new Date(Date.now() + TTL_MS) });
  if (env().NODE_ENV !== "production" || env().PHONE_CODE_LOG) {
    console.log(`[phone-code] ${purpose} code for ***${phone.slice(-4)}: ${code}`);
  }
  return { sent: true };
}

/** Checks (and uses up) a code; returns the volunteer it identifies, or null. */
export async function verifyPhoneCode(db: Db, { phone: rawPhone, code, purpose = "redeem" }: { phone: string; code: string; purpose?: string }): Promise<{ volunteerId: number } | null> {
  const phone = normalizeMobile(rawPhone);
  const ph = piiHash(phone);
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(phoneCodes)
      .where(and(eq(phoneCodes.phoneHash, ph), eq(phoneCodes.purpose, purpose), isNull(phoneCodes.usedAt), gt(phoneCodes.expiresAt, new Date())))
      .orderBy(desc(phoneCodes.id))
      .limit(1)
      .for("update");
    if (!c || c.attempts >= MAX_ATTEMPTS) return null;
    if (c.codeHash !== codeHash(ph, code.trim())) {
      await tx.update(phoneCodes).set({ attempts: sql`${phoneCodes.attempts} + 1` }).where(eq(phoneCodes.id, c.id));
      return null;
    }
    await tx.update(phoneCodes).set({ usedAt: new Date() }).where(eq(phoneCodes.id, c.id));
    const [v] = await tx.select({ id: volunteers.id }).from(volunteers).where(and(eq(volunteers.phoneHash, ph), eq(volunteers.status, "active"))).limit(1);
    return v ? { volunteerId: v.id } : null;
  });
}
