import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { ok, taskDetailJson } from "@/lib/tasks/api";
import { getTask } from "@/lib/tasks/queries";
import { NOT_FOUND_MESSAGE } from "@/lib/tasks/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/tasks/{id} — status, version, deadline, overdue, events and photos; 404 outside the scope. */
export const GET = apiRoute<{ id: string }>({ area: "tasks" }, async ({ user, params }) => {
  const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : NaN;
  const t = Number.isFinite(id) ? await getTask({ user, id }) : null;
  if (!t) return apiError(404, "not_found", NOT_FOUND_MESSAGE);
  return ok(taskDetailJson(t));
});
