import { NextResponse } from "next/server";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { regions } from "@/db/schema";
import { apiError } from "@/lib/http";
import { isRegionCode } from "@/lib/auth/rules";

export const dynamic = "force-dynamic";

/**
 * Public: the children of a Qingdao region (district → street → community), for the region pickers
 * of the /join page and the staff forms. Region names are public information; nothing else here.
 */
export async function GET(req: Request) {
  const parent = new URL(req.url).searchParams.get("parent") ?? "3702";
  if (!isRegionCode(parent) || !parent.startsWith("3702") || parent.length >= 12) return apiError(400, "bad_request", "parent: 请提供青岛市的区、街道区划代码");
  const db = await getDb();
  const r = await db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.parentCode, parent)).orderBy(asc(regions.code));
  return NextResponse.json(r, { headers: { "Cache-Control": "public, max-age=3600" } });
}
