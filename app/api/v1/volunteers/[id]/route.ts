import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { getVolunteer } from "@/lib/volunteers/queries";

export const dynamic = "force-dynamic";

/** One volunteer (masked), or 404 when unknown or outside the caller's scope. */
export const GET = apiRoute<{ id: string }>({ area: "volunteers" }, async ({ user, params }) => {
  const v = /^\d{1,10}$/.test(params.id) ? await getVolunteer(user, Number(params.id)) : null;
  if (!v) return apiError(404, "not_found", "志愿者不存在或不在您的权限范围内");
  return NextResponse.json(v, { headers: { "Cache-Control": "no-store" } });
});
