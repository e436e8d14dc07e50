"use server";
/**
 * The public /activities page's actions (no account): sign up for an activity with the name and
 * phone of a registered volunteer; ask for a one-time code; redeem a reward with phone + code.
 * Rate-limited per client address like /join; answers say nothing about anyone else.
 */
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { volunteers } from "@/db/schema";
import { requestPhoneCode, verifyPhoneCode } from "@/lib/timebank/phone-code";
import { redeem } from "@/lib/timebank/redeem";
import { piiHash } from "@/lib/volunteers/pii";
import { clientIp, rateLimitMessage, sharedLimiter } from "@/lib/rate-limit";
import { isMobile, normalizeMobile } from "@/lib/volunteers/rules";
import { enrolVolunteers } from "./service";
import { env } from "@/lib/env";

function limiter() {
  return sharedLimiter("activities", [
    { ms: 60_000, max: env().ACTIVITIES_RATE_PER_MINUTE },
    { ms: 86_400_000, max: env().ACTIVITIES_RATE_PER_DAY },
  ]);
}

const back = (q: Record<string, string>): never => redirect(`/activities?${new URLSearchParams(q).toString()}#${q.anchor ?? "top"}`);

async function gate(street: string) {
  const ip = clientIp(await headers());
  const r = limiter().take(ip);
  if (!r.ok) back({ street, err: rateLimitMessage(r.retryAfter) });
}

function phoneOf(fd: FormData, street: string, anchor: string) {
  const phone = normalizeMobile(String(fd.get("phone") ?? ""));
  if (!isMobile(phone)) back({ street, err: "请填写正确的 11 位手机号", anchor });
  return phone;
}

export async function publicSignupAction(fd: FormData) {
  const street = String(fd.get("street") ?? "");
  const activityId = Number(fd.get("activityId"));
  const anchor = `a-${activityId}`;
  await gate(street);
  const name = String(fd.get("name") ?? "").trim();
  if (!name) back({ street, err: "请填写姓名", anchor });
  const phone = phoneOf(fd, street, anchor);
  const db = await getDb();
  const [v] = await db.select({ id: volunteers.id }).from(volunteers).where(and(eq(volunteers.phoneHash, piiHash(phone)), eq(volunteers.name, name), eq(volunteers.status, "active"))).limit(1);
  if (!v) back({ street, err: "未找到与该姓名和手机号匹配的注册志愿者，请先到“志愿者报名”页面注册", anchor });
  const r = await enrolVolunteers(db, null, activityId, [v!.id]);
  if (!r.ok) back({ street, err: r.message, anchor });
  back({ street, ok: (r as { already: number[] }).already.length ? "already" : "signed", anchor });
}

export async function requestCodeAction(fd: FormData) {
  const street = String(fd.get("street") ?? "");
  await gate(street);
  const phone = phoneOf(fd, street, "redeem");
  await requestPhoneCode(await getDb(), phone, "redeem");
  // same answer whether or not the phone is registered
  back({ street, ok: "codeSent", phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, anchor: "redeem" });
}

export async function publicRedeemAction(fd: FormData) {
  const street = String(fd.get("street") ?? "");
  await gate(street);
  const phone = phoneOf(fd, street, "redeem");
  const code = String(fd.get("code") ?? "").trim();
  if (!/^\d{6}$/.test(code)) back({ street, err: "请填写 6 位验证码", anchor: "redeem" });
  const db = await getDb();
  const who = await verifyPhoneCode(db, phone, code, "redeem");
  if (!who) back({ street, err: "验证码错误或已过期，请重新获取", anchor: "redeem" });
  const r = await redeem(db, null, { volunteerId: who!.volunteerId, rewardId: Number(fd.get("rewardId")), idempotencyKey: String(fd.get("idempotencyKey") ?? ""), channel: "volunteer" });
  if (!r.ok) back({ street, err: r.code === "not_found" ? "奖励不存在或已下架" : r.message, anchor: "redeem" });
  back({ street, ok: "redeemed", pickup: (r as { redemption: { pickupCode: string } }).redemption.pickupCode, anchor: "redeem" });
}
