import { z } from "zod";
import { apiRoute } from "@/lib/auth/api";
import { failureResponse, json, parseJson } from "@/lib/http";
import { enterServiceHours } from "@/lib/service-hours/entry";
import { MAX_NO_CHECKIN_REASON } from "@/lib/service-hours/rules";

export const dynamic = "force-dynamic";

const Body = z
  .object({
    activityId: z.number().int().positive().optional(),
    demandId: z.number().int().positive().optional(),
    rows: z
      .array(z.object({
          volunteerId: z.number().int().positive(),
          hours: z.union([z.number(), z.string()]),
          serviceDate: z.string().optional(),
          noCheckInReason: z.string().max(MAX_NO_CHECKIN_REASON, `未签到原因最多 ${MAX_NO_CHECKIN_REASON} 个字`).optional(),
        }),)
      .min(1, "rows 不能为空")
      .max(500, "一次最多 500 条"),
  })
  .refine((b) => (b.activityId === undefined) !== (b.demandId === undefined), { message: "必须且只能指定 activityId 或 demandId", path: ["activityId"] });

/**
 * POST /api/v1/service-records {activityId|demandId, rows:[{volunteerId, hours, serviceDate?, noCheckInReason?}]} — batch hour
 * entry → pending records. Refused (422) before the activity has ended, and for a volunteer who did not check in unless
 * `noCheckInReason` says why; the message names the volunteer and `fields` the field.
 */
export const POST = apiRoute({ area: "service-hours", write: true }, async ({ actor, db, req }) => {
  const body = await parseJson(req, Body);
  if (!body.ok) return body.response;
  const r = await db.transaction((tx) => enterServiceHours(tx, actor, body.data));
  return r.ok ? json({ created: r.created, skipped: r.skipped }, 201) : failureResponse(r);
});
