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

/** A date and time as China shows it ("2026/11/28 08:00"), in China time. */
export const fmtTime = (d: Date) =>
  new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).format(d);

/** The value of an <input type=datetime-local> for an instant, in China time. */
export const localInput = (d: Date) => {
  const p = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).formatToParts(d);
  const g = (t: string) => p.find((x) => x.type === t)?.value ?? "";
  return `${g("year")}-${g("month")}-${g("day")}T${g("hour") === "24" ? "00" : g("hour")}:${g("minute")}`;
};
