import { z } from "zod";
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { actorOf, fail, json, readJson } from "@/lib/service/api";
import { enterServiceHours } from "@/lib/service/entry";

export const dynamic = "force-dynamic";

const Body = z
  .object({
    activityId: z.number().int().positive().optional(),
    demandId: z.number().int().positive().optional(),
    rows: z
      .array(z.object({ volunteerId: z.number().int().positive(), hours: z.union([z.number(), z.string()]), serviceDate: z.string().optional() }))
      .min(1, "rows 不能为空")
      .max(500, "一次最多 500 条"),
  })
  .refine((b) => (b.activityId === undefined) !== (b.demandId === undefined), { message: "必须且只能指定 activityId 或 demandId", path: ["activityId"] });

/** POST /api/v1/service-records {activityId|demandId, rows:[{volunteerId, hours, serviceDate?}]} — batch hour entry → pending records. */
export const POST = apiRoute({ area: "activities", write: true }, async ({ user, req }) => {
  const b = await readJson(req);
  if (!b.ok) return b.response;
  const p = Body.safeParse(b.body);
  if (!p.success) {
    const i = p.error.issues[0]!;
    return apiError(422, "invalid", `${i.path.join(".") || "参数"}: ${i.message}`, { fields: [i.path.join(".")] });
  }
  const db = await getDb();
  const r = await db.transaction((tx) => enterServiceHours(tx, actorOf(user, req), p.data));
  if (!r.ok) return fail(r);
  return json({ created: r.created, skipped: r.skipped }, 201);
});
