import { apiRoute } from "@/lib/auth/api";
import { apiError, json, parseId } from "@/lib/http";
import { getSuggestions } from "@/lib/dispatch/queries";
import { NOT_FOUND_MESSAGE } from "@/lib/dispatch/service";

export const dynamic = "force-dynamic";

/** Teams to dispatch to, ranked by place, distance, load and sector fit, each with its reason. */
export const GET = apiRoute<{ id: string }>({ area: "dispatch" }, async ({ actor, db, params }) => {
  const id = parseId(params.id);
  const s = id ? await getSuggestions(db, actor, { id }) : null;
  if (!s) return apiError(404, "not_found", NOT_FOUND_MESSAGE);
  return json(s.map(({ teamId, name, distanceKm, load, reason, sectorFit }) => ({ teamId, name, distanceKm, load, reason, sectorFit })));
});
