import { apiRoute } from "@/lib/auth/api";
import { apiError, json, parseId } from "@/lib/http";
import { getVolunteer } from "@/lib/volunteers/queries";

export const dynamic = "force-dynamic";

/** One volunteer (masked), or 404 when unknown or outside the caller's scope. */
export const GET = apiRoute<{ id: string }>({ area: "volunteers" }, async ({ actor, db, params }) => {
  const id = parseId(params.id);
  const v = id ? await getVolunteer(db, actor, { id }) : null;
  if (!v) return apiError(404, "not_found", "志愿者不存在或不在您的权限范围内");
  return json(v);
});
