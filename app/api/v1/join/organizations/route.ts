import { NextResponse } from "next/server";
import { sql } from "drizzle-orm";
import { getDb, rows } from "@/db/client";
import { apiError } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Public: the organizations and teams based in one street (names only), for the /join page. */
export async function GET(req: Request) {
  const street = new URL(req.url).searchParams.get("street") ?? "";
  if (!/^3702\d{5}$/.test(street)) return apiError(400, "bad_request", "street: 请提供 9 位街道（镇）区划代码");
  const db = await getDb();
  const r = await rows<{ id: number; name: string; region_code: string }>(
    db,
    sql`SELECT id, name, region_code FROM organizations WHERE region_code LIKE ${`${street}%`} ORDER BY is_team DESC, name LIMIT 200`,
  );
  return NextResponse.json(
    r.map((o) => ({ id: Number(o.id), name: o.name, regionCode: o.region_code })),
    { headers: { "Cache-Control": "public, max-age=600" } },
  );
}
