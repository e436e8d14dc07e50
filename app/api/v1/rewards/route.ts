import { apiRoute } from "@/lib/auth/api";
import { failureResponse, json, parseJson } from "@/lib/http";
import { listRewards } from "@/lib/timebank/queries";
import { createReward, RewardSchema } from "@/lib/timebank/rewards";

export const dynamic = "force-dynamic";

/** GET /api/v1/rewards — rewards visible to the caller (an organization admin: the region's and its own), with `cost` and `stock`. */
export const GET = apiRoute({ area: "timebank" }, async ({ actor, db }) => {
  const items = await listRewards(db, actor);
  return json({ items });
});

/** POST /api/v1/rewards {name, kind, cost, stock, regionCode, partnerId?, description?} — an organization admin's reward belongs to its organization. */
export const POST = apiRoute({ area: "timebank", write: true }, async ({ actor, db, req }) => {
  const body = await parseJson(req, RewardSchema);
  if (!body.ok) return body.response;
  const r = await createReward(db, actor, body.data);
  return r.ok ? json(r, 201) : failureResponse(r);
});
