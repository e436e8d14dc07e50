import { z } from "zod";
import { publicRoute } from "@/lib/auth/api";
import { apiError, failureResponse, invalid, json, readJson } from "@/lib/http";
import { demandFollowLimiter, demandRateMessage } from "@/lib/dispatch/limits";
import { followUp } from "@/lib/dispatch/queries";
import { followSchema, moveBodySchemas } from "@/lib/dispatch/schema";
import { moveDemand } from "@/lib/dispatch/service";

export const dynamic = "force-dynamic";

const rateSchema = followSchema.extend({ rating: moveBodySchemas.rate.shape.rating, comment: moveBodySchemas.rate.shape.comment, version: moveBodySchemas.rate.shape.version });
const bodySchema = z.union([rateSchema, followSchema]);

/**
 * Public follow-up (/request/follow): {reference, phone} → the need's status and history; with
 * {rating, comment, version} as well, the requester rates a completed need (once). Rate-limited.
 */
export const POST = publicRoute({ limiter: demandFollowLimiter, limitMessage: demandRateMessage }, async ({ req, ip, db }) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const isRating = "rating" in body.data;
  const v = (isRating ? rateSchema : bodySchema).safeParse(body.data);
  if (!v.success) return invalid(v.error);
  const requester = { kind: "requester" as const, reference: v.data.reference, phone: v.data.phone, ip };
  const view = await followUp(db, requester);
  if (!view) return apiError(404, "not_found", "未找到该需求，请核对编号和手机号码");
  if (isRating && "rating" in v.data) {
    const r = await moveDemand(db, requester, { id: view.id, move: "rate", version: v.data.version, rating: v.data.rating, comment: v.data.comment });
    if (!r.ok) return failureResponse(r);
    return json(await followUp(db, requester));
  }
  return json(view);
});
