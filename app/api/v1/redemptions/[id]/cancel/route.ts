import { z } from "zod";
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { actorOf, fail, idParam, json, readJson } from "@/lib/service/api";
import { cancelRedemption } from "@/lib/timebank/redeem";

export const dynamic = "force-dynamic";

/** POST /api/v1/redemptions/{id}/cancel {reason} — returns the points (refund entry) and the stock. */
export const POST = apiRoute<{ id: string }>({ area: "timebank", write: true }, async ({ user, req, params }) => {
  const id = idParam(params.id);
  if (!id) return apiError(404, "not_found", "兑换记录不存在");
  const b = await readJson(req);
  if (!b.ok) return b.response;
  const p = z.object({ reason: z.string().trim().min(1, "请填写取消原因").max(200) }).safeParse(b.body);
  if (!p.success) return apiError(422, "invalid", `reason: ${p.error.issues[0]!.message}`, { fields: ["reason"] });
  const r = await cancelRedemption(await getDb(), actorOf(user, req), id, p.data.reason);
  return r.ok ? json({ id: r.redemption.id, status: r.redemption.status }) : fail(r);
});
