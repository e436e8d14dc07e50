import { z } from "zod";
import { getDb } from "@/db/client";
import { enrolVolunteers } from "@/lib/activities/service";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { actorOf, fail, idParam, json, readJson } from "@/lib/service/api";

export const dynamic = "force-dynamic";

const Body = z.object({ volunteerIds: z.array(z.number().int().positive(), { message: "volunteerIds 须为志愿者编号数组" }).min(1, "请选择志愿者").max(500, "一次最多 500 人") });

/** POST /api/v1/activities/{id}/enrolments {volunteerIds} — enrol volunteers (capacity enforced). */
export const POST = apiRoute<{ id: string }>({ area: "activities", write: true }, async ({ user, req, params }) => {
  const id = idParam(params.id);
  if (!id) return apiError(404, "not_found", "活动不存在");
  const b = await readJson(req);
  if (!b.ok) return b.response;
  const p = Body.safeParse(b.body);
  if (!p.success) return apiError(422, "invalid", `volunteerIds: ${p.error.issues[0]!.message}`, { fields: ["volunteerIds"] });
  const r = await enrolVolunteers(await getDb(), actorOf(user, req), id, p.data.volunteerIds);
  return r.ok ? json({ enrolled: r.enrolled, already: r.already }, 201) : fail(r);
});
