import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { actorOf, fail, json, readJson } from "@/lib/service/api";
import { listRewards } from "@/lib/timebank/queries";
import { createReward, RewardSchema } from "@/lib/timebank/rewards";

export const dynamic = "force-dynamic";

/** GET /api/v1/rewards — rewards visible in the caller's scope, with `cost` and `stock`. */
export const GET = apiRoute({ area: "timebank" }, async ({ user }) => {
  const items = await listRewards(await getDb(), user.scopeCode);
  return json({ items });
});

/** POST /api/v1/rewards {name, kind, cost, stock, regionCode, partnerId?, description?} */
export const POST = apiRoute({ area: "timebank", write: true }, async ({ user, req }) => {
  const b = await readJson(req);
  if (!b.ok) return b.response;
  const p = RewardSchema.safeParse(b.body);
  if (!p.success) return apiError(422, "invalid", `${p.error.issues[0]!.path.join(".")}: ${p.error.issues[0]!.message}`);
  const r = await createReward(await getDb(), actorOf(user, req), p.data);
  return r.ok ? json(r, 201) : fail(r);
});
