import "server-only";
import { z } from "zod";
import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId, parseJson } from "@/lib/http";
import { canReview, reviewServiceRecord } from "./review";

const Body = z.object({ version: z.number().int().positive().optional(), reason: z.string().max(500, "原因最多 500 个字").optional() });

/**
 * POST /api/v1/service-records/{id}/verify and …/reject: the supervising street or district
 * verifies (hours, star level, earn entry, rollups) or rejects with a reason (a verified record
 * gets a reversing entry, never an edit). One handler, two routes.
 */
export function reviewRoute(to: "verified" | "rejected") {
  return apiRoute<{ id: string }>({ area: "service-hours", write: true }, async ({ actor, db, req, params }) => {
    if (!canReview(actor.role)) return apiError(403, "forbidden", "只有街道或文明办可以审核服务时长");
    const id = parseId(params.id);
    if (!id) return apiError(404, "not_found", "服务记录不存在");
    const body = await parseJson(req, Body);
    if (!body.ok) return body.response;
    const r = await reviewServiceRecord(db, actor, { id, to, ...body.data });
    return r.ok ? json(r) : failureResponse(r);
  });
}
