import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { failure, idParam, invalid, json, staffOf } from "@/lib/dispatch/api";
import { MOVES, type MoveName } from "@/lib/dispatch/rules";
import { moveBodySchemas } from "@/lib/dispatch/schema";
import { moveDemand, NOT_FOUND_MESSAGE } from "@/lib/dispatch/service";
import { readJsonBody } from "@/lib/volunteers/join";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/demands/{id}/{dispatch|open|accept|decline|grab|complete|rate|reward|cancel} with the
 * `version` the move was made from → 200 {state, version} · 404 not in reach · 403 not this role ·
 * 409 someone acted first · 422 illegal move or missing evidence.
 */
export const POST = apiRoute<{ id: string; move: string }>({ area: "dispatch", write: true }, async ({ user, req, params }) => {
  const move = params.move as MoveName;
  if (!(MOVES as readonly string[]).includes(move)) return apiError(404, "not_found", "未知的操作");
  const id = idParam(params.id);
  if (!id) return apiError(404, "not_found", NOT_FOUND_MESSAGE);
  const body = await readJsonBody(req);
  if (body === "too_large") return apiError(413, "too_large", "提交的内容过长");
  if (!body) return apiError(400, "bad_request", "请求格式错误：需要 JSON 对象");
  const v = moveBodySchemas[move].safeParse(body);
  if (!v.success) return invalid(v.error);
  const r = await moveDemand(await getDb(), { kind: "user", user: staffOf(user, req) }, id, move, v.data);
  if (!r.ok) return failure(r);
  return json({ id: r.id, state: r.state, version: r.version, ...(r.rewards ? { rewards: r.rewards } : {}) });
});
