import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { getOrganization } from "@/lib/organizations/queries";

export const dynamic = "force-dynamic";

/** One organization with members (those in the caller's scope, masked), projects, activities, hours. */
export const GET = apiRoute<{ id: string }>({ area: "organizations" }, async ({ user, params, req }) => {
  const page = Number(new URL(req.url).searchParams.get("memberPage") ?? 1);
  const o = /^\d{1,10}$/.test(params.id) ? await getOrganization(user, Number(params.id), { memberPage: Number.isInteger(page) && page > 0 ? page : 1 }) : null;
  if (!o) return apiError(404, "not_found", "组织不存在或不在您的权限范围内");
  return NextResponse.json(o, { headers: { "Cache-Control": "no-store" } });
});
