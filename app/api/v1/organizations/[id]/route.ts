import { apiRoute } from "@/lib/auth/api";
import { apiError, json, parseId } from "@/lib/http";
import { getOrganization } from "@/lib/organizations/queries";

export const dynamic = "force-dynamic";

/** One organization with members (those in the caller's scope, masked), projects, activities, hours. */
export const GET = apiRoute<{ id: string }>({ area: "organizations" }, async ({ actor, db, params, req }) => {
  const id = parseId(params.id);
  const memberPage = parseId(new URL(req.url).searchParams.get("memberPage")) ?? 1;
  const o = id ? await getOrganization(db, actor, { id, memberPage }) : null;
  if (!o) return apiError(404, "not_found", "组织不存在或不在您的权限范围内");
  return json(o);
});
