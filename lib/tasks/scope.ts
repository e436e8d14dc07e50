import { type SQL, sql } from "drizzle-orm";
import { rectificationTasks } from "@/db/schema";
import { scopePattern } from "@/lib/auth/rules";

/**
 * "This task lies in the user's scope", for the WHERE clause of every read and write: a city,
 * district or street scope matches the responsible street (served by tasks_street_idx, a
 * text_pattern_ops index); a community scope matches the community.
 */
export function taskInScope(scopeCode: string): SQL {
  const p = scopePattern(scopeCode);
  return scopeCode.length >= 12 ? sql`${rectificationTasks.communityCode} LIKE ${p}` : sql`${rectificationTasks.streetCode} LIKE ${p}`;
}

/** Escapes LIKE wildcards in user text (search boxes). */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A timestamp as China time, "2026-11-30 14:05" (conflict messages, timelines). */
export function formatCst(d: Date | string): string {
  const at = typeof d === "string" ? new Date(d) : d;
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour") === "24" ? "00" : get("hour")}:${get("minute")}`;
}
