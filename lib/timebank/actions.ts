"use server";
/**
 * Server actions of the time-bank pages (rewards, staff redemption, cancel/pickup; certificates: lib/certificates/actions.ts).
 * Authorize first, zod on FormData, the same service functions as the API; answer by redirecting
 * back with ?ok= / ?err=.
 */
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { canWrite } from "@/lib/auth/rules";
import { type CurrentUser, requireArea } from "@/lib/auth/session";
import type { ServiceActor } from "@/lib/service/actor";
import { cancelRedemption, markPickedUp, redeem } from "./redeem";
import { createReward, RewardSchema, updateReward } from "./rewards";

const actor = (u: CurrentUser): ServiceActor => ({ id: u.id, username: u.username, role: u.role, scopeCode: u.scopeCode, organizationId: u.organizationId });
const back = (path: string, q: Record<string, string>): never => redirect(`${path}?${new URLSearchParams(q).toString()}`);
const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return v === null || v === "" ? undefined : String(v);
};

async function writer(path: string) {
  const user = await requireArea("timebank");
  if (!canWrite(user.role)) back(path, { err: "当前角色为只读" });
  return user;
}

export async function saveRewardAction(fd: FormData) {
  const path = "/timebank/rewards";
  const user = await writer(path);
  const id = Number(fd.get("id")) || 0;
  const p = RewardSchema.safeParse({
    name: str(fd, "name"),
    kind: str(fd, "kind"),
    cost: str(fd, "cost"),
    stock: str(fd, "stock"),
    regionCode: str(fd, "regionCode"),
    partnerId: str(fd, "partnerId"),
    description: str(fd, "description"),
    active: id ? fd.get("active") === "on" : true,
    version: str(fd, "version"),
  });
  if (!p.success) back(path, { err: `${p.error.issues[0]!.message}` });
  const db = await getDb();
  const r = id ? await updateReward(db, actor(user), id, p.data!) : await createReward(db, actor(user), p.data!);
  if (!r.ok) back(path, { err: r.message });
  revalidatePath(path);
  back(path, { ok: id ? "updated" : "created" });
}

export async function staffRedeemAction(fd: FormData) {
  const vid = Number(fd.get("volunteerId"));
  const path = `/timebank/volunteers/${vid}`;
  const user = await writer(path);
  const rewardId = Number(fd.get("rewardId"));
  // the form carries a key made when it was rendered: a double submit redeems once
  const key = str(fd, "idempotencyKey") ?? `staff-${randomUUID()}`;
  const r = await redeem(await getDb(), actor(user), { volunteerId: vid, rewardId, idempotencyKey: key, channel: "staff" });
  if (!r.ok) back(path, { err: r.message, code: r.code });
  revalidatePath(path);
  back(path, { ok: "redeemed", pickup: (r as { redemption: { pickupCode: string } }).redemption.pickupCode });
}

export async function cancelRedemptionAction(fd: FormData) {
  const vid = Number(fd.get("volunteerId"));
  const path = `/timebank/volunteers/${vid}`;
  const user = await writer(path);
  const r = await cancelRedemption(await getDb(), actor(user), Number(fd.get("redemptionId")), String(fd.get("reason") ?? ""));
  if (!r.ok) back(path, { err: r.message });
  revalidatePath(path);
  back(path, { ok: "cancelled" });
}

export async function pickupAction(fd: FormData) {
  const vid = Number(fd.get("volunteerId"));
  const path = `/timebank/volunteers/${vid}`;
  const user = await writer(path);
  const r = await markPickedUp(await getDb(), actor(user), Number(fd.get("redemptionId")));
  if (!r.ok) back(path, { err: r.message });
  revalidatePath(path);
  back(path, { ok: "pickedUp" });
}
