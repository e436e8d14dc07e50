import { z } from "zod";
import { getDb } from "@/db/client";
import { apiError } from "@/lib/http";
import { failure, invalid, json } from "@/lib/dispatch/api";
import { demandFollowLimiter, demandRateMessage } from "@/lib/dispatch/limits";
import { followUp } from "@/lib/dispatch/queries";
import { followSchema, moveBodySchemas } from "@/lib/dispatch/schema";
import { moveDemand } from "@/lib/dispatch/service";
import { readJsonBody } from "@/lib/volunteers/join";
import { clientIpFrom } from "@/lib/security/ip";

export const dynamic = "force-dynamic";

const rateSchema = followSchema.extend({ rating: moveBodySchemas.rate.shape.rating, comment: moveBodySchemas.rate.shape.comment, version: moveBodySchemas.rate.shape.version });
const bodySchema = z.union([rateSchema, followSchema]);

/**
 * Public follow-up (/request/follow): {reference, phone} → the need's status and history; with
 * {rating, comment, version} as well, the requester rates a completed need (once). Rate-limited.
 */
export async function POST(req: Request) {
  const ip = clientIpFrom((n) => req.headers.get(n)) ?? "unknown";
  const gate = demandFollowLimiter().take(ip);
  if (!gate.ok) return apiError(429, "rate_limited", demandRateMessage(gate.retryAfter), { retryAfter: gate.retryAfter });
  const body = await readJsonBody(req);
  if (body === "too_large") return apiError(413, "too_large", "提交的内容过长");
  if (!body) return apiError(400, "bad_request", "请求格式错误：需要 JSON 对象");
  const isRating = "rating" in body;
  const v = (isRating ? rateSchema : bodySchema).safeParse(body);
  if (!v.success) return invalid(v.error);
  const db = await getDb();
  const view = await followUp(db, v.data.reference, v.data.phone);
  if (!view) return apiError(404, "not_found", "未找到该需求，请核对编号和手机号码");
  if (isRating && "rating" in v.data) {
    const r = await moveDemand(db, { kind: "requester", reference: v.data.reference, phone: v.data.phone, ip }, view.id, "rate", { version: v.data.version, rating: v.data.rating, comment: v.data.comment });
    if (!r.ok) return failure(r);
    return json(await followUp(db, v.data.reference, v.data.phone));
  }
  return json(view);
}
