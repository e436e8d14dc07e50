import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { idParam, json, staffOf } from "@/lib/dispatch/api";
import { getSuggestions } from "@/lib/dispatch/queries";
import { NOT_FOUND_MESSAGE } from "@/lib/dispatch/service";

export const dynamic = "force-dynamic";

/** Teams to dispatch to, ranked by place, distance, load and sector fit, each with its reason. */
export const GET = apiRoute<{ id: string }>({ area: "dispatch" }, async ({ user, req, params }) => {
  const id = idParam(params.id);
  if (!id) return apiError(404, "not_found", NOT_FOUND_MESSAGE);
  const s = await getSuggestions(await getDb(), staffOf(user, req), id);
  if (!s) return apiError(404, "not_found", NOT_FOUND_MESSAGE);
  return json(s.map(({ teamId, name, distanceKm, load, reason, sectorFit }) => ({ teamId, name, distanceKm, load, reason, sectorFit })));
});
