import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId, parseJson } from "@/lib/http";
import { MemberPatchSchema, updateMember } from "@/lib/organizations/write";

export const dynamic = "force-dynamic";

/** `PATCH /api/v1/organizations/{id}/members/{volunteerId} {role?: leader|deputy|member, moveTo?}` — a member's role, or a move to another team. */
export const PATCH = apiRoute<{ id: string; volunteerId: string }>({ area: "organizations", write: true, roles: ["wmb_staff", "street_officer"] }, async ({ actor, db, params, req }) => {
  const organizationId = parseId(params.id);
  const volunteerId = parseId(params.volunteerId);
  if (!organizationId || !volunteerId) return apiError(404, "not_found", "组织或成员不存在");
  const body = await parseJson(req, MemberPatchSchema);
  if (!body.ok) return body.response;
  const r = await updateMember(db, actor, { ...body.data, organizationId, volunteerId });
  return r.ok ? json(r) : failureResponse(r);
});
