import { apiRoute } from "@/lib/auth/api";
import { apiError, json, parseId } from "@/lib/http";
import { taskDetailJson } from "@/lib/tasks/json";
import { getTask } from "@/lib/tasks/queries";
import { NOT_FOUND_MESSAGE } from "@/lib/tasks/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/tasks/{id} — status, version, deadline, overdue, events and photos; 404 outside the scope. */
export const GET = apiRoute<{ id: string }>({ area: "tasks" }, async ({ actor, db, params }) => {
  const id = parseId(params.id);
  const t = id ? await getTask(db, actor, { id }) : null;
  if (!t) return apiError(404, "not_found", NOT_FOUND_MESSAGE);
  return json(taskDetailJson(t));
});
