/** Rewards (益兑换 items): create and edit with an optimistic version check; audit last. */
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { partners, regions, rewards } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import type { ServiceActor } from "@/lib/service/actor";

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

export type RewardResult = { ok: true; id: number; version: number } | { ok: false; code: "invalid" | "not_found" | "conflict"; message: string; field?: string };

async function check(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], actor: ServiceActor, input: RewardInput): Promise<RewardResult | null> {
  if (!input.regionCode.startsWith(actor.scopeCode)) return { ok: false, code: "invalid", message: "面向区域须在您的管辖范围内", field: "regionCode" };
  const [r] = await tx.select({ c: regions.code }).from(regions).where(eq(regions.code, input.regionCode)).limit(1);
  if (!r) return { ok: false, code: "invalid", message: "面向区域不存在", field: "regionCode" };
  if (input.partnerId) {
    const [p] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, input.partnerId)).limit(1);
    if (!p) return { ok: false, code: "invalid", message: "合作单位不存在", field: "partnerId" };
  }
  return null;
}

export async function createReward(db: Db, actor: ServiceActor, input: RewardInput): Promise<RewardResult> {
  return db.transaction(async (tx) => {
    const bad = await check(tx, actor, input);
    if (bad) return bad;
    const [r] = await tx
      .insert(rewards)
      .values({ name: input.name, kind: input.kind, costPoints: input.cost, stock: input.stock, regionCode: input.regionCode, partnerId: input.partnerId ?? null, description: input.description || null, active: input.active ?? true })
      .returning({ id: rewards.id, version: rewards.version });
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "reward.create", objectType: "reward", objectId: r!.id, summary: { name: input.name, cost: input.cost, stock: input.stock } });
    return { ok: true, id: r!.id, version: r!.version } as const;
  });
}

export async function updateReward(db: Db, actor: ServiceActor, id: number, input: RewardInput): Promise<RewardResult> {
  if (!input.version) return { ok: false, code: "invalid", message: "缺少版本号", field: "version" };
  return db.transaction(async (tx) => {
    const bad = await check(tx, actor, input);
    if (bad) return bad;
    const [cur] = await tx.select({ v: rewards.version }).from(rewards).where(and(eq(rewards.id, id), sql`${rewards.regionCode} LIKE ${`${actor.scopeCode}%`}`)).limit(1);
    if (!cur) return { ok: false, code: "not_found", message: "奖励不存在或不在您的管辖范围内" } as const;
    const [u] = await tx
      .update(rewards)
      .set({ name: input.name, kind: input.kind, costPoints: input.cost, stock: input.stock, regionCode: input.regionCode, partnerId: input.partnerId ?? null, description: input.description || null, active: input.active ?? true, version: sql`${rewards.version} + 1` })
      .where(and(eq(rewards.id, id), eq(rewards.version, input.version!)))
      .returning({ id: rewards.id, version: rewards.version });
    if (!u) return { ok: false, code: "conflict", message: `该奖励已被他人修改（当前版本 ${cur.v}），请刷新后重试` } as const;
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "reward.update", objectType: "reward", objectId: id, summary: { name: input.name, cost: input.cost, stock: input.stock, active: input.active ?? true } });
    return { ok: true, id: u.id, version: u.version } as const;
  });
}
