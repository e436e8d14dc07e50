import { z } from "zod";
import { getDb } from "@/db/client";
import { apiError, apiRoute } from "@/lib/auth/api";
import { actorOf, fail, idParam, json, readJson } from "@/lib/service/api";
import { canReview, reviewServiceRecord } from "@/lib/service/review";

export const dynamic = "force-dynamic";

const Body = z.object({ version: z.number().int().positive().optional(), reason: z.string().max(500, "原因最多 500 个字").optional() });

/** POST /api/v1/service-records/{id}/reject — {version?, reason} rejects (reason required); a verified record gets a reversing ledger entry, never an edit. */
export const POST = apiRoute<{ id: string }>({ area: "activities", write: true }, async ({ user, req, params }) => {
  if (!canReview(user.role)) return apiError(403, "forbidden", "只有街道或文明办可以审核服务时长");
  const id = idParam(params.id);
  if (!id) return apiError(404, "not_found", "服务记录不存在");
  const b = await readJson(req);
  if (!b.ok) return b.response;
  const p = Body.safeParse(b.body);
  if (!p.success) return apiError(422, "invalid", `${p.error.issues[0]!.path.join(".")}: ${p.error.issues[0]!.message}`);
  const r = await reviewServiceRecord(await getDb(), actorOf(user, req), { id, to: "rejected", version: p.data.version, reason: p.data.reason });
  return r.ok ? json(r) : fail({ ...r, field: r.code === "invalid" ? "reason" : undefined });
});
