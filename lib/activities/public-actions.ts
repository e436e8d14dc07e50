"use server";
/**
 * The public /activities page's actions (no account), each `publicAction` (a rate-limit slot per
 * client address first, like /join): sign up for an activity with the name and phone of a
 * registered volunteer; ask for a one-time code; redeem a reward with phone + code. A refusal
 * answers in the ActionState shape and says nothing about anyone else; a success goes back to the
 * page with ?ok=.
 */
import { redirect } from "next/navigation";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { volunteers } from "@/db/schema";
import { actionError, publicAction } from "@/lib/auth/action";
import { sharedLimiter } from "@/lib/rate-limit";
import { requestPhoneCode, verifyPhoneCode } from "@/lib/timebank/phone-code";
import { redeem } from "@/lib/timebank/redeem";
import { piiHash } from "@/lib/volunteers/pii";
import { isMobile, normalizeMobile } from "@/lib/volunteers/rules";
import { enrolVolunteers } from "./service";
import { env } from "@/lib/env";

function limiter() {
  return sharedLimiter("activities", [
    { ms: 60_000, max: env().ACTIVITIES_RATE_PER_MINUTE },
    { ms: 86_400_000, max: env().ACTIVITIES_RATE_PER_DAY },
  ]);
}

const back = (q: Record<string, string>, anchor: string): never => redirect(`/activities?${new URLSearchParams(q).toString()}#${anchor}`);

const street = z.string().regex(/^(\d{9})?$/, "街道代码无效").optional().default("");
const phone = z
  .string({ message: "请填写正确的 11 位手机号" })
  .transform(normalizeMobile)
  .refine(isMobile, "请填写正确的 11 位手机号");

const Signup = z.object({
  street,
  activityId: z.coerce.number().int().positive("活动不存在"),
  name: z.string({ message: "请填写姓名" }).trim().min(1, "请填写姓名"),
  phone,
});

export const publicSignupAction = publicAction({ limiter }, Signup, async ({ db }, f) => {
  const [v] = await db.select({ id: volunteers.id }).from(volunteers).where(and(eq(volunteers.phoneHash, piiHash(f.phone)), eq(volunteers.name, f.name), eq(volunteers.status, "active"))).limit(1);
  if (!v) return actionError("未找到与该姓名和手机号匹配的注册志愿者，请先到“志愿者报名”页面注册", ["name", "phone"]);
  const r = await enrolVolunteers(db, null, { activityId: f.activityId, volunteerIds: [v.id] });
  if (!r.ok) return actionError(r.message, r.fields);
  back({ street: f.street, ok: r.already.length ? "already" : "signed" }, `a-${f.activityId}`);
});

export const requestCodeAction = publicAction({ limiter }, z.object({ street, phone }), async ({ db }, f) => {
  await requestPhoneCode(db, { phone: f.phone, purpose: "redeem" });
  // same answer whether or not the phone is registered
  back({ street: f.street, ok: "codeSent", phone: `${f.phone.slice(0, 3)}****${f.phone.slice(-4)}` }, "redeem");
});

const Redeem = z.object({
  street,
  phone,
  code: z.string({ message: "请填写 6 位验证码" }).trim().regex(/^\d{6}$/, "请填写 6 位验证码"),
  rewardId: z.coerce.number().int().positive("请选择奖励"),
  idempotencyKey: z.string().optional().default(""),
});

export const publicRedeemAction = publicAction({ limiter }, Redeem, async ({ db }, f) => {
  const who = await verifyPhoneCode(db, { phone: f.phone, code: f.code, purpose: "redeem" });
  if (!who) return actionError("验证码错误或已过期，请重新获取", ["code"]);
  const r = await redeem(db, null, { volunteerId: who.volunteerId, rewardId: f.rewardId, idempotencyKey: f.idempotencyKey, channel: "volunteer" });
  if (!r.ok) return actionError(r.code === "not_found" ? "奖励不存在或已下架" : r.message);
  back({ street: f.street, ok: "redeemed", pickup: r.redemption.pickupCode }, "redeem");
});
