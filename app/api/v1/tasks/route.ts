import { apiRoute } from "@/lib/auth/api";
import { failureResponse, json, parseJson, parseQuery } from "@/lib/http";
import { taskDetailJson, taskRowJson } from "@/lib/tasks/json";
import { getTask, listTasks } from "@/lib/tasks/queries";
import { CreateTaskSchema, TaskFiltersSchema, type TaskFilters } from "@/lib/tasks/schema";
import { createTask } from "@/lib/tasks/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/tasks?street=&status=&type=&overdue=&dueFrom=&dueTo=&q=&page=&pageSize= — tasks in the caller's scope, overdue first. */
export const GET = apiRoute({ area: "tasks" }, async ({ actor, db, req }) => {
  const q = parseQuery(TaskFiltersSchema, req.url);
  if (!q.ok) return q.response;
  const list = await listTasks(db, actor, q.data as TaskFilters);
  return json({
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
export const POST = apiRoute({ area: "tasks", write: true }, async ({ actor, db, req }) => {
  const body = await parseJson(req, CreateTaskSchema);
  if (!body.ok) return body.response;
  const r = await createTask(db, actor, body.data);
  if (!r.ok) return failureResponse(r);
  const t = await getTask(db, actor, { id: r.id });
  return json(t ? taskDetailJson(t) : { id: r.id }, 201);
});
