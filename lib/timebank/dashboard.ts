import "server-only";
/** The /timebank dashboard: one region's figures, its children's, the period. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { regions } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { inScope } from "@/lib/auth/rules";
import { getTimebankByChild, getTimebankFigures } from "./figures";

/** null when the region does not exist or lies outside the actor's scope. */
export async function timebankDashboard(db: Queryable, actor: Actor, { code, from, to }: { code: string; from: string; to: string }) {
  if (!inScope(actor.scopeCode, code)) return null;
  const [region] = await db.select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode }).from(regions).where(eq(regions.code, code)).limit(1);
  if (!region) return null;
  const childLen = code.length === 4 ? 6 : code.length === 6 ? 9 : code.length === 9 ? 12 : null;
  const children = childLen
    ? await db
        .select({ code: regions.code, name: regions.name })
        .from(regions)
        .where(and(sql`${regions.code} LIKE ${`${code}%`}`, sql`length(${regions.code}) = ${childLen}`))
        .orderBy(asc(regions.code))
    : [];
  const [total, kids] = await Promise.all([getTimebankFigures(db, actor, { code, from, to, top: 10 }), getTimebankByChild(db, actor, { children, from, to })]);
  return { region, total, children: kids };
}
