import { z } from "zod";
import { apiRoute } from "@/lib/auth/api";
import { isRegionCode } from "@/lib/auth/rules";
import { failureResponse, json, parseJson, parseQuery } from "@/lib/http";
import { createEvent, EventSchema, listEvents } from "@/lib/events/service";

export const dynamic = "force-dynamic";

const Query = z.object({ region: z.string().refine(isRegionCode, "不是有效的区划代码").optional() });

/** `GET /api/v1/events?region=` → `{items: [{id, name, heldOn, regionCode, organizer, totals{activities, volunteers, peopleServed, problemsSolved}}]}`. */
export const GET = apiRoute({ area: "organizations" }, async ({ actor, db, req }) => {
  const q = parseQuery(Query, req.url);
  if (!q.ok) return q.response;
  return json({ items: await listEvents(db, actor, { region: q.data.region }) });
});

/** `POST /api/v1/events {name, organizationId, regionCode, heldOn, venue?, description?, activityIds?}` → 201 `{id}`; another district's activity → 422 naming it. */
export const POST = apiRoute({ area: "organizations", write: true }, async ({ actor, db, req }) => {
  const body = await parseJson(req, EventSchema);
  if (!body.ok) return body.response;
  const r = await createEvent(db, actor, body.data);
  return r.ok ? json(r, 201) : failureResponse(r);
});
