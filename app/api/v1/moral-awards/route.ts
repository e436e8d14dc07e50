import { z } from "zod";
import { apiRoute } from "@/lib/auth/api";
import { failureResponse, json, parseJson, parseQuery } from "@/lib/http";
import { AwardSchema } from "@/lib/moral/rules";
import { listMoralAwards, proposeMoralAward } from "@/lib/moral/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/moral-awards?status= — awards for volunteers in the caller's scope. */
export const GET = apiRoute({ area: "timebank" }, async ({ actor, db, req }) => {
  const q = parseQuery(z.object({ status: z.enum(["pending", "approved", "rejected", "reversed"], { message: "状态无效" }).optional() }), req.url);
  if (!q.ok) return q.response;
  return json({ items: await listMoralAwards(db, actor, q.data) });
});

/** POST /api/v1/moral-awards {ruleId, volunteerId, note, photoIds} → 201 pending (a street office or organization proposes). */
export const POST = apiRoute({ area: "timebank", write: true, roles: ["street_officer", "org_admin"] }, async ({ actor, db, req }) => {
  const body = await parseJson(req, AwardSchema);
  if (!body.ok) return body.response;
  const r = await proposeMoralAward(db, actor, body.data);
  return r.ok ? json(r, 201) : failureResponse(r);
});
