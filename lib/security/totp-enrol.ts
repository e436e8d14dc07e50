import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import QRCode from "qrcode";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/session";
import { newTotpSecret, otpauthUri } from "@/lib/auth/totp";
import { decryptPii, encryptPii } from "@/lib/volunteers/pii";

export interface PendingEnrolment {
  enrolled: boolean;
  /** base32, for typing into the app by hand; only while enrolment is pending. */
  secret?: string;
  qrSvg?: string;
}

/**
 * The signed-in user's pending TOTP secret (created once, encrypted like PII); enabled only when a
 * code from it is confirmed (confirmTotp). The QR code is rendered on the server as SVG.
 */
export async function pendingEnrolment(user: CurrentUser): Promise<PendingEnrolment> {
  const db = await getDb();
  const [row] = await db.select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, user.id));
  if (!row) return { enrolled: false };
  if (row.enabledAt) return { enrolled: true };
  let secret = row.secret ? safeDecrypt(row.secret) : null;
  if (!secret) {
    secret = newTotpSecret();
    await db.update(users).set({ totpSecret: encryptPii(secret) }).where(and(eq(users.id, user.id), isNull(users.totpEnabledAt)));
  }
  const qrSvg = await QRCode.toString(otpauthUri(secret, user.username), { type: "svg", errorCorrectionLevel: "M", margin: 1, width: 200 });
  return { enrolled: false, secret, qrSvg };
}

function safeDecrypt(v: string): string | null {
  try {
    return decryptPii(v);
  } catch {
    return null;
  }
}
