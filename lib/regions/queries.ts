import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { regions } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { lineage } from "@/lib/auth/rules";

/** Breadcrumb from the actor's scope down to the region (never above the scope). */
export async function getBreadcrumb(db: Queryable, actor: Actor, { code }: { code: string }): Promise<{ code: string; name: string }[]> {
  const codes = lineage(code).filter((c) => c.startsWith(actor.scopeCode));
  if (codes.length === 0) return [];
  const rows = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(sql`${regions.code} IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`);
  return codes.map((c) => rows.find((r) => r.code === c)).filter((r): r is { code: string; name: string } => !!r);
}

/**
 * The children of a region (district → street → community), for the region pickers of the public
 * /join page and the staff forms. Region names are public: no actor, no scope.
 */
export async function listRegionChildren(db: Queryable, { parent }: { parent: string }): Promise<{ code: string; name: string }[]> {
  return db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.parentCode, parent)).orderBy(asc(regions.code));
}
