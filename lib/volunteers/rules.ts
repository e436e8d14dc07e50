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

// ---------------------------------------------------------------------------------------------
// Registration helpers (pure; shared by the staff form, the public /join page, the API and import)

export const SECTOR_KEYS = ["elderly", "minors", "rural", "urban_warmth", "environment", "safety_rescue"] as const;
export type SectorKey = (typeof SECTOR_KEYS)[number];

/** The six welfare sectors as the national system and the staff write them. */
export const SECTOR_ZH: Record<SectorKey, string> = {
  elderly: "关爱老年",
  minors: "关爱未成年人",
  rural: "乡村振兴",
  urban_warmth: "城市温暖提升",
  environment: "环境保护",
  safety_rescue: "安全救助",
};

const SECTOR_ALIASES: Record<string, SectorKey> = {
  关爱老年: "elderly",
  关爱老年人: "elderly",
  老年: "elderly",
  助老: "elderly",
  关爱未成年人: "minors",
  未成年人: "minors",
  关爱儿童: "minors",
  乡村振兴: "rural",
  城市温暖提升: "urban_warmth",
  城市温暖: "urban_warmth",
  环境保护: "environment",
  生态环保: "environment",
  环保: "environment",
  安全救助: "safety_rescue",
  应急救援: "safety_rescue",
  应急救助: "safety_rescue",
};

/** A sector from its API key or its Chinese name (a few common variants); null when unknown. */
export function parseSector(raw: string): SectorKey | null {
  const s = raw.trim();
  if ((SECTOR_KEYS as readonly string[]).includes(s)) return s as SectorKey;
  return SECTOR_ALIASES[s.replace(/\s/g, "")] ?? null;
}

/** Splits a free-text list ("急救、摄影，心理咨询") into trimmed, de-duplicated items. */
export function splitList(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const out: string[] = [];
  for (const p of raw.split(/[,，、;；|/\n\r\t]+/)) {
    const v = p.trim();
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

/** Strips spaces, dashes and a +86 / 0086 prefix from a mobile number as people type it. */
export function normalizeMobile(raw: string): string {
  return raw.replace(/[\s\-()（）]/g, "").replace(/^(\+?86|0086)(?=1\d{10}$)/, "");
}

/** Full years of age on a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The minimum age to register as a volunteer on one's own. */
export const MIN_AGE = 14;

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Checks a gender and birth date someone typed against what the ID number says. Empty values are
 * not checked (the form fills them from the ID).
 */
export function checkTypedAgainstId(id: { birthDate: string; gender: "M" | "F" }, typed: { gender?: string | null; birthDate?: string | null }): FieldError[] {
  const errors: FieldError[] = [];
  const g = typed.gender?.trim();
  if (g) {
    const norm = g === "男" ? "M" : g === "女" ? "F" : g.toUpperCase();
    if (norm !== "M" && norm !== "F") errors.push({ field: "gender", message: "性别只能是“男”或“女”" });
    else if (norm !== id.gender) errors.push({ field: "gender", message: `性别与身份证号不符（身份证号显示为${id.gender === "M" ? "男" : "女"}）` });
  }
  const b = typed.birthDate?.trim();
  if (b && b !== id.birthDate) errors.push({ field: "birthDate", message: `出生日期与身份证号不符（身份证号显示为 ${id.birthDate}）` });
  return errors;
}
