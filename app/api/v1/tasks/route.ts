import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError, parseQuery } from "@/lib/http";
import { actorFrom, failureResponse, jsonBody, ok, taskDetailJson, taskRowJson } from "@/lib/tasks/api";
import { getTask, listTasks } from "@/lib/tasks/queries";
import { CreateTaskSchema, firstIssue, TaskFiltersSchema, type TaskFilters } from "@/lib/tasks/schema";
import { createTask } from "@/lib/tasks/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/tasks?street=&status=&type=&overdue=&dueFrom=&dueTo=&q=&page=&pageSize= — tasks in the caller's scope, overdue first. */
export const GET = apiRoute({ area: "tasks" }, async ({ user, req }) => {
  const q = parseQuery(TaskFiltersSchema, req.url);
  if (!q.ok) return q.response;
  const list = await listTasks({ user, filters: q.data as TaskFilters });
  return ok({
    page: list.page,
    pageSize: list.pageSize,
    pageCount: list.pageCount,
    total: list.total,
    asOf: list.today,
    escalationDays: list.escalationDays,
    items: list.items.map(taskRowJson),
  });
});

/** POST /api/v1/tasks — register a problem (文明办 of a district or the city); `assignNow` also assigns it. */
export const POST = apiRoute({ area: "tasks", write: true }, async ({ user, req }) => {
  const b = await jsonBody(req);
  if (!b.ok) return b.response;
  const parsed = CreateTaskSchema.safeParse(b.body);
  if (!parsed.success) {
    const i = firstIssue(parsed.error);
    return apiError(422, "invalid", `${i.field}: ${i.message}`, { fields: [i.field] });
  }
  const db = await getDb();
  const r = await createTask(db, actorFrom(user, req), parsed.data);
  if (!r.ok) return failureResponse(r);
  const t = await getTask({ user, id: r.id });
  return ok(t ? taskDetailJson(t) : { id: r.id }, 201);
});
