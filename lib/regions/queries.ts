import "server-only";
import { and, asc, eq, like, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { regions } from "@/db/schema";
import { lineage, scopePattern } from "@/lib/auth/rules";
import type { CurrentUser } from "@/lib/auth/session";

export interface RegionRow {
  code: string;
  name: string;
  level: "city" | "district" | "street" | "community";
  population: number;
  childCount: number;
}

/** Direct children of a region, limited to the user's scope in the query itself. */
export async function getRegionChildren({ user, code }: { user: CurrentUser; code: string }): Promise<RegionRow[]> {
  const db = await getDb();
  const child = sql<number>`(SELECT count(*)::int FROM regions c WHERE c.parent_code = ${regions.code})`;
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level, population: regions.population, childCount: child })
    .from(regions)
    .where(and(eq(regions.parentCode, code), like(regions.code, scopePattern(user.scopeCode))))
    .orderBy(asc(regions.code));
}

/** Breadcrumb from the user's scope down to the region (never above the scope). */
export async function getBreadcrumb({ user, code }: { user: CurrentUser; code: string }): Promise<{ code: string; name: string }[]> {
  const codes = lineage(code).filter((c) => c.startsWith(user.scopeCode));
  if (codes.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(sql`${regions.code} IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`);
  return codes.map((c) => rows.find((r) => r.code === c)).filter((r): r is { code: string; name: string } => !!r);
}
