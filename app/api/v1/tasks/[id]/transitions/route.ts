import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { actorFrom, failureResponse, jsonBody, ok, taskDetailJson } from "@/lib/tasks/api";
import { getTask } from "@/lib/tasks/queries";
import { firstIssue, TransitionSchema } from "@/lib/tasks/schema";
import { NOT_FOUND_MESSAGE, transitionTask } from "@/lib/tasks/service";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/tasks/{id}/transitions {to, version, note?, reason?, photoIds?} → 200 with the task;
 * 404 outside the scope; 409 when the version is stale (names who changed it and when); 403 when the
 * role may not make the move; 422 when the move is illegal or evidence is missing.
 */
export const POST = apiRoute<{ id: string }>({ area: "tasks", write: true }, async ({ user, req, params }) => {
  const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : NaN;
  if (!Number.isFinite(id)) return apiError(404, "not_found", NOT_FOUND_MESSAGE);
  const b = await jsonBody(req);
  if (!b.ok) return b.response;
  const parsed = TransitionSchema.safeParse(b.body);
  if (!parsed.success) {
    const i = firstIssue(parsed.error);
    return apiError(422, "invalid", `${i.field}: ${i.message}`, { fields: [i.field] });
  }
  const r = await transitionTask(await getDb(), actorFrom(user, req), id, parsed.data);
  if (!r.ok) return failureResponse(r);
  const t = await getTask({ user, id });
  return ok(t ? taskDetailJson(t) : r.task);
});
