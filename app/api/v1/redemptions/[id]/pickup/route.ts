import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId } from "@/lib/http";
import { markPickedUp } from "@/lib/timebank/redeem";

export const dynamic = "force-dynamic";

/** POST /api/v1/redemptions/{id}/pickup — marks a redemption picked up (404 for a volunteer the caller may not act on). */
export const POST = apiRoute<{ id: string }>({ area: "timebank", write: true }, async ({ actor, db, params }) => {
  const id = parseId(params.id);
  if (!id) return apiError(404, "not_found", "兑换记录不存在");
  const r = await markPickedUp(db, actor, { id });
  return r.ok ? json({ id: r.redemption.id, status: r.redemption.status }) : failureResponse(r);
});
