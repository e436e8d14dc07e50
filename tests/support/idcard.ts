/** A valid 18-digit resident ID number (GB 11643 check digit) for test and bench registrations. */
export function makeIdCard(n: number, area = "370285", birth = "19900101"): string {
  const body = `${area}${birth}${String(n % 1000).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return body + "10X98765432"[sum % 11]!;
}

/** Distinct ID numbers: n spreads over birth dates as well as the 3-digit sequence. */
export function uniqueIdCard(n: number, area = "370285"): string {
  const day = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");
  return makeIdCard(n, area, day);
}
