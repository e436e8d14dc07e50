import { z } from "zod";
import { apiRoute } from "@/lib/auth/api";
import { failureResponse, json, parseJson } from "@/lib/http";
import { redeem } from "@/lib/timebank/redeem";

export const dynamic = "force-dynamic";

const Body = z.object({
  volunteerId: z.number().int().positive(),
  rewardId: z.number().int().positive(),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_:.-]{8,100}$/, "需为 8–100 位字母、数字或 _:.-"),
});

/**
 * POST /api/v1/redemptions {volunteerId, rewardId, idempotencyKey} → 201 (a retry with the same key
 * answers 200 with the first redemption), 409 insufficient_points | out_of_stock, 404 for a volunteer
 * the caller may not act on (an organization admin: members of its organization only).
 */
export const POST = apiRoute({ area: "timebank", write: true }, async ({ actor, db, req }) => {
  const body = await parseJson(req, Body);
  if (!body.ok) return body.response;
  const r = await redeem(db, actor, { ...body.data, channel: "staff" });
  if (!r.ok) return failureResponse(r);
  const x = r.redemption;
  return json({ id: x.id, volunteerId: x.volunteerId, rewardId: x.rewardId, points: x.points, pickupCode: x.pickupCode, status: x.status, createdAt: x.createdAt, replayed: r.replayed, balance: r.balance }, r.replayed ? 200 : 201);
});
