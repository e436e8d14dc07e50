/** Pure rules for volunteer records: ID-card checks (GB 11643), masking, star levels. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

/** The check character (0–9 or X) for the first 17 digits of an ID-card number. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdCardResult =
  | { ok: true; normalized: string; birthDate: string; gender: "M" | "F"; regionPrefix: string }
  | { ok: false; error: string };

/** Validates an 18-digit resident ID-card number and derives birth date and gender from it. */
export function parseIdCard(raw: string): IdCardResult {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, error: "身份证号必须是 18 位（前 17 位为数字，最后一位为数字或 X）" };
  if (idCardCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, error: "身份证号校验位不正确" };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, error: "身份证号中的出生日期无效" };
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const gender = Number(id[16]) % 2 === 1 ? "M" : "F";
  return { ok: true, normalized: id, birthDate, gender, regionPrefix: id.slice(0, 6) };
}

/** Builds a valid ID number from region prefix, birth date (YYYY-MM-DD) and a 3-digit sequence. */
export function makeIdCard(prefix6: string, birthDate: string, seq3: number): string {
  const first17 = `${prefix6}${birthDate.replaceAll("-", "")}${String(seq3 % 1000).padStart(3, "0")}`;
  return first17 + idCardCheckChar(first17);
}

/** Mainland mobile number: 11 digits starting 13–19. */
export function isMobile(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(raw.trim());
}

/** `370285********1234`: first 6, eight stars, last 4. */
export function maskIdCard(prefix6: string, last4: string): string {
  return `${prefix6}********${last4}`;
}

export function maskIdCardFull(id: string): string {
  return maskIdCard(id.slice(0, 6), id.slice(-4));
}

/** `138****5678`. With only the last 4 known, the first 3 are shown as stars too. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : `***${"*".repeat(4)}${phone.slice(-4)}`;
}

export function maskName(name: string): string {
  if (name.length <= 1) return name;
  return name[0] + "*".repeat(name.length - 1);
}

/** Star thresholds in verified hours: 1★ 100 h, 2★ 300 h, 3★ 600 h, 4★ 1,000 h, 5★ 1,500 h. */
export const STAR_THRESHOLDS = [100, 300, 600, 1000, 1500] as const;

export function starLevel(verifiedHours: number): number {
  let level = 0;
  for (const t of STAR_THRESHOLDS) if (verifiedHours >= t) level++;
  return level;
}

/** Hours still needed for the next star, or null at 5★. */
export function hoursToNextStar(verifiedHours: number): number | null {
  const next = STAR_THRESHOLDS.find((t) => verifiedHours < t);
  return next === undefined ? null : Math.round((next - verifiedHours) * 100) / 100;
}
