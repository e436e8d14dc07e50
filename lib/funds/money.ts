/** Money of the volunteer fund: integer fen (分) inside, yuan with two decimals outside. Pure. */

/** "1234.5" / "1234.50" / 1234.5 → 123450 fen; null when not a positive amount with at most two decimals. */
export function yuanToFen(v: string | number): number | null {
  const s = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : v.trim();
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return fen > 0 && Number.isSafeInteger(fen) ? fen : null;
}

/** 123450 → "1234.50" (no grouping; negative with a minus). */
export function fenToYuan(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  return `${neg ? "-" : ""}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/** Σ in − Σ out of a list of entries, in fen. */
export function balanceOf(entries: readonly { kind: "in" | "out"; amountFen: number }[]): number {
  return entries.reduce((b, e) => (e.kind === "in" ? b + e.amountFen : b - e.amountFen), 0);
}
