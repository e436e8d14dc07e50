import { z } from "zod";
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { actorOf, fail, json, readJson } from "@/lib/service/api";
import { redeem } from "@/lib/timebank/redeem";

export const dynamic = "force-dynamic";

const Body = z.object({
  volunteerId: z.number().int().positive(),
  rewardId: z.number().int().positive(),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_:.-]{8,100}$/, "需为 8–100 位字母、数字或 _:.-"),
});

/**
 * POST /api/v1/redemptions {volunteerId, rewardId, idempotencyKey} → 201 (a retry with the same key
 * answers 200 with the first redemption), 409 insufficient_points | out_of_stock, 404 out of scope.
 */
export const POST = apiRoute({ area: "timebank", write: true }, async ({ user, req }) => {
  const b = await readJson(req);
  if (!b.ok) return b.response;
  const p = Body.safeParse(b.body);
  if (!p.success) {
    const i = p.error.issues[0]!;
    return apiError(422, "invalid", `${i.path.join(".")}: ${i.message}`, { fields: [i.path.join(".")] });
  }
  const r = await redeem(await getDb(), actorOf(user, req), { ...p.data, channel: "staff" });
  if (!r.ok) return fail(r);
  const x = r.redemption;
  return json({ id: x.id, volunteerId: x.volunteerId, rewardId: x.rewardId, points: x.points, pickupCode: x.pickupCode, status: x.status, createdAt: x.createdAt, replayed: r.replayed, balance: r.balance }, r.replayed ? 200 : 201);
});
