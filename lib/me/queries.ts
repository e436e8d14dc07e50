import "server-only";
/**
 * What a signed-in volunteer reads about themselves (/me and GET /api/v1/me…). Every query is
 * scoped by the session's volunteer id in its WHERE clause — a volunteer session sees one person.
 */
import { and, count, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, certificates, enrolments, organizations, pointAccounts, pointEntries, redemptions, rewards, serviceRecords, volunteers } from "@/db/schema";
import { verifyPath } from "@/lib/certificates/verify";
import { decryptPii } from "@/lib/volunteers/pii";
import { maskIdCard, maskPhone, SECTOR_KEYS, type SectorKey } from "@/lib/volunteers/rules";
import { starProgress } from "./rules";
import type { VolunteerActor } from "@/lib/auth/volunteer-session";

export const ME_PAGE_SIZE = 20;

export interface MeSummary {
  volunteerNo: string;
  name: string;
  /** Unmasked only when it is the phone the volunteer signed in with (it always is, unless changed elsewhere). */
  phone: string;
  idCard: string;
  communityCode: string;
  starLevel: number;
  star: { next: number | null; hoursToNext: number | null; percent: number };
  hours: { verified: number; pending: number };
  points: { balance: number; hours: number; moral: number; dispatch: number; adjust: number; redeemed: number };
  sectorIntentions: SectorKey[];
}

export async function getMe(db: Db, me: VolunteerActor): Promise<MeSummary | null> {
  const [v] = await db.select().from(volunteers).where(eq(volunteers.id, me.volunteerId)).limit(1);
  if (!v) return null;
  const [pending] = await db
    .select({ h: sql<string>`coalesce(sum(${serviceRecords.hours}), 0)` })
    .from(serviceRecords)
    .where(and(eq(serviceRecords.volunteerId, v.id), eq(serviceRecords.status, "pending")));
  const byKind = await db
    .select({ kind: pointEntries.kind, sum: sql<string>`sum(${pointEntries.amount})` })
    .from(pointEntries)
    .where(eq(pointEntries.volunteerId, v.id))
    .groupBy(pointEntries.kind);
  const k = (kinds: string[]) => byKind.filter((r) => kinds.includes(r.kind)).reduce((s, r) => s + Number(r.sum), 0);
  const [acc] = await db.select({ balance: pointAccounts.balance }).from(pointAccounts).where(eq(pointAccounts.volunteerId, v.id));
  const verified = Number(v.verifiedHours);
  const phone = v.phoneHash === me.phoneHash ? decryptPii(v.phoneEnc) : maskPhone(v.phoneLast4);
  return {
    volunteerNo: v.volunteerNo,
    name: v.name,
    phone,
    idCard: maskIdCard(v.idPrefix, v.idLast4),
    communityCode: v.communityCode,
    starLevel: v.starLevel,
    star: starProgress(verified, v.starLevel),
    hours: { verified, pending: Number(pending?.h ?? 0) },
    points: {
      balance: acc?.balance ?? 0,
      hours: k(["earn", "reverse"]),
      moral: k(["moral", "moral_reverse"]),
      dispatch: k(["dispatch_reward"]),
      adjust: k(["adjust"]),
      redeemed: -k(["redeem", "refund"]) || 0,
    },
    sectorIntentions: v.sectorIntentions.filter((s): s is SectorKey => (SECTOR_KEYS as readonly string[]).includes(s)),
  };
}

export interface Paged<T> {
  rows: T[];
  page: number;
  pageSize: number;
  total: number;
  pages: number;
}

const paged = <T,>(rows: T[], page: number, total: number): Paged<T> => ({ rows, page, pageSize: ME_PAGE_SIZE, total, pages: Math.max(1, Math.ceil(total / ME_PAGE_SIZE)) });

export async function listMyRecords(db: Db, me: VolunteerActor, { page = 1 }: { page?: number }) {
  const where = eq(serviceRecords.volunteerId, me.volunteerId);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(serviceRecords).where(where);
  const rows = await db
    .select({
      id: serviceRecords.id,
      serviceDate: serviceRecords.serviceDate,
      hours: serviceRecords.hours,
      status: serviceRecords.status,
      rejectReason: serviceRecords.rejectReason,
      activity: activities.title,
      organization: organizations.name,
    })
    .from(serviceRecords)
    .leftJoin(activities, eq(activities.id, serviceRecords.activityId))
    .leftJoin(organizations, eq(organizations.id, serviceRecords.organizationId))
    .where(where)
    .orderBy(desc(serviceRecords.serviceDate), desc(serviceRecords.id))
    .limit(ME_PAGE_SIZE)
    .offset((page - 1) * ME_PAGE_SIZE);
  return paged(
    rows.map((r) => ({ ...r, hours: Number(r.hours) })),
    page,
    n,
  );
}

export async function listMyPoints(db: Db, me: VolunteerActor, { page = 1 }: { page?: number }) {
  const where = eq(pointEntries.volunteerId, me.volunteerId);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(pointEntries).where(where);
  const rows = await db
    .select({ id: pointEntries.id, kind: pointEntries.kind, amount: pointEntries.amount, note: pointEntries.note, createdAt: pointEntries.createdAt })
    .from(pointEntries)
    .where(where)
    .orderBy(desc(pointEntries.id))
    .limit(ME_PAGE_SIZE)
    .offset((page - 1) * ME_PAGE_SIZE);
  return paged(rows, page, n);
}

export async function listMyEnrolments(db: Db, me: VolunteerActor, { page = 1, now = new Date() }: { page?: number; now?: Date }) {
  const where = eq(enrolments.volunteerId, me.volunteerId);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(enrolments).where(where);
  const rows = await db
    .select({
      activityId: activities.id,
      title: activities.title,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      address: activities.address,
      activityStatus: activities.status,
      status: enrolments.status,
      checkedInAt: enrolments.checkedInAt,
    })
    .from(enrolments)
    .innerJoin(activities, eq(activities.id, enrolments.activityId))
    .where(where)
    .orderBy(desc(activities.startsAt))
    .limit(ME_PAGE_SIZE)
    .offset((page - 1) * ME_PAGE_SIZE);
  return paged(
    rows.map((r) => ({ ...r, cancellable: r.status === "enrolled" && !r.checkedInAt && r.activityStatus !== "cancelled" && r.startsAt.getTime() > now.getTime() })),
    page,
    n,
  );
}

export async function listMyRedemptions(db: Db, me: VolunteerActor) {
  return db
    .select({ id: redemptions.id, reward: rewards.name, points: redemptions.points, pickupCode: redemptions.pickupCode, status: redemptions.status, createdAt: redemptions.createdAt })
    .from(redemptions)
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
    .where(eq(redemptions.volunteerId, me.volunteerId))
    .orderBy(desc(redemptions.id))
    .limit(50);
}

export async function listMyCertificates(db: Db, me: VolunteerActor) {
  const rows = await db
    .select({ id: certificates.id, number: certificates.number, verifyCode: certificates.verifyCode, hours: certificates.hours, periodFrom: certificates.periodFrom, periodTo: certificates.periodTo, issuerName: certificates.issuerName, issuedAt: certificates.issuedAt })
    .from(certificates)
    .where(eq(certificates.volunteerId, me.volunteerId))
    .orderBy(desc(certificates.id))
    .limit(50);
  return rows.map(({ verifyCode, ...r }) => ({ ...r, hours: Number(r.hours), verifyUrl: verifyPath(r.number, verifyCode) }));
}

/** One of the volunteer's own certificates (the stored snapshot), or null. */
export async function getMyCertificate(db: Db, me: VolunteerActor, { id }: { id: number }) {
  const [c] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.id, id), eq(certificates.volunteerId, me.volunteerId)))
    .limit(1);
  return c ?? null;
}
