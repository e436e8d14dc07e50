import "server-only";
/**
 * What a signed-in volunteer changes about themselves: cancel an enrolment before the activity
 * starts, sector intentions, the phone number (after a code sent to the new number). Each write is
 * scoped by the session's volunteer id in its WHERE clause and audited in its transaction.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, enrolments, volunteerSessions, volunteers } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import { fail, type Result } from "@/lib/http";
import { consumeCode, issueCode } from "@/lib/timebank/phone-code";
import { encryptPii, piiHash } from "@/lib/volunteers/pii";
import { type SectorKey } from "@/lib/volunteers/rules";
import type { VolunteerActor } from "@/lib/auth/volunteer-session";

const who = (me: VolunteerActor) => ({ userId: null, username: `volunteer:${me.volunteerId}`, role: "volunteer", ip: me.ip });

export async function cancelMyEnrolment(db: Db, me: VolunteerActor, { activityId, now = new Date() }: { activityId: number; now?: Date }): Promise<Result> {
  return db.transaction(async (tx) => {
    const [a] = await tx.select({ id: activities.id, startsAt: activities.startsAt }).from(activities).where(eq(activities.id, activityId)).limit(1);
    const r = await tx
      .update(enrolments)
      .set({ status: "cancelled" })
      .where(
        and(
          eq(enrolments.activityId, activityId),
          eq(enrolments.volunteerId, me.volunteerId),
          eq(enrolments.status, "enrolled"),
          isNull(enrolments.checkedInAt),
          sql`exists (select 1 from ${activities} where ${activities.id} = ${enrolments.activityId} and ${activities.startsAt} > ${now.toISOString()}::timestamptz)`,
        ),
      )
      .returning({ a: enrolments.activityId });
    if (!r.length) {
      if (!a) return fail("not_found", "报名记录不存在");
      return fail("invalid", a.startsAt <= now ? "活动已开始，不能再取消报名" : "没有可取消的报名（可能已取消或已签到）");
    }
    await writeAudit(tx, { ...who(me), action: "me.enrolment_cancel", objectType: "activity", objectId: activityId });
    return { ok: true };
  });
}

export async function setMyIntentions(db: Db, me: VolunteerActor, { sectors }: { sectors: SectorKey[] }): Promise<Result> {
  return db.transaction(async (tx) => {
    await tx
      .update(volunteers)
      .set({ sectorIntentions: [...new Set(sectors)], updatedAt: new Date(), version: sql`${volunteers.version} + 1` })
      .where(eq(volunteers.id, me.volunteerId));
    await writeAudit(tx, { ...who(me), action: "me.intentions", objectType: "volunteer", objectId: me.volunteerId, summary: { sectors } });
    return { ok: true };
  });
}

/** Step 1 of a phone change: a code to the NEW number (refused if it is the current one). */
export async function requestPhoneChange(db: Db, me: VolunteerActor, { phone }: { phone: string }): Promise<Result> {
  const ph = piiHash(phone);
  const [v] = await db.select({ phoneHash: volunteers.phoneHash }).from(volunteers).where(eq(volunteers.id, me.volunteerId));
  if (v?.phoneHash === ph) return fail("invalid", "新手机号：与当前手机号相同", { fields: ["phone"] });
  await issueCode(db, { phone, purpose: "me_phone" });
  return { ok: true };
}

/** Step 2: the code sent to the new number → the volunteer's phone is changed, other sessions end. */
export async function confirmPhoneChange(db: Db, me: VolunteerActor, { phone, code }: { phone: string; code: string }): Promise<Result> {
  if (!(await consumeCode(db, { phone, code, purpose: "me_phone" }))) return fail("invalid_code", "验证码：错误或已过期，请重新获取", { fields: ["code"] });
  const ph = piiHash(phone);
  const [taken] = await db.select({ id: volunteers.id }).from(volunteers).where(and(eq(volunteers.phoneHash, ph), sql`${volunteers.id} <> ${me.volunteerId}`)).limit(1);
  if (taken) return fail("invalid", "新手机号：已绑定其他志愿者，请到所在社区志愿服务站办理", { fields: ["phone"] });
  return db.transaction(async (tx) => {
    await tx
      .update(volunteers)
      .set({ phoneEnc: encryptPii(phone), phoneHash: ph, phoneLast4: phone.slice(-4), updatedAt: new Date(), version: sql`${volunteers.version} + 1` })
      .where(eq(volunteers.id, me.volunteerId));
    // This session now stands for the new number; every other session of the volunteer ends.
    await tx.update(volunteerSessions).set({ phoneHash: ph }).where(eq(volunteerSessions.id, me.sessionId));
    await tx
      .update(volunteerSessions)
      .set({ endedAt: new Date(), endReason: "phone_changed" })
      .where(and(eq(volunteerSessions.volunteerId, me.volunteerId), isNull(volunteerSessions.endedAt), sql`${volunteerSessions.id} <> ${me.sessionId}`));
    await writeAudit(tx, { ...who(me), action: "me.phone_change", objectType: "volunteer", objectId: me.volunteerId, summary: { last4: phone.slice(-4) } });
    return { ok: true };
  });
}
