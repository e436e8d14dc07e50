"use server";
/**
 * Server actions of the time-bank pages (rewards, staff redemption, cancel/pickup; certificates: lib/certificates/actions.ts),
 * each `serverAction({ area: "timebank", write })`: guard → zod → the same service functions as the
 * API. A refusal answers in the one ActionState shape; a success revalidates and goes back with ?ok=.
 */
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionError, serverAction } from "@/lib/auth/action";
import { blankToUndefined } from "@/lib/form-fields";
import { cancelRedemption, markPickedUp, redeem } from "./redeem";
import { createReward, publishReward, RewardSchema, updateReward } from "./rewards";

const AREA = { area: "timebank", write: true } as const;
const back = (path: string, q: Record<string, string>): never => redirect(`${path}?${new URLSearchParams(q).toString()}`);
const id = z.coerce.number().int().positive("编号无效");
const volunteerPath = (vid: number) => `/timebank/volunteers/${vid}`;
const REWARDS = "/timebank/rewards";

const RewardForm = blankToUndefined(
  RewardSchema.extend({ id: id.optional(), active: z.string().optional() }),
  ["id", "partnerId", "description", "version"],
);

export const saveRewardAction = serverAction(AREA, RewardForm, async ({ actor, db }, f) => {
  // a new reward is active; an edit is active when its box is ticked
  const input = { ...f, active: f.id ? f.active === "on" : true };
  const r = f.id ? await updateReward(db, actor, { ...input, id: f.id }) : await createReward(db, actor, input);
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath(REWARDS);
  back(REWARDS, { ok: f.id ? "updated" : "created" });
});

/** 文明办 publishes an organization's reward for its region. */
export const publishRewardAction = serverAction(AREA, z.object({ id }), async ({ actor, db }, f) => {
  const r = await publishReward(db, actor, f);
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath(REWARDS);
  back(REWARDS, { ok: "published" });
});

export const staffRedeemAction = serverAction(AREA, z.object({ volunteerId: id, rewardId: z.coerce.number().int().positive("请选择奖励"), idempotencyKey: z.string().optional() }), async ({ actor, db }, f) => {
  // the form carries a key made when it was rendered: a double submit redeems once
  const key = f.idempotencyKey || `staff-${randomUUID()}`;
  const r = await redeem(db, actor, { volunteerId: f.volunteerId, rewardId: f.rewardId, idempotencyKey: key, channel: "staff" });
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath(volunteerPath(f.volunteerId));
  back(volunteerPath(f.volunteerId), { ok: "redeemed", pickup: r.redemption.pickupCode });
});

export const cancelRedemptionAction = serverAction(AREA, z.object({ volunteerId: id, redemptionId: id, reason: z.string().optional().default("") }), async ({ actor, db }, f) => {
  const r = await cancelRedemption(db, actor, { id: f.redemptionId, reason: f.reason });
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath(volunteerPath(f.volunteerId));
  back(volunteerPath(f.volunteerId), { ok: "cancelled" });
});

export const pickupAction = serverAction(AREA, z.object({ volunteerId: id, redemptionId: id }), async ({ actor, db }, f) => {
  const r = await markPickedUp(db, actor, { id: f.redemptionId });
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath(volunteerPath(f.volunteerId));
  back(volunteerPath(f.volunteerId), { ok: "pickedUp" });
});

