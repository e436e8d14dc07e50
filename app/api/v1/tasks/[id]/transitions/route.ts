import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId, parseJson } from "@/lib/http";
import { taskDetailJson } from "@/lib/tasks/json";
import { getTask } from "@/lib/tasks/queries";
import { TransitionSchema } from "@/lib/tasks/schema";
import { NOT_FOUND_MESSAGE, transitionTask } from "@/lib/tasks/service";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/tasks/{id}/transitions {to, version, note?, reason?, photoIds?} → 200 with the task;
 * 404 outside the scope; 409 when the version is stale (names who changed it and when); 403 when the
 * role may not make the move; 422 when the move is illegal or evidence is missing.
 */
export const POST = apiRoute<{ id: string }>({ area: "tasks", write: true }, async ({ actor, db, req, params }) => {
  const id = parseId(params.id);
  if (!id) return apiError(404, "not_found", NOT_FOUND_MESSAGE);
  const body = await parseJson(req, TransitionSchema);
  if (!body.ok) return body.response;
  const r = await transitionTask(db, actor, { id, ...body.data });
  if (!r.ok) return failureResponse(r);
  const t = await getTask(db, actor, { id });
  return json(t ? taskDetailJson(t) : r.task);
});
