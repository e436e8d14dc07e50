import "server-only";
/** Reads for the time-bank pages and API; the scope is in every WHERE. */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { partners, pointAccounts, pointEntries, redemptions, rewards, volunteers } from "@/db/schema";
import { hoursToNextStar } from "@/lib/volunteers/rules";

/** Rewards a user can see: offered under their scope, or by a region above it (city/district-wide). */
export function rewardReach(scopeCode: string) {
  return sql`(${rewards.regionCode} LIKE ${`${scopeCode}%`} OR ${scopeCode} LIKE ${rewards.regionCode} || '%')`;
}

export async function listRewards(db: Queryable, scopeCode: string, opts: { activeOnly?: boolean; openTo?: string } = {}) {
  const conds = [rewardReach(scopeCode)];
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
      redeemed: sql<number>`(SELECT count(*)::int FROM redemptions r WHERE r.reward_id = "rewards"."id" AND r.status <> 'cancelled')`,
    })
    .from(rewards)
    .leftJoin(partners, eq(partners.id, rewards.partnerId))
    .where(and(...conds))
    .orderBy(desc(rewards.active), asc(rewards.costPoints), asc(rewards.id))
    .limit(500);
}
export type RewardRow = Awaited<ReturnType<typeof listRewards>>[number];

export async function getReward(db: Queryable, scopeCode: string, id: number) {
  const [r] = await db.select().from(rewards).where(and(eq(rewards.id, id), rewardReach(scopeCode))).limit(1);
  return r ?? null;
}

export async function partnersInScope(db: Queryable, scopeCode: string) {
  return db
    .select({ id: partners.id, name: partners.name })
    .from(partners)
    .where(sql`${partners.regionCode} LIKE ${`${scopeCode}%`} OR ${scopeCode} LIKE ${partners.regionCode} || '%'`)
    .orderBy(asc(partners.name))
    .limit(300);
}

/** A volunteer's account: balance, the ledger (newest first), hours and star — null when out of scope. */
export async function getVolunteerPoints(db: Queryable, scopeCode: string, volunteerId: number, limit = 100) {
  const [v] = await db
    .select({ id: volunteers.id, name: volunteers.name, volunteerNo: volunteers.volunteerNo, communityCode: volunteers.communityCode, verifiedHours: volunteers.verifiedHours, starLevel: volunteers.starLevel, balance: pointAccounts.balance })
    .from(volunteers)
    .leftJoin(pointAccounts, eq(pointAccounts.volunteerId, volunteers.id))
    .where(and(eq(volunteers.id, volunteerId), sql`${volunteers.communityCode} LIKE ${`${scopeCode}%`}`))
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

export async function listRedemptions(db: Queryable, scopeCode: string, opts: { volunteerId?: number; status?: string; limit?: number } = {}) {
  const conds = [sql`${redemptions.communityCode} LIKE ${`${scopeCode}%`}`];
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
