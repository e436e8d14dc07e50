import "server-only";
/** Reads for the time-bank pages and API: `fn(db, actor, input)`, the scope in every WHERE. */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { organizations, partners, pointAccounts, pointEntries, redemptions, rewards, volunteers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { scopePattern } from "@/lib/auth/rules";
import { volunteerScopeSql } from "@/lib/auth/scope";
import { hoursToNextStar } from "@/lib/volunteers/rules";

/**
 * Rewards an actor can see: offered under their scope, or by a region above it (city/district-wide)
 * — and an organization's own rewards only by that organization's admin and the staff above it,
 * never by another organization.
 */
export function rewardReach(actor: Pick<Actor, "scopeCode" | "role" | "organizationId">) {
  const region = sql`(${rewards.regionCode} LIKE ${scopePattern(actor.scopeCode)} OR ${actor.scopeCode} LIKE ${rewards.regionCode} || '%')`;
  if (actor.role !== "org_admin") return region;
  return sql`(${region} AND (${rewards.organizationId} IS NULL OR ${rewards.organizationId} = ${actor.organizationId ?? -1}))`;
}

/** Which volunteers' redemptions an actor sees: those of the volunteers it may act on. */
export function redemptionReach(actor: Actor) {
  return sql`EXISTS (SELECT 1 FROM volunteers rv WHERE rv.id = ${redemptions.volunteerId} AND ${volunteerScopeSql(actor, "rv")})`;
}

export async function listRewards(db: Queryable, actor: Actor, opts: { activeOnly?: boolean; openTo?: string } = {}) {
  const conds = [rewardReach(actor)];
  if (opts.activeOnly) conds.push(eq(rewards.active, true));
  if (opts.openTo) conds.push(sql`${opts.openTo} LIKE ${rewards.regionCode} || '%'`);
  return db
    .select({
      id: rewards.id,
      name: rewards.name,
      kind: rewards.kind,
      cost: rewards.costPoints,
      stock: rewards.stock,
      regionCode: rewards.regionCode,
      description: rewards.description,
      active: rewards.active,
      version: rewards.version,
      partnerId: rewards.partnerId,
      partnerName: partners.name,
      organizationId: rewards.organizationId,
      organizationName: organizations.name,
      redeemed: sql<number>`(SELECT count(*)::int FROM redemptions r WHERE r.reward_id = "rewards"."id" AND r.status <> 'cancelled')`,
    })
    .from(rewards)
    .leftJoin(partners, eq(partners.id, rewards.partnerId))
    .leftJoin(organizations, eq(organizations.id, rewards.organizationId))
    .where(and(...conds))
    .orderBy(desc(rewards.active), asc(rewards.costPoints), asc(rewards.id))
    .limit(500);
}
export type RewardRow = Awaited<ReturnType<typeof listRewards>>[number];

/**
 * The public 找活动 page's rewards for a street: active, published for the region (an organization's
 * own rewards are for its members, redeemed through staff), open to volunteers living there.
 */
export async function listPublicRewards(db: Queryable, { streetCode }: { streetCode: string }) {
  return db
    .select({ id: rewards.id, name: rewards.name, kind: rewards.kind, cost: rewards.costPoints, stock: rewards.stock, description: rewards.description, partnerName: partners.name })
    .from(rewards)
    .leftJoin(partners, eq(partners.id, rewards.partnerId))
    .where(and(eq(rewards.active, true), sql`${rewards.organizationId} IS NULL`, sql`(${rewards.regionCode} LIKE ${scopePattern(streetCode)} OR ${streetCode} LIKE ${rewards.regionCode} || '%')`))
    .orderBy(asc(rewards.costPoints), asc(rewards.id))
    .limit(500);
}

export async function getReward(db: Queryable, actor: Actor, { id }: { id: number }) {
  const [r] = await db.select().from(rewards).where(and(eq(rewards.id, id), rewardReach(actor))).limit(1);
  return r ?? null;
}

export async function partnersInScope(db: Queryable, actor: Actor) {
  return db
    .select({ id: partners.id, name: partners.name })
    .from(partners)
    .where(sql`${partners.regionCode} LIKE ${scopePattern(actor.scopeCode)} OR ${actor.scopeCode} LIKE ${partners.regionCode} || '%'`)
    .orderBy(asc(partners.name))
    .limit(300);
}

/**
 * A volunteer's account: balance, the ledger (newest first), hours and star — null when the actor
 * may not act on the volunteer (volunteerScopeSql: an org admin only its members).
 */
export async function getVolunteerPoints(db: Queryable, actor: Actor, { volunteerId, limit = 100 }: { volunteerId: number; limit?: number }) {
  const [v] = await db
    .select({ id: volunteers.id, name: volunteers.name, volunteerNo: volunteers.volunteerNo, communityCode: volunteers.communityCode, verifiedHours: volunteers.verifiedHours, starLevel: volunteers.starLevel, balance: pointAccounts.balance })
    .from(volunteers)
    .leftJoin(pointAccounts, eq(pointAccounts.volunteerId, volunteers.id))
    .where(and(eq(volunteers.id, volunteerId), volunteerScopeSql(actor, `"volunteers"`)))
    .limit(1);
  if (!v) return null;
  const entries = await db
    .select({ id: pointEntries.id, amount: pointEntries.amount, kind: pointEntries.kind, note: pointEntries.note, createdAt: pointEntries.createdAt, serviceRecordId: pointEntries.serviceRecordId, redemptionId: pointEntries.redemptionId })
    .from(pointEntries)
    .where(eq(pointEntries.volunteerId, v.id))
    .orderBy(desc(pointEntries.id))
    .limit(limit);
  const hours = Number(v.verifiedHours);
  return { volunteer: { id: v.id, name: v.name, volunteerNo: v.volunteerNo, communityCode: v.communityCode }, balance: v.balance ?? 0, verifiedHours: hours, starLevel: v.starLevel, hoursToNextStar: hoursToNextStar(hours), entries };
}

export async function listRedemptions(db: Queryable, actor: Actor, opts: { volunteerId?: number; status?: string; limit?: number } = {}) {
  const conds = [sql`${redemptions.communityCode} LIKE ${scopePattern(actor.scopeCode)}`, redemptionReach(actor)];
  if (opts.volunteerId) conds.push(eq(redemptions.volunteerId, opts.volunteerId));
  if (opts.status) conds.push(sql`${redemptions.status} = ${opts.status}`);
  return db
    .select({
      id: redemptions.id,
      volunteerId: redemptions.volunteerId,
      volunteerName: volunteers.name,
      volunteerNo: volunteers.volunteerNo,
      rewardName: rewards.name,
      points: redemptions.points,
      pickupCode: redemptions.pickupCode,
      status: redemptions.status,
      channel: redemptions.channel,
      createdAt: redemptions.createdAt,
    })
    .from(redemptions)
    .innerJoin(volunteers, eq(volunteers.id, redemptions.volunteerId))
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
    .where(and(...conds))
    .orderBy(desc(redemptions.id))
    .limit(opts.limit ?? 50);
}
