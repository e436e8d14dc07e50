import { apiRoute } from "@/lib/auth/api";
import { apiError, json, parseId } from "@/lib/http";
import { getVolunteerPoints } from "@/lib/timebank/queries";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/volunteers/{id}/points — balance, verified hours, star level and the ledger entries
 * (newest first); 404 for a volunteer the caller may not act on (volunteerScopeSql).
 */
export const GET = apiRoute<{ id: string }>({ area: "timebank" }, async ({ actor, db, params }) => {
  const id = parseId(params.id);
  const p = id ? await getVolunteerPoints(db, actor, { volunteerId: id }) : null;
  if (!p) return apiError(404, "not_found", "志愿者不存在或不在您的权限范围内");
  return json({ ...p, entries: p.entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })) });
});
