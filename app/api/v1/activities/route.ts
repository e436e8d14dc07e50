import { CreateActivitySchema, ListQuerySchema } from "@/lib/activities/schema";
import { listActivities } from "@/lib/activities/queries";
import { createActivity } from "@/lib/activities/service";
import { apiRoute } from "@/lib/auth/api";
import { failureResponse, json, parseJson, parseQuery } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/v1/activities?street=&from=&to=&status=&page= — activities in the caller's scope. */
export const GET = apiRoute({ area: "service-hours" }, async ({ actor, db, req }) => {
  const q = parseQuery(ListQuerySchema, req.url);
  if (!q.ok) return q.response;
  const list = await listActivities(db, actor, q.data);
  return json({ ...list, items: list.items.map((a) => ({ ...a, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString() })) });
});

/** POST /api/v1/activities — publish an activity. */
export const POST = apiRoute({ area: "service-hours", write: true }, async ({ actor, db, req }) => {
  const body = await parseJson(req, CreateActivitySchema);
  if (!body.ok) return body.response;
  const r = await createActivity(db, actor, body.data);
  return r.ok ? json({ id: r.id }, 201) : failureResponse(r);
});
