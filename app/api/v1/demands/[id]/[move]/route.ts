import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId, parseJson } from "@/lib/http";
import { MOVES, type MoveName } from "@/lib/dispatch/rules";
import { moveBodySchemas } from "@/lib/dispatch/schema";
import { moveDemand, NOT_FOUND_MESSAGE } from "@/lib/dispatch/service";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/demands/{id}/{dispatch|open|accept|decline|grab|complete|rate|reward|cancel} with the
 * `version` the move was made from → 200 {state, version} · 404 not in reach · 403 not this role ·
 * 409 someone acted first · 422 illegal move or missing evidence.
 */
export const POST = apiRoute<{ id: string; move: string }>({ area: "dispatch", write: true }, async ({ actor, db, req, params }) => {
  const move = params.move as MoveName;
  if (!(MOVES as readonly string[]).includes(move)) return apiError(404, "not_found", "未知的操作");
  const id = parseId(params.id);
  if (!id) return apiError(404, "not_found", NOT_FOUND_MESSAGE);
  const body = await parseJson(req, moveBodySchemas[move]);
  if (!body.ok) return body.response;
  const r = await moveDemand(db, actor, { ...body.data, id, move });
  if (!r.ok) return failureResponse(r);
  return json({ id: r.id, state: r.state, version: r.version, ...(r.rewards ? { rewards: r.rewards } : {}) });
});
