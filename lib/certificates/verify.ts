/**
 * Verification codes of certificates. Numbers are sequential (QDZY-2026-000123), so a check needs
 * the number AND a random code printed on the certificate and carried by its QR code: 10
 * characters from a 31-letter alphabet without look-alikes (0/O, 1/I/L) — about 49 bits, drawn
 * with node:crypto, unrelated to the number. Typed codes are normalised (case, spaces, dashes).
 */
import { randomInt, timingSafeEqual } from "node:crypto";

export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 10;

export function newVerifyCode(): string {
  let s = "";
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** "ab3k-7mzq 9x" → "AB3K7MZQ9X"; anything that cannot be a code → null. */
export function normalizeVerifyCode(raw: string | null | undefined): string | null {
  const s = (raw ?? "").replace(/[\s-]/g, "").toUpperCase();
  return /^[0-9A-Z]{8,32}$/.test(s) ? s : null;
}

/** Constant-time comparison, so the time of a wrong answer does not tell how much was right. */
export function sameCode(stored: string, typed: string): boolean {
  const a = Buffer.from(stored, "utf8");
  const b = Buffer.from(typed, "utf8");
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** The code as printed: groups of 5 for reading aloud ("AB3K7-MZQ9X"). */
export function printedCode(code: string): string {
  return code.replace(/(.{5})(?=.)/g, "$1-");
}

/** The public check's path (the API answers it as `verifyUrl`; the QR code holds it absolute). */
export function verifyPath(number: string, code: string): string {
  return `/verify/${encodeURIComponent(number)}?code=${encodeURIComponent(code)}`;
}

/** A name as a public check shows it: the surname, the rest masked ("张**"). */
export function maskedHolder(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return "*";
  return chars[0] + "*".repeat(chars.length - 1);
}

/**
 * The origin printed in the QR code: the deployment's public address (NEXTAUTH_URL, passed in from
 * lib/env) when set, else the origin the request came to.
 */
export function publicOrigin(requestUrl: string, configured: string | null | undefined): string {
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      /* lib/env validates NEXTAUTH_URL; fall back to the request */
    }
  }
  return new URL(requestUrl).origin;
}
