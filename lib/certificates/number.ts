/**
 * Certificate numbers: "QDZY-<year>-<sequence, 6 digits>" (青岛志愿), e.g. QDZY-2026-000123 —
 * readable over the phone, sortable, one sequence per year.
 */
export const CERT_PREFIX = "QDZY";

export function certificateNumber(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new Error(`bad certificate year ${year}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > 999_999) throw new Error(`bad certificate sequence ${seq}`);
  return `${CERT_PREFIX}-${year}-${String(seq).padStart(6, "0")}`;
}

export function parseCertificateNumber(raw: string): { year: number; seq: number } | null {
  const m = /^QDZY-(\d{4})-(\d{6})$/.exec(raw.trim().toUpperCase());
  if (!m) return null;
  const seq = Number(m[2]);
  return seq >= 1 ? { year: Number(m[1]), seq } : null;
}

/** The next number of a year, given the highest issued so far (null when none). */
export function nextCertificateNumber(year: number, highest: string | null): string {
  const p = highest ? parseCertificateNumber(highest) : null;
  return certificateNumber(year, p && p.year === year ? p.seq + 1 : 1);
}
