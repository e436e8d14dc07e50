import "server-only";
import { sql } from "drizzle-orm";
import { getDb, rows } from "@/db/client";
import type { CurrentUser } from "@/lib/auth/session";
import { today } from "@/lib/metrics/clock";
import { monthOptions } from "./rules";

/** The regions a user can pick for a report: the city and its districts, or the user's district. */
export async function reportRegions(user: CurrentUser): Promise<{ code: string; name: string }[]> {
  if (user.scopeCode.length > 6) return [];
  const db = await getDb();
  return rows<{ code: string; name: string }>(
    db,
    sql`SELECT code, name FROM regions WHERE code LIKE ${`${user.scopeCode}%`} AND level IN ('city', 'district') ORDER BY length(code), code`,
  );
}

/** Months with data, newest first (from the first month in the rollups to the current month). */
export async function reportMonths(): Promise<string[]> {
  const db = await getDb();
  const [r] = await rows<{ m: string | null }>(db, sql`SELECT to_char(min(period), 'YYYY-MM') AS m FROM rollup_levels WHERE grain = 'month' AND length(region_code) = 4`);
  const now = today();
  return monthOptions(r?.m ?? now.slice(0, 7), now);
}
