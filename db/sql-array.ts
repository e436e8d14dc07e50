/**
 * A JavaScript array as ONE bind parameter: a PostgreSQL array literal ({"a","b",NULL}) sent as
 * text, to be cast in SQL (`${pgArray(xs)}::int[]`). Drizzle would otherwise expand an array into a
 * list of parameters. Used for `= ANY(…)` and `unnest(…)` bulk statements.
 */
export function pgArrayLiteral(values: readonly (string | number | null | undefined)[]): string {
  const parts = values.map((v) => {
    if (v === null || v === undefined) return "NULL";
    const s = String(v);
    return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  });
  return `{${parts.join(",")}}`;
}

/** A text[] column as the driver hands it back: an array (pg) or its literal `{a,"b c"}` (some PGlite paths). */
export function parsePgArray(v: readonly string[] | string | null | undefined): string[] {
  if (!v) return [];
  if (Array.isArray(v)) return [...v];
  const s = (v as string).replace(/^\{|\}$/g, "");
  return s ? s.split(",").map((x) => x.replace(/^"|"$/g, "")) : [];
}
