import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId, parseJson } from "@/lib/http";
import { DecisionSchema } from "@/lib/moral/rules";
import { decideMoralAward } from "@/lib/moral/service";

export const dynamic = "force-dynamic";

/** POST /api/v1/moral-awards/{id}/decision {approve, reason, version} → 200 / 409 stale or over the cap / 422. */
export const POST = apiRoute<{ id: string }>({ area: "timebank", write: true, roles: ["wmb_staff"] }, async ({ actor, db, req, params }) => {
  const id = parseId(params.id);
  if (!id) return apiError(404, "not_found", "道德积分申请不存在");
  const body = await parseJson(req, DecisionSchema);
  if (!body.ok) return body.response;
  const r = await decideMoralAward(db, actor, { id, ...body.data });
  return r.ok ? json(r) : failureResponse(r);
});
