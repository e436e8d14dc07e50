/**
 * Rewards (益兑换 items): create and edit with an optimistic version check; audit last. An
 * organization admin's rewards belong to its organization (open to its members only, never shown
 * street-wide nor in the monthly report's top rewards) until 文明办 publishes one for the region.
 */
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { partners, regions, rewards } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { fail, type Failure, type Result } from "@/lib/http";
import { rewardReach } from "./queries";

export const RewardSchema = z.object({
  name: z.string().trim().min(2, "奖励名称至少 2 个字").max(60, "奖励名称最多 60 个字"),
  kind: z.enum(["goods", "service", "discount"], { message: "请选择奖励类型" }),
  cost: z.coerce.number().int("所需积分须为整数").min(1, "所需积分须大于 0").max(1_000_000, "所需积分过大"),
  stock: z.coerce.number().int("库存须为整数").min(0, "库存不能为负").max(1_000_000, "库存过大"),
  regionCode: z.string().regex(/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/, "请选择面向区域"),
  partnerId: z.coerce.number().int().positive().optional(),
  description: z.string().trim().max(500, "说明最多 500 个字").optional(),
  active: z.coerce.boolean().optional(),
  version: z.coerce.number().int().positive().optional(),
});
export type RewardInput = z.infer<typeof RewardSchema>;

export type RewardResult = Result<{ id: number; version: number }>;

const audit = (tx: Tx, actor: Actor, action: string, id: number, summary?: Record<string, unknown>) =>
  writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action, objectType: "reward", objectId: id, summary });

async function check(tx: Tx, actor: Actor, input: RewardInput): Promise<Failure | null> {
  if (!input.regionCode.startsWith(actor.scopeCode)) return fail("invalid", "面向区域须在您的管辖范围内", { fields: ["regionCode"] });
  const [r] = await tx.select({ c: regions.code }).from(regions).where(eq(regions.code, input.regionCode)).limit(1);
  if (!r) return fail("invalid", "面向区域不存在", { fields: ["regionCode"] });
  if (input.partnerId) {
    const [p] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, input.partnerId)).limit(1);
    if (!p) return fail("invalid", "合作单位不存在", { fields: ["partnerId"] });
  }
  return null;
}

export async function createReward(db: Db, actor: Actor, input: RewardInput): Promise<RewardResult> {
  if (actor.role === "org_admin" && !actor.organizationId) return fail("forbidden", "组织管理员未关联组织，不能设立奖励");
  return db.transaction(async (tx) => {
    const bad = await check(tx, actor, input);
    if (bad) return bad;
    const organizationId = actor.role === "org_admin" ? actor.organizationId : null;
    const [r] = await tx
      .insert(rewards)
      .values({ name: input.name, kind: input.kind, costPoints: input.cost, stock: input.stock, regionCode: input.regionCode, organizationId, partnerId: input.partnerId ?? null, description: input.description || null, active: input.active ?? true })
      .returning({ id: rewards.id, version: rewards.version });
    await audit(tx, actor, "reward.create", r!.id, { name: input.name, cost: input.cost, stock: input.stock, organizationId });
    return { ok: true as const, id: r!.id, version: r!.version };
  });
}

export async function updateReward(db: Db, actor: Actor, { id, ...input }: RewardInput & { id: number }): Promise<RewardResult> {
  if (!input.version) return fail("invalid", "缺少版本号", { fields: ["version"] });
  return db.transaction(async (tx) => {
    const bad = await check(tx, actor, input);
    if (bad) return bad;
    // an organization admin edits its own organization's rewards only; staff those under their scope
    const own = actor.role === "org_admin" ? eq(rewards.organizationId, actor.organizationId ?? -1) : sql`${rewards.regionCode} LIKE ${`${actor.scopeCode}%`}`;
    const [cur] = await tx.select({ v: rewards.version }).from(rewards).where(and(eq(rewards.id, id), rewardReach(actor), own)).limit(1);
    if (!cur) return fail("not_found", "奖励不存在或不在您的管辖范围内");
    const [u] = await tx
      .update(rewards)
      .set({ name: input.name, kind: input.kind, costPoints: input.cost, stock: input.stock, regionCode: input.regionCode, partnerId: input.partnerId ?? null, description: input.description || null, active: input.active ?? true, version: sql`${rewards.version} + 1` })
      .where(and(eq(rewards.id, id), eq(rewards.version, input.version!)))
      .returning({ id: rewards.id, version: rewards.version });
    if (!u) return fail("conflict", `该奖励已被他人修改（当前版本 ${cur.v}），请刷新后重试`, { currentVersion: cur.v });
    await audit(tx, actor, "reward.update", id, { name: input.name, cost: input.cost, stock: input.stock, active: input.active ?? true });
    return { ok: true as const, id: u.id, version: u.version };
  });
}

/** 文明办 publishes an organization's reward for its region: from then on every volunteer there may redeem it. */
export async function publishReward(db: Db, actor: Actor, { id }: { id: number }): Promise<RewardResult> {
  if (actor.role !== "wmb_staff") return fail("forbidden", "只有文明办可以发布组织的奖励");
  return db.transaction(async (tx) => {
    const [u] = await tx
      .update(rewards)
      .set({ organizationId: null, version: sql`${rewards.version} + 1` })
      .where(and(eq(rewards.id, id), isNotNull(rewards.organizationId), rewardReach(actor), sql`${rewards.regionCode} LIKE ${`${actor.scopeCode}%`}`))
      .returning({ id: rewards.id, version: rewards.version });
    if (!u) return fail("not_found", "奖励不存在、已发布或不在您的管辖范围内");
    await audit(tx, actor, "reward.publish", id);
    return { ok: true as const, id: u.id, version: u.version };
  });
}
