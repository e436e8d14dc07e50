import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { idParam, json } from "@/lib/service/api";
import { getVolunteerPoints } from "@/lib/timebank/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/volunteers/{id}/points — balance, verified hours, star level and the ledger entries (newest first). */
export const GET = apiRoute<{ id: string }>({ area: "timebank" }, async ({ user, params }) => {
  const id = idParam(params.id);
  const p = id ? await getVolunteerPoints(await getDb(), user.scopeCode, id) : null;
  if (!p) return apiError(404, "not_found", "志愿者不存在或不在您的权限范围内");
  return json({ ...p, entries: p.entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })) });
});
