/**
 * Pure rules of the certificate: who the issuing office is (from the issuer's account, never typed),
 * dates as a certificate writes them, and how a long service history is summarised.
 */
import type { CertificateLine, CertificateSummaryRow } from "./content";

/** Up to this many verified records are listed one by one; past it, by organization and year. */
export const MAX_LISTED = 40;

export interface IssuerAccount {
  role: string;
  /** The name of the account's scope region (青岛市, 莱西市, 水集街道, 店埠镇). */
  regionName: string;
  regionLevel: "city" | "district" | "street" | "community";
  /** For org_admin: the organization's name. */
  organizationName?: string | null;
}

/**
 * The issuing office printed on the certificate: a 文明办 account issues as "<city or district>文明办",
 * a street officer as the street's office (街道办事处 / 镇人民政府), an organization admin as the
 * organization. Null for a role that issues nothing.
 */
export function issuingOffice(a: IssuerAccount): string | null {
  const region = a.regionName.trim();
  if (a.role === "wmb_staff" && region) return `${region}文明办`;
  if (a.role === "street_officer" && region) {
    if (region.endsWith("街道")) return `${region}办事处`;
    if (region.endsWith("镇") || region.endsWith("乡")) return `${region}人民政府`;
    return region;
  }
  if (a.role === "org_admin" && a.organizationName?.trim()) return a.organizationName.trim();
  return null;
}

/** "2026-12-03" → "2026年12月3日". */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** The records of a certificate: each line when there are few, else one row per organization and year. */
export function summarize(lines: CertificateLine[]): { activities: CertificateLine[]; summary: CertificateSummaryRow[] | null } {
  if (lines.length <= MAX_LISTED) return { activities: lines, summary: null };
  const by = new Map<string, CertificateSummaryRow>();
  for (const l of lines) {
    const year = l.date.slice(0, 4);
    const k = `${year}\u0000${l.organization}`;
    const row = by.get(k) ?? { year, organization: l.organization, records: 0, hours: 0, from: l.date, to: l.date };
    row.records += 1;
    row.hours = Math.round((row.hours + l.hours) * 100) / 100;
    if (l.date < row.from) row.from = l.date;
    if (l.date > row.to) row.to = l.date;
    by.set(k, row);
  }
  const summary = [...by.values()].sort((a, b) => a.year.localeCompare(b.year) || b.hours - a.hours || a.organization.localeCompare(b.organization, "zh-CN"));
  return { activities: [], summary };
}

/** Hours as printed: at most 2 decimals, no trailing zeros ("12.5", "8"). */
export function hoursText(h: number): string {
  return String(Math.round(h * 100) / 100);
}
