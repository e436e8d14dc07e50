import { z } from "zod";
import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId, parseJson } from "@/lib/http";
import { cancelRedemption } from "@/lib/timebank/redeem";

export const dynamic = "force-dynamic";

const Body = z.object({ reason: z.string().trim().min(1, "请填写取消原因").max(200, "原因最多 200 个字") });

/** POST /api/v1/redemptions/{id}/cancel {reason} — returns the points (refund entry) and the stock. */
export const POST = apiRoute<{ id: string }>({ area: "timebank", write: true }, async ({ actor, db, req, params }) => {
  const id = parseId(params.id);
  if (!id) return apiError(404, "not_found", "兑换记录不存在");
  const body = await parseJson(req, Body);
  if (!body.ok) return body.response;
  const r = await cancelRedemption(db, actor, { id, reason: body.data.reason });
  return r.ok ? json({ id: r.redemption.id, status: r.redemption.status }) : failureResponse(r);
});
