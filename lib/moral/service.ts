/**
 * 道德积分: rules (versioned, never edited in place), awards proposed by a street office or an
 * organization and decided by 文明办; approval posts a `moral` ledger entry through the one
 * postPoints in the same transaction as the cap check (the volunteer's row is locked first, so two
 * approvals near the cap queue and the second sees the first); reversal posts the negative entry.
 * Every function takes `(db, actor, input)` and puts the actor's scope in its queries.
 */
import { and, desc, eq, like, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { moralAwards, moralRules, volunteers } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { scopePattern } from "@/lib/auth/rules";
import { volunteerScopeSql } from "@/lib/auth/scope";
import { DomainError, fail, type Result } from "@/lib/http";
import { cstDate } from "@/lib/metrics/rollup";
import { InsufficientPointsError, postPoints } from "@/lib/timebank/ledger";
import { canApprove, canPropose, capCheck, ruleActiveOn, type RuleInput } from "./rules";

const audit = (actor: Actor) => ({ userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null });

/** Rules an actor sees: made for a region holding theirs (city rules for a district) or inside it. */
export const ruleScopeSql = (actor: Actor) => sql`(${actor.scopeCode} LIKE ${moralRules.regionCode} || '%' OR ${moralRules.regionCode} LIKE ${scopePattern(actor.scopeCode)})`;
/** Only the newest version of each rule. */
const latestSql = sql`${moralRules.version} = (SELECT max(r2.version) FROM moral_rules r2 WHERE r2.rule_key = ${moralRules.ruleKey})`;

export async function createMoralRule(db: Db, actor: Actor, input: RuleInput): Promise<Result<{ id: number; ruleKey: string; version: number }>> {
  if (actor.role !== "wmb_staff") return fail("forbidden", "只有文明办可以制定道德积分规则");
  return db.transaction(async (tx) => {
    let ruleKey = `mr-${actor.scopeCode}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    let version = 1;
    if (input.replacesId) {
      const [old] = await tx
        .select()
        .from(moralRules)
        .where(and(eq(moralRules.id, input.replacesId), like(moralRules.regionCode, scopePattern(actor.scopeCode))))
        .for("update");
      if (!old) return fail("not_found", "replacesId：规则不存在或不在您的权限范围内", { fields: ["replacesId"] });
      const [latest] = await tx.select({ v: sql<number>`max(${moralRules.version})` }).from(moralRules).where(eq(moralRules.ruleKey, old.ruleKey));
      if (Number(latest?.v) !== old.version) return fail("stale", `该规则已有更新版本（第 ${latest?.v} 版），请在最新版本上修改`, { currentVersion: Number(latest?.v) });
      ruleKey = old.ruleKey;
      version = old.version + 1;
    }
    const [r] = await tx
      .insert(moralRules)
      .values({
        ruleKey,
        version,
        name: input.name,
        category: input.category,
        points: input.points,
        yearlyCap: input.yearlyCap,
        evidence: [...new Set(input.evidence)],
        proposerRoles: [...new Set(input.proposerRoles)],
        approverLevel: input.approverLevel,
        regionCode: actor.scopeCode,
        activeFrom: input.activeFrom,
        activeTo: input.activeTo ?? null,
        createdBy: actor.id,
      })
      .returning({ id: moralRules.id });
    await writeAudit(tx, { ...audit(actor), action: "moral.rule_create", objectType: "moral_rule", objectId: r!.id, summary: { ruleKey, version, points: input.points, yearlyCap: input.yearlyCap } });
    return { ok: true as const, id: r!.id, ruleKey, version };
  });
}

export async function listMoralRules(db: Db, actor: Actor, { day = cstDate(), all = false }: { day?: string; all?: boolean } = {}) {
  const rows = await db
    .select()
    .from(moralRules)
    .where(and(ruleScopeSql(actor), latestSql))
    .orderBy(moralRules.category, moralRules.id);
  return all ? rows : rows.filter((r) => ruleActiveOn(r, day));
}

export async function proposeMoralAward(db: Db, actor: Actor, input: { ruleId: number; volunteerId?: number; organizationId?: number; note: string; photoIds: number[] }): Promise<Result<{ id: number; status: "pending"; version: number }>> {
  if (input.organizationId !== undefined || input.volunteerId === undefined) return fail("invalid", "volunteerId：目前只能为志愿者记道德积分（组织的道德积分尚未开放）", { fields: ["volunteerId"] });
  const today = cstDate();
  return db.transaction(async (tx) => {
    const [rule] = await tx.select().from(moralRules).where(and(eq(moralRules.id, input.ruleId), ruleScopeSql(actor), latestSql));
    if (!rule || !ruleActiveOn(rule, today)) return fail("not_found", "ruleId：规则不存在、已停用或已有新版本", { fields: ["ruleId"] });
    if (!canPropose(actor.role, rule.proposerRoles)) return fail("forbidden", "该规则不允许您的单位提名");
    const [v] = await tx
      .select({ id: volunteers.id, communityCode: volunteers.communityCode })
      .from(volunteers)
      .where(and(eq(volunteers.id, input.volunteerId!), eq(volunteers.status, "active"), sql`${volunteerScopeSql(actor, "volunteers")}`));
    if (!v) return fail("not_found", "volunteerId：志愿者不存在或不在您的权限范围内", { fields: ["volunteerId"] });
    if (!v.communityCode.startsWith(rule.regionCode)) return fail("invalid", "ruleId：该规则不适用于此志愿者所在地区", { fields: ["ruleId"] });
    if (rule.evidence.includes("photo") && input.photoIds.length === 0) return fail("invalid", "photoIds：该规则须附照片作为证明", { fields: ["photoIds"] });
    const [a] = await tx
      .insert(moralAwards)
      .values({ ruleId: rule.id, ruleKey: rule.ruleKey, volunteerId: v.id, communityCode: v.communityCode, points: rule.points, year: Number(today.slice(0, 4)), note: input.note, photoIds: input.photoIds, proposedBy: actor.id })
      .returning({ id: moralAwards.id });
    await writeAudit(tx, { ...audit(actor), action: "moral.award_propose", objectType: "moral_award", objectId: a!.id, summary: { ruleId: rule.id, volunteerId: v.id, points: rule.points } });
    return { ok: true as const, id: a!.id, status: "pending" as const, version: 1 };
  });
}

/** An award the actor may see (its volunteer's community in the actor's region, or the proposer's own). */
async function awardInScope(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], actor: Actor, id: number) {
  const [row] = await tx
    .select({ a: moralAwards, approverLevel: moralRules.approverLevel, yearlyCap: moralRules.yearlyCap })
    .from(moralAwards)
    .innerJoin(moralRules, eq(moralRules.id, moralAwards.ruleId))
    .where(and(eq(moralAwards.id, id), like(moralAwards.communityCode, scopePattern(actor.scopeCode))))
    .for("update", { of: moralAwards });
  return row;
}

export async function decideMoralAward(db: Db, actor: Actor, input: { id: number; approve: boolean; reason?: string; version: number }): Promise<Result<{ status: string; version: number; balance?: number }>> {
  if (!input.approve && !input.reason?.trim()) return fail("invalid", "reason：驳回须填写原因", { fields: ["reason"] });
  try {
    return await db.transaction(async (tx) => {
      const row = await awardInScope(tx, actor, input.id);
      if (!row) return fail("not_found", "道德积分申请不存在或不在您的权限范围内");
      if (!canApprove(actor, row.approverLevel, row.a.communityCode)) return fail("forbidden", row.approverLevel === "city" ? "该规则须由市文明办审批" : "只有区（市）或市文明办可以审批");
      if (row.a.version !== input.version) return fail("stale", `该申请已被他人处理（当前版本 ${row.a.version}），请刷新后重试`, { currentVersion: row.a.version });
      if (row.a.status !== "pending") return fail("invalid", "只有待审批的申请可以审批");
      if (!input.approve) {
        await tx.update(moralAwards).set({ status: "rejected", rejectReason: input.reason!.trim(), decidedBy: actor.id, decidedAt: new Date(), version: sql`${moralAwards.version} + 1` }).where(and(eq(moralAwards.id, row.a.id), eq(moralAwards.version, row.a.version)));
        await writeAudit(tx, { ...audit(actor), action: "moral.award_reject", objectType: "moral_award", objectId: row.a.id, summary: { reason: input.reason } });
        return { ok: true as const, status: "rejected", version: row.a.version + 1 };
      }
      // The cap: lock the volunteer, then count this year's approved points under the rule (all versions).
      await tx.select({ id: volunteers.id }).from(volunteers).where(eq(volunteers.id, row.a.volunteerId)).for("update");
      const [sum] = await tx
        .select({ total: sql<string>`coalesce(sum(${moralAwards.points}), 0)` })
        .from(moralAwards)
        .where(and(eq(moralAwards.volunteerId, row.a.volunteerId), eq(moralAwards.ruleKey, row.a.ruleKey), eq(moralAwards.year, row.a.year), eq(moralAwards.status, "approved")));
      const cap = capCheck(row.yearlyCap, Number(sum?.total ?? 0), row.a.points);
      if (!cap.ok) return fail("over_cap", `超过该规则的年度上限：上限 ${cap.cap} 分，今年已获 ${cap.total} 分，本次 ${row.a.points} 分`, { extra: { cap: cap.cap, total: cap.total, points: row.a.points } });
      await tx.update(moralAwards).set({ status: "approved", decidedBy: actor.id, decidedAt: new Date(), version: sql`${moralAwards.version} + 1` }).where(and(eq(moralAwards.id, row.a.id), eq(moralAwards.version, row.a.version)));
      const p = await postPoints(tx, { volunteerId: row.a.volunteerId, amount: row.a.points, kind: "moral", communityCode: row.a.communityCode, dedupeKey: `moral:a:${row.a.id}`, note: `道德积分 #${row.a.id}`, createdBy: actor.id });
      await writeAudit(tx, { ...audit(actor), action: "moral.award_approve", objectType: "moral_award", objectId: row.a.id, summary: { points: row.a.points, volunteerId: row.a.volunteerId } });
      return { ok: true as const, status: "approved", version: row.a.version + 1, balance: p.posted ? p.balance : undefined };
    });
  } catch (e) {
    if (e instanceof DomainError) return fail(e.code, e.message);
    throw e;
  }
}

export async function reverseMoralAward(db: Db, actor: Actor, input: { id: number; reason: string; version: number }): Promise<Result<{ status: string; version: number }>> {
  try {
    return await db.transaction(async (tx) => {
      const row = await awardInScope(tx, actor, input.id);
      if (!row) return fail("not_found", "道德积分申请不存在或不在您的权限范围内");
      if (!canApprove(actor, row.approverLevel, row.a.communityCode)) return fail("forbidden", "只有审批单位可以撤销");
      if (row.a.version !== input.version) return fail("stale", `该申请已被他人处理（当前版本 ${row.a.version}），请刷新后重试`, { currentVersion: row.a.version });
      if (row.a.status !== "approved") return fail("invalid", "只有已批准的道德积分可以撤销");
      await tx.update(moralAwards).set({ status: "reversed", reversedBy: actor.id, reversedAt: new Date(), reverseReason: input.reason.trim(), version: sql`${moralAwards.version} + 1` }).where(and(eq(moralAwards.id, row.a.id), eq(moralAwards.version, row.a.version)));
      await postPoints(tx, { volunteerId: row.a.volunteerId, amount: -row.a.points, kind: "moral", communityCode: row.a.communityCode, dedupeKey: `moral:a:${row.a.id}:reverse`, note: `撤销道德积分 #${row.a.id}：${input.reason.trim()}`, createdBy: actor.id });
      await writeAudit(tx, { ...audit(actor), action: "moral.award_reverse", objectType: "moral_award", objectId: row.a.id, summary: { reason: input.reason } });
      return { ok: true as const, status: "reversed", version: row.a.version + 1 };
    });
  } catch (e) {
    if (e instanceof InsufficientPointsError) return fail("insufficient_points", `积分已被兑换，无法撤销：${e.message}`);
    throw e;
  }
}

export async function listMoralAwards(db: Db, actor: Actor, { status }: { status?: string } = {}) {
  return db
    .select({
      id: moralAwards.id,
      ruleId: moralAwards.ruleId,
      rule: moralRules.name,
      category: moralRules.category,
      volunteerId: moralAwards.volunteerId,
      volunteerName: volunteers.name,
      volunteerNo: volunteers.volunteerNo,
      points: moralAwards.points,
      note: moralAwards.note,
      status: moralAwards.status,
      rejectReason: moralAwards.rejectReason,
      reverseReason: moralAwards.reverseReason,
      proposedAt: moralAwards.proposedAt,
      version: moralAwards.version,
    })
    .from(moralAwards)
    .innerJoin(moralRules, eq(moralRules.id, moralAwards.ruleId))
    .innerJoin(volunteers, eq(volunteers.id, moralAwards.volunteerId))
    .where(and(like(moralAwards.communityCode, scopePattern(actor.scopeCode)), sql`${volunteerScopeSql(actor, "volunteers")}`, status ? eq(moralAwards.status, status) : undefined))
    .orderBy(desc(moralAwards.id))
    .limit(200);
}
