/**
 * Filters live in the URL. The one set of helpers to read Next's `searchParams` and to write filters
 * back as a query string (page links, export links keep every filter).
 */
import type { z } from "zod";
import { controlCharMessage, hasControlChars } from "@/lib/http";

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a search parameter (`?a=1&a=2` → "1"); undefined when absent. */
export function one(v: string | string[] | undefined | null): string | undefined {
  const s = Array.isArray(v) ? v[0] : (v ?? undefined);
  return s === undefined || hasControlChars(s) ? undefined : s;
}

/**
 * The parameters `one` drops because they hold control characters (a NUL in `?q=a%00b`), as
 * messages naming each: a page shows them above its results, an API answers 400 with the first.
 */
export function controlCharErrors(sp: SearchParams): string[] {
  const bad = Object.entries(sp).filter(([k, v]) => hasControlChars(k) || [v ?? ""].flat().some(hasControlChars));
  return bad.map(([k]) => controlCharMessage(hasControlChars(k) ? "参数" : k));
}

/** Every search parameter reduced to its first value (control characters dropped). */
export function flatten(sp: SearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, one(v)]));
}

/**
 * Parses filters with a zod schema, keeping the good ones: a bad field is dropped (with its message
 * in `error`) instead of throwing the whole view away.
 */
export function parseFilters<T extends z.ZodTypeAny>(schema: T, sp: SearchParams, fallback: z.infer<T>): { filters: z.infer<T>; error: string | null } {
  const raw = flatten(sp);
  const r = schema.safeParse(raw);
  if (r.success) return { filters: r.data, error: null };
  const bad = new Set(r.error.issues.map((i) => String(i.path[0])));
  const cleaned = { ...raw };
  for (const k of bad) cleaned[k] = undefined;
  const again = schema.safeParse(cleaned);
  return { filters: again.success ? again.data : fallback, error: r.error.issues[0]!.message };
}

/**
 * Filters back as a query string ("?a=1&b=2", or "" when empty): empty, null, false-y page 1 and
 * values equal to `defaults` are left out; `overrides` win (undefined/"" removes a key).
 */
export function toQueryString(values: Record<string, string | number | boolean | null | undefined>, defaults: Record<string, string | number | boolean> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null || v === "") continue;
    if (k === "page" && Number(v) <= 1) continue;
    if (k in defaults && defaults[k] === v) continue;
    q.set(k, typeof v === "boolean" ? (v ? "1" : "0") : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}
