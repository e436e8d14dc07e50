import { getDb } from "@/db/client";
import { ListQuerySchema, CreateActivitySchema, firstIssue } from "@/lib/activities/schema";
import { listActivities } from "@/lib/activities/queries";
import { createActivity } from "@/lib/activities/service";
import { apiRoute } from "@/lib/auth/api";
import { apiError, parseQuery } from "@/lib/http";
import { actorOf, fail, json, readJson } from "@/lib/service/api";

export const dynamic = "force-dynamic";

/** GET /api/v1/activities?street=&from=&to=&status=&page= — activities in the caller's scope. */
export const GET = apiRoute({ area: "activities" }, async ({ user, req }) => {
  const q = parseQuery(ListQuerySchema, req.url);
  if (!q.ok) return q.response;
  const list = await listActivities(await getDb(), actorOf(user), q.data);
  return json({ ...list, items: list.items.map((a) => ({ ...a, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString() })) });
});

/** POST /api/v1/activities — publish an activity. */
export const POST = apiRoute({ area: "activities", write: true }, async ({ user, req }) => {
  const b = await readJson(req);
  if (!b.ok) return b.response;
  const p = CreateActivitySchema.safeParse(b.body);
  if (!p.success) {
    const i = firstIssue(p.error);
    return apiError(422, "invalid", `${i.field}: ${i.message}`, { fields: [i.field] });
  }
  const r = await createActivity(await getDb(), actorOf(user, req), p.data);
  return r.ok ? json({ id: r.id }, 201) : fail(r);
});
