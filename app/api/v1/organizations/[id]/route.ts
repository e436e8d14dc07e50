import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId, parseJson } from "@/lib/http";
import { getOrganization } from "@/lib/organizations/queries";
import { OrgPatchSchema, updateOrganization } from "@/lib/organizations/write";

export const dynamic = "force-dynamic";

/** One organization with members (those in the caller's scope, masked), projects, activities, hours. */
export const GET = apiRoute<{ id: string }>({ area: "organizations" }, async ({ actor, db, params, req }) => {
  const id = parseId(params.id);
  const memberPage = parseId(new URL(req.url).searchParams.get("memberPage")) ?? 1;
  const o = id ? await getOrganization(db, actor, { id, memberPage }) : null;
  if (!o) return apiError(404, "not_found", "组织不存在或不在您的权限范围内");
  return json(o);
});

/** `PATCH /api/v1/organizations/{id} {…, version}` → 200 `{id, version}`; 409 stale version; 422 a cycle, a parent out of scope, a level that does not fit. */
export const PATCH = apiRoute<{ id: string }>({ area: "organizations", write: true, roles: ["wmb_staff", "street_officer"] }, async ({ actor, db, params, req }) => {
  const id = parseId(params.id);
  if (!id) return apiError(404, "not_found", "组织不存在或不在您的权限范围内");
  const body = await parseJson(req, OrgPatchSchema);
  if (!body.ok) return body.response;
  const r = await updateOrganization(db, actor, { ...body.data, id });
  return r.ok ? json(r) : failureResponse(r);
});
