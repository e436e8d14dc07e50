import { apiRoute } from "@/lib/auth/api";
import { apiError, json, parseId } from "@/lib/http";
import { getEvent } from "@/lib/events/service";

export const dynamic = "force-dynamic";

/** `GET /api/v1/events/{id}` → `{id, name, totals{activities, volunteers, peopleServed, problemsSolved}, activities[{id, name, peopleServed, problemsSolved, volunteers}]}`; totals = Σ activities. */
export const GET = apiRoute<{ id: string }>({ area: "organizations" }, async ({ actor, db, params }) => {
  const id = parseId(params.id);
  const e = id ? await getEvent(db, actor, { id }) : null;
  if (!e) return apiError(404, "not_found", "活动不存在或不在您的权限范围内");
  return json(e);
});
