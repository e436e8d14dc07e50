/**
 * 益兑换: redeeming a reward for points, cancelling (points and stock come back) and pickup.
 *
 * A redemption is ONE transaction: the stock goes down by one with `WHERE stock > 0` (and the
 * CHECK stock >= 0 behind it), the redemption row is inserted under its unique idempotency key, and
 * `postPoints` debits the account ('redeem', dedupe 'redeem:<key>') under the account's row lock,
 * refusing an overdraft. Any failure rolls all three back. A retried request with the same key —
 * even concurrently — finds the first redemption and returns it instead of redeeming again.
 *
 * Lock order: reward row → redemption key → point account → audit (cancel takes the same order).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { memberships, redemptions, rewards, volunteers } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { volunteerScopeSql } from "@/lib/auth/scope";
import { fail, type Result } from "@/lib/http";
import { InsufficientPointsError, postPoints } from "./ledger";
import { redemptionReach } from "./queries";
import { isIdempotencyKey, pickupCode, REDEEM_MESSAGES, type RedeemErrorCode, rewardOpenTo } from "./rules";

export type Redemption = typeof redemptions.$inferSelect;
export type RedeemResult = Result<{ redemption: Redemption; replayed: boolean; balance: number | null }>;

class Abort extends Error {
  constructor(public readonly code: RedeemErrorCode | "replay") {
    super(code);
  }
}

export interface RedeemInput {
  volunteerId: number;
  rewardId: number;
  idempotencyKey: string;
  channel?: "staff" | "volunteer";
}

/**
 * Redeems. `actor` null = the volunteer on the public page (already identified by phone + code);
 * otherwise the volunteer must be one the actor may act on (volunteerScopeSql; 404 otherwise). An
 * organization's own reward is open to its members only.
 */
export async function redeem(db: Db, actor: Actor | null, input: RedeemInput): Promise<RedeemResult> {
  if (!isIdempotencyKey(input.idempotencyKey)) return fail("invalid", "idempotencyKey: 需为 8–100 位字母、数字或 _:.-", { fields: ["idempotencyKey"] });
  const prior = await findByKey(db, input.idempotencyKey);
  if (prior) return sameRequest(prior, input) ? { ok: true, redemption: prior, replayed: true, balance: null } : reusedKey();
  try {
    return await db.transaction(async (tx) => {
      const [v] = await tx
        .select({ id: volunteers.id, communityCode: volunteers.communityCode, name: volunteers.name })
        .from(volunteers)
        .where(and(eq(volunteers.id, input.volunteerId), actor ? volunteerScopeSql(actor, `"volunteers"`) : sql`true`))
        .limit(1);
      if (!v) throw new Abort("not_found");
      const [r] = await tx.select({ id: rewards.id, regionCode: rewards.regionCode, organizationId: rewards.organizationId, active: rewards.active, name: rewards.name }).from(rewards).where(eq(rewards.id, input.rewardId)).limit(1);
      if (!r || !r.active) throw new Abort("not_found");
      if (r.organizationId !== null && actor?.role === "org_admin" && actor.organizationId !== r.organizationId) throw new Abort("not_found");
      if (!rewardOpenTo(r.regionCode, v.communityCode)) throw new Abort("not_available");
      if (r.organizationId !== null) {
        const [m] = await tx.select({ v: memberships.volunteerId }).from(memberships).where(and(eq(memberships.volunteerId, v.id), eq(memberships.organizationId, r.organizationId))).limit(1);
        if (!m) throw new Abort("not_available");
      }
      // 1. stock (row lock on the reward; the WHERE refuses the last-but-none)
      const [dec] = await tx
        .update(rewards)
        .set({ stock: sql`${rewards.stock} - 1` })
        .where(and(eq(rewards.id, r.id), sql`${rewards.stock} > 0`, eq(rewards.active, true)))
        .returning({ cost: rewards.costPoints });
      if (!dec) throw new Abort("out_of_stock");
      // 2. the redemption under its idempotency key (a concurrent twin waits here, then finds ours)
      const [red] = await tx
        .insert(redemptions)
        .values({
          volunteerId: v.id,
          rewardId: r.id,
          points: dec.cost,
          pickupCode: pickupCode(),
          idempotencyKey: input.idempotencyKey,
          communityCode: v.communityCode,
          createdBy: actor?.id ?? null,
          channel: input.channel ?? (actor ? "staff" : "volunteer"),
        })
        .onConflictDoNothing({ target: redemptions.idempotencyKey })
        .returning();
      if (!red) throw new Abort("replay");
      // 3. the points (account row lock; overdraft refused)
      const posted = await postPoints(tx, {
        volunteerId: v.id,
        amount: -dec.cost,
        kind: "redeem",
        communityCode: v.communityCode,
        dedupeKey: `redeem:${input.idempotencyKey}`,
        redemptionId: red.id,
        note: `兑换：${r.name}`,
        createdBy: actor?.id ?? null,
      });
      if (!posted.posted) throw new Abort("replay");
      await writeAudit(tx, {
        userId: actor?.id ?? null,
        username: actor?.username ?? null,
        role: actor?.role ?? null,
        ip: actor?.ip ?? null,
        action: "redemption.create",
        objectType: "redemption",
        objectId: red.id,
        summary: { volunteerId: v.id, rewardId: r.id, points: dec.cost, channel: red.channel },
      });
      return { ok: true as const, redemption: red, replayed: false, balance: posted.balance };
    });
  } catch (e) {
    if (e instanceof InsufficientPointsError || isBalanceCheck(e)) return fail("insufficient_points", REDEEM_MESSAGES.insufficient_points);
    if (isStockCheck(e)) return fail("out_of_stock", REDEEM_MESSAGES.out_of_stock);
    if (e instanceof Abort) {
      if (e.code === "replay") {
        const first = await findByKey(db, input.idempotencyKey);
        if (first && sameRequest(first, input)) return { ok: true, redemption: first, replayed: true, balance: null };
        return reusedKey();
      }
      return fail(e.code, REDEEM_MESSAGES[e.code]);
    }
    throw e;
  }
}

const reusedKey = () => fail("invalid", "idempotencyKey 已用于另一笔兑换", { fields: ["idempotencyKey"] });

function sameRequest(r: Redemption, i: RedeemInput) {
  return r.volunteerId === i.volunteerId && r.rewardId === i.rewardId;
}

async function findByKey(db: Db | Tx, key: string): Promise<Redemption | null> {
  const [r] = await db.select().from(redemptions).where(eq(redemptions.idempotencyKey, key)).limit(1);
  return r ?? null;
}

function pgCode(e: unknown): { code?: string; constraint?: string } {
  const c = (e as { cause?: unknown })?.cause ?? e;
  return (c ?? {}) as { code?: string; constraint?: string };
}
function isBalanceCheck(e: unknown) {
  const c = pgCode(e);
  return c.code === "23514" && String(c.constraint ?? "").includes("balance");
}
function isStockCheck(e: unknown) {
  const c = pgCode(e);
  return c.code === "23514" && String(c.constraint ?? "").includes("stock");
}

export type ChangeResult = Result<{ redemption: Redemption }>;

/** Cancels a redemption not yet picked up: the stock comes back and a 'refund' entry returns the points. */
export async function cancelRedemption(db: Db, actor: Actor, { id, reason }: { id: number; reason: string }): Promise<ChangeResult> {
  if (!reason.trim()) return fail("invalid", "取消必须填写原因", { fields: ["reason"] });
  return db.transaction(async (tx) => {
    const [cur] = await tx
      .select()
      .from(redemptions)
      .where(and(eq(redemptions.id, id), redemptionReach(actor)))
      .limit(1);
    if (!cur) return fail("not_found", "兑换记录不存在或不在您的权限范围内");
    // reward row first (same lock order as redeem), then the redemption, then the account
    await tx.update(rewards).set({ stock: sql`${rewards.stock} + 1` }).where(eq(rewards.id, cur.rewardId));
    const [red] = await tx
      .update(redemptions)
      .set({ status: "cancelled", cancelledAt: new Date(), cancelReason: reason.trim() })
      .where(and(eq(redemptions.id, id), eq(redemptions.status, "redeemed")))
      .returning();
    if (!red) throw new CancelRefused(cur.status);
    await postPoints(tx, {
      volunteerId: red.volunteerId,
      amount: red.points,
      kind: "refund",
      communityCode: red.communityCode,
      dedupeKey: `refund:r:${red.id}`,
      redemptionId: red.id,
      note: `取消兑换：${reason.trim()}`,
      createdBy: actor.id,
    });
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "redemption.cancel", objectType: "redemption", objectId: red.id, summary: { points: red.points, reason: reason.trim() } });
    return { ok: true as const, redemption: red };
  }).catch((e) => {
    if (e instanceof CancelRefused) return fail("invalid", e.status === "cancelled" ? "该兑换已取消" : "已领取的兑换不能取消");
    throw e;
  });
}

class CancelRefused extends Error {
  constructor(public readonly status: string) {
    super("cancel refused");
  }
}

/** Marks a redemption picked up (the pickup code was shown at the counter). */
export async function markPickedUp(db: Db, actor: Actor, { id }: { id: number }): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const [red] = await tx
      .update(redemptions)
      .set({ status: "picked_up", pickedUpAt: new Date() })
      .where(and(eq(redemptions.id, id), eq(redemptions.status, "redeemed"), redemptionReach(actor)))
      .returning();
    if (!red) return fail("not_found", "兑换记录不存在、已领取或已取消");
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "redemption.pickup", objectType: "redemption", objectId: red.id });
    return { ok: true as const, redemption: red };
  });
}
