import "server-only";
import { sql } from "drizzle-orm";
import { type Queryable, rows } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { scopePattern } from "@/lib/auth/rules";
import { today } from "@/lib/metrics/clock";
import { monthOptions } from "./rules";

/** The regions an actor can pick for a report: the city and its districts, or the actor's district. */
export async function reportRegions(db: Queryable, actor: Actor): Promise<{ code: string; name: string }[]> {
  if (actor.scopeCode.length > 6) return [];
  return rows<{ code: string; name: string }>(
    db,
    sql`SELECT code, name FROM regions WHERE code LIKE ${scopePattern(actor.scopeCode)} AND level IN ('city', 'district') ORDER BY length(code), code`,
  );
}

/** Months with data, newest first (from the first month in the rollups to the current month). */
export async function reportMonths(db: Queryable, actor: Actor): Promise<string[]> {
  const [r] = await rows<{ m: string | null }>(db, sql`SELECT to_char(min(period), 'YYYY-MM') AS m FROM rollup_levels WHERE grain = 'month' AND region_code LIKE ${scopePattern(actor.scopeCode)}`);
  const now = today();
  return monthOptions(r?.m ?? now.slice(0, 7), now);
}
