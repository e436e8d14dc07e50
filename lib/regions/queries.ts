import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { regions } from "@/db/schema";
import { lineage } from "@/lib/auth/rules";
import type { CurrentUser } from "@/lib/auth/session";

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
