import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId, parseJson } from "@/lib/http";
import { changeEventActivities, EventActivitiesSchema } from "@/lib/events/service";

export const dynamic = "force-dynamic";

/** `PATCH /api/v1/events/{id}/activities {add?: [activityId], remove?: [activityId]}` → `{id, added, removed}`; an activity of another district → 422. */
export const PATCH = apiRoute<{ id: string }>({ area: "organizations", write: true }, async ({ actor, db, params, req }) => {
  const id = parseId(params.id);
  if (!id) return apiError(404, "not_found", "活动不存在或不在您的权限范围内");
  const body = await parseJson(req, EventActivitiesSchema);
  if (!body.ok) return body.response;
  const r = await changeEventActivities(db, actor, { id, ...body.data });
  return r.ok ? json(r) : failureResponse(r);
});
