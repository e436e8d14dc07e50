/**
 * The volunteer's own side on the seeded database (PGlite and PostgreSQL): sign-in by a code read
 * from the SMS outbox (same answer for an unregistered number, a used or wrong code refused), the
 * session scoped to one volunteer, what /me and GET /api/v1/me show, cancelling an enrolment before
 * the start only, and a phone change by a code sent to the new number.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { activities, enrolments, organizations, phoneCodes, serviceRecords, volunteerSessions, volunteers } from "@/db/schema";
import { requestSignInCode, signIn } from "@/lib/me/auth";
import { getMe, listMyEnrolments, listMyPoints, listMyRecords } from "@/lib/me/queries";
import { cancelMyEnrolment, confirmPhoneChange, requestPhoneChange } from "@/lib/me/service";
import { endVolunteerSession, resolveVolunteerSession } from "@/lib/auth/volunteer-session";
import { lastOutboxCode, readOutbox } from "@/lib/sms";
import { issueCode } from "@/lib/timebank/phone-code";
import { decryptPii, piiHash } from "@/lib/volunteers/pii";
import { testDb } from "../support/db";

let db: Db;
let vol: { id: number; communityCode: string; phone: string };

beforeAll(async () => {
  db = await testDb();
  const [v] = await db
    .select({ id: volunteers.id, communityCode: volunteers.communityCode, enc: volunteers.phoneEnc })
    .from(volunteers)
    .where(and(eq(volunteers.status, "active"), sql`${volunteers.communityCode} LIKE '370285001%'`, sql`exists (select 1 from ${serviceRecords} where ${serviceRecords.volunteerId} = ${volunteers.id})`))
    .orderBy(volunteers.id)
    .offset(5)
    .limit(1);
  vol = { id: v!.id, communityCode: v!.communityCode, phone: decryptPii(v!.enc) };
});

async function signedIn() {
  await db.delete(phoneCodes).where(eq(phoneCodes.phoneHash, piiHash(vol.phone)));
  await issueCode(db, { phone: vol.phone, purpose: "me_login" });
  const r = await signIn(db, { phone: vol.phone, code: (await lastOutboxCode(vol.phone))!, ip: "127.0.0.1" });
  if (!r.ok) throw new Error(r.message);
  return { token: r.token, me: (await resolveVolunteerSession(db, r.token, "127.0.0.1"))! };
}

describe("volunteer sign-in by phone", () => {
  it("sends a code only to a registered number, answers the same for both, and signs in once with it", async () => {
    const stranger = "13912345670";
    expect(await requestSignInCode(db, { phone: stranger })).toEqual({ ok: true });
    expect(await readOutbox(stranger)).toEqual([]);
    expect(await requestSignInCode(db, { phone: vol.phone })).toEqual({ ok: true });
    const code = (await lastOutboxCode(vol.phone))!;
    expect(code).toMatch(/^\d{6}$/);
    const [row] = await db.select({ h: phoneCodes.codeHash }).from(phoneCodes).where(eq(phoneCodes.phoneHash, piiHash(vol.phone))).orderBy(sql`${phoneCodes.id} desc`).limit(1);
    expect(row!.h).not.toContain(code); // hashed at rest
    // A second request within the minute is refused for this number (per-phone limit).
    const again = await requestSignInCode(db, { phone: vol.phone });
    expect(again.ok).toBe(false);
    const wrong = code === "000000" ? "111111" : "000000";
    const bad = await signIn(db, { phone: vol.phone, code: wrong, ip: "127.0.0.1" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toBe("验证码错误或已过期，请重新获取");
    const ok = await signIn(db, { phone: vol.phone, code, ip: "127.0.0.1" });
    expect(ok.ok).toBe(true);
    const reused = await signIn(db, { phone: vol.phone, code, ip: "127.0.0.1" });
    expect(reused.ok).toBe(false);
    if (!ok.ok) return;
    const me = await resolveVolunteerSession(db, ok.token, null);
    expect(me).toMatchObject({ role: "volunteer", volunteerId: vol.id });
    expect(await resolveVolunteerSession(db, `${ok.token}x`, null)).toBeNull();
    await endVolunteerSession(db, ok.token);
    expect(await resolveVolunteerSession(db, ok.token, null)).toBeNull();
  });

  it("a code is dead after 5 wrong tries, even the right one", async () => {
    await db.delete(phoneCodes).where(eq(phoneCodes.phoneHash, piiHash(vol.phone)));
    await issueCode(db, { phone: vol.phone, purpose: "me_login" });
    const code = (await lastOutboxCode(vol.phone))!;
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) expect((await signIn(db, { phone: vol.phone, code: wrong, ip: null })).ok).toBe(false);
    expect((await signIn(db, { phone: vol.phone, code, ip: null })).ok).toBe(false);
  });

  it("a session idle too long ends for good", async () => {
    const { token, me } = await signedIn();
    await db.update(volunteerSessions).set({ lastSeenAt: new Date(Date.now() - 3 * 3_600_000) }).where(eq(volunteerSessions.id, me.sessionId));
    expect(await resolveVolunteerSession(db, token, null)).toBeNull();
    await db.update(volunteerSessions).set({ lastSeenAt: new Date() }).where(eq(volunteerSessions.id, me.sessionId));
    expect(await resolveVolunteerSession(db, token, null)).toBeNull();
  });
});

describe("/me", () => {
  it("shows the volunteer's own hours, points split and records, the signed-in phone unmasked and the ID masked", async () => {
    const { me } = await signedIn();
    const s = (await getMe(db, me))!;
    const [v] = await db.select().from(volunteers).where(eq(volunteers.id, vol.id));
    expect(s.volunteerNo).toBe(v!.volunteerNo);
    expect(s.hours.verified).toBe(Number(v!.verifiedHours));
    const [p] = await db.select({ h: sql<string>`coalesce(sum(${serviceRecords.hours}),0)` }).from(serviceRecords).where(and(eq(serviceRecords.volunteerId, vol.id), eq(serviceRecords.status, "pending")));
    expect(s.hours.pending).toBe(Number(p!.h));
    expect(s.points.balance).toBe(s.points.hours + s.points.moral + s.points.dispatch + s.points.adjust - s.points.redeemed);
    expect(s.phone).toBe(vol.phone);
    expect(s.idCard).toContain("*");
    const recs = await listMyRecords(db, me, { page: 1 });
    const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(serviceRecords).where(eq(serviceRecords.volunteerId, vol.id))) as [{ n: number }];
    expect(recs.total).toBe(n);
    expect(recs.rows.every((r) => ["pending", "verified", "rejected"].includes(r.status))).toBe(true);
    const pts = await listMyPoints(db, me, { page: 1 });
    if (pts.total <= pts.pageSize) expect(pts.rows.reduce((a, r) => a + r.amount, 0)).toBe(s.points.balance);
    else expect(pts.rows).toHaveLength(pts.pageSize);
  });

  it("cancels an enrolment before the activity starts, not after", async () => {
    const { me } = await signedIn();
    const [org] = await db.select({ id: organizations.id }).from(organizations).limit(1);
    const mk = async (title: string, startsAt: Date) => {
      const [a] = await db
        .insert(activities)
        .values({ title, organizationId: org!.id, sector: "elderly", regionCode: vol.communityCode, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), capacity: 5 })
        .returning({ id: activities.id });
      await db.insert(enrolments).values({ activityId: a!.id, volunteerId: vol.id });
      return a!.id;
    };
    const future = await mk("我的报名 未来", new Date(Date.now() + 86_400_000));
    const past = await mk("我的报名 已开始", new Date(Date.now() - 3_600_000));
    const list = await listMyEnrolments(db, me, { page: 1 });
    expect(list.rows.find((r) => r.activityId === future)?.cancellable).toBe(true);
    expect(list.rows.find((r) => r.activityId === past)?.cancellable).toBe(false);
    expect(await cancelMyEnrolment(db, me, { activityId: future })).toEqual({ ok: true });
    const late = await cancelMyEnrolment(db, me, { activityId: past });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.message).toBe("活动已开始，不能再取消报名");
    const rows = await db.select({ a: enrolments.activityId, s: enrolments.status }).from(enrolments).where(eq(enrolments.volunteerId, vol.id));
    expect(rows.find((r) => r.a === future)?.s).toBe("cancelled");
    expect(rows.find((r) => r.a === past)?.s).toBe("enrolled");
  });

  it("changes the phone only with the code sent to the new number; the old number no longer signs in", async () => {
    const { me, token } = await signedIn();
    const same = await requestPhoneChange(db, me, { phone: vol.phone });
    expect(same.ok).toBe(false);
    const fresh = `139${String(vol.id).padStart(8, "0")}`.slice(0, 11);
    expect((await requestPhoneChange(db, me, { phone: fresh })).ok).toBe(true);
    const code = (await lastOutboxCode(fresh))!;
    expect((await confirmPhoneChange(db, me, { phone: fresh, code: code === "000000" ? "111111" : "000000" })).ok).toBe(false);
    expect(await confirmPhoneChange(db, me, { phone: fresh, code })).toEqual({ ok: true });
    const [v] = await db.select({ h: volunteers.phoneHash, l4: volunteers.phoneLast4 }).from(volunteers).where(eq(volunteers.id, vol.id));
    expect(v!.h).toBe(piiHash(fresh));
    expect(v!.l4).toBe(fresh.slice(-4));
    const still = await resolveVolunteerSession(db, token, null);
    expect(still?.volunteerId).toBe(vol.id);
    expect((await getMe(db, still!))!.phone).toBe(fresh);
    const old = vol.phone;
    vol.phone = fresh;
    await issueCode(db, { phone: old, purpose: "me_login" });
    expect((await signIn(db, { phone: old, code: (await lastOutboxCode(old))!, ip: null })).ok).toBe(false);
  });
});
