import { z } from "zod";
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { idParam, invalid, json, staffOf } from "@/lib/dispatch/api";
import { NOT_FOUND_MESSAGE } from "@/lib/dispatch/service";
import { enterServiceHours } from "@/lib/service/entry";
import { readJsonBody } from "@/lib/volunteers/join";

export const dynamic = "force-dynamic";

const bodySchema = z.object({
  rows: z
    .array(z.object({ volunteerId: z.coerce.number().int().positive(), hours: z.coerce.number().positive("时长须大于 0").max(24, "时长不超过 24 小时"), serviceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "服务日期格式应为 YYYY-MM-DD").optional() }))
    .min(1, "请至少登记一名志愿者")
    .max(30, "一次最多登记 30 名志愿者"),
});

/**
 * Service hours from the dispatch screen (记工时): pending records for the volunteers of a completed
 * need, through lib/service/entry.ts — they go through the normal verification like any other.
 */
export const POST = apiRoute<{ id: string }>({ area: "dispatch", write: true }, async ({ user, req, params }) => {
  const id = idParam(params.id);
  if (!id) return apiError(404, "not_found", NOT_FOUND_MESSAGE);
  const body = await readJsonBody(req);
  if (!body || body === "too_large") return apiError(400, "bad_request", "请求格式错误：需要 JSON 对象");
  const v = bodySchema.safeParse(body);
  if (!v.success) return invalid(v.error);
  const db = await getDb();
  const actor = staffOf(user, req);
  const r = await db.transaction((tx) => enterServiceHours(tx, { ...actor, role: actor.role }, { demandId: id, rows: v.data.rows }));
  if (!r.ok) return apiError(r.code === "not_found" ? 404 : 422, r.code, r.message, r.field ? { fields: [r.field] } : undefined);
  return json({ created: r.created, skipped: r.skipped }, 201);
});
