/** Number formatting for Chinese readers: 万 / 亿 for large counts, separators otherwise. */
export function formatCount(n: number, locale: string = "zh-CN"): string {
  if (!Number.isFinite(n)) return "—";
  if (locale.startsWith("zh")) {
    const abs = Math.abs(n);
    if (abs >= 1e8) return `${trim(n / 1e8, 2)}亿`;
    if (abs >= 1e5) return `${trim(n / 1e4, 1)}万`;
  }
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.round(n));
}

/** A number with separators and fixed decimals (hours, points). */
export function formatNumber(n: number, digits = 0, locale: string = "zh-CN"): string {
  if (!Number.isFinite(n)) return "—";
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** A fraction 0–1 as a percentage with one decimal: 0.1234 → "12.3%". Null → "—". */
export function formatPercent(f: number | null | undefined, digits = 1): string {
  if (f === null || f === undefined || !Number.isFinite(f)) return "—";
  return `${(f * 100).toFixed(digits)}%`;
}

function trim(v: number, digits: number): string {
  return v.toFixed(digits).replace(/\.?0+$/, "");
}
