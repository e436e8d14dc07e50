import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { actorOf, fail, idParam, json } from "@/lib/service/api";
import { markPickedUp } from "@/lib/timebank/redeem";

export const dynamic = "force-dynamic";

/** POST /api/v1/redemptions/{id}/pickup — marks a redemption picked up. */
export const POST = apiRoute<{ id: string }>({ area: "timebank", write: true }, async ({ user, req, params }) => {
  const id = idParam(params.id);
  if (!id) return apiError(404, "not_found", "兑换记录不存在");
  const r = await markPickedUp(await getDb(), actorOf(user, req), id);
  return r.ok ? json({ id: r.redemption.id, status: r.redemption.status }) : fail(r);
});
