/**
 * The public certificate check (/verify/{number}?code=…, GET /api/v1/certificates/check): anyone
 * holding a certificate — or its QR code — can confirm it, without a login. It needs the number AND
 * the verification code, answers the same "not found" for an unknown number and a wrong code, and
 * shows only what the certificate itself prints, with the holder's name masked. Callers rate-limit
 * per address (limits.ts).
 */
import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { certificates } from "@/db/schema";
import type { CertificateContent } from "./content";
import { parseCertificateNumber } from "./number";
import { maskedHolder, normalizeVerifyCode, sameCode } from "./verify";

export const CHECK_NOT_FOUND = "证明不存在或校验码不符";

export interface CheckedCertificate {
  number: string;
  issuedOn: string;
  issuer: string;
  holder: string;
  hours: number;
  periodFrom: string;
  periodTo: string;
}

export async function checkCertificate(db: Queryable, input: { number: string; code: string }): Promise<CheckedCertificate | null> {
  const number = input.number.trim().toUpperCase();
  const code = normalizeVerifyCode(input.code);
  if (!parseCertificateNumber(number) || !code) return null;
  const [c] = await db
    .select({ number: certificates.number, verifyCode: certificates.verifyCode, content: certificates.content, issuerName: certificates.issuerName, hours: certificates.hours, periodFrom: certificates.periodFrom, periodTo: certificates.periodTo })
    .from(certificates)
    .where(eq(certificates.number, number))
    .limit(1);
  // Compare even when the number is unknown, so both answers take the same time.
  const match = sameCode(c?.verifyCode ?? "0000000000", code);
  if (!c || !match) return null;
  const content = c.content as CertificateContent;
  return { number: c.number, issuedOn: content.issuedOn, issuer: c.issuerName, holder: maskedHolder(content.name), hours: Number(c.hours), periodFrom: c.periodFrom, periodTo: c.periodTo };
}
