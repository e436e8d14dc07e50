import { z } from "zod";
import { enrolVolunteers } from "@/lib/activities/service";
import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId, parseJson } from "@/lib/http";

export const dynamic = "force-dynamic";

const Body = z.object({ volunteerIds: z.array(z.number().int().positive(), { message: "volunteerIds 须为志愿者编号数组" }).min(1, "请选择志愿者").max(500, "一次最多 500 人") });

/** POST /api/v1/activities/{id}/enrolments {volunteerIds} — enrol volunteers (capacity enforced). */
export const POST = apiRoute<{ id: string }>({ area: "service-hours", write: true }, async ({ actor, db, req, params }) => {
  const id = parseId(params.id);
  if (!id) return apiError(404, "not_found", "活动不存在");
  const body = await parseJson(req, Body);
  if (!body.ok) return body.response;
  const r = await enrolVolunteers(db, actor, { activityId: id, volunteerIds: body.data.volunteerIds });
  return r.ok ? json({ enrolled: r.enrolled, already: r.already }, 201) : failureResponse(r);
});
