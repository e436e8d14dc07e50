import { z } from "zod";
import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId, parseJson } from "@/lib/http";
import { NOT_FOUND_MESSAGE } from "@/lib/dispatch/service";
import { enterServiceHours } from "@/lib/service-hours/entry";

export const dynamic = "force-dynamic";

const Body = z.object({
  rows: z
    .array(z.object({ volunteerId: z.coerce.number().int().positive(), hours: z.coerce.number().positive("时长须大于 0").max(24, "时长不超过 24 小时"), serviceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "服务日期格式应为 YYYY-MM-DD").optional() }))
    .min(1, "请至少登记一名志愿者")
    .max(30, "一次最多登记 30 名志愿者"),
});

/**
 * Service hours from the dispatch screen (记工时): pending records for the assigned volunteers of a
 * completed need, through lib/service-hours/entry.ts — 404 for a need the caller cannot read, 403
 * for a team that did not accept it, 409 before it is completed, 422 for a volunteer not assigned.
 * The records go through the normal verification like any other.
 */
export const POST = apiRoute<{ id: string }>({ area: "dispatch", write: true }, async ({ actor, db, req, params }) => {
  const id = parseId(params.id);
  if (!id) return apiError(404, "not_found", NOT_FOUND_MESSAGE);
  const body = await parseJson(req, Body);
  if (!body.ok) return body.response;
  const r = await db.transaction((tx) => enterServiceHours(tx, actor, { demandId: id, rows: body.data.rows }));
  return r.ok ? json({ created: r.created, skipped: r.skipped }, 201) : failureResponse(r);
});
