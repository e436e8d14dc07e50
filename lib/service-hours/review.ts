/**
 * Verifying and rejecting service records: the one write path that moves verified hours. In one
 * transaction it changes the record (optimistic version check), the volunteer's verified hours and
 * star level, the points ledger (an earn entry, or a reversing entry — never an edit) and the
 * rollups the cockpit reads, and writes the audit entry.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pointAccounts, pointEntries, serviceRecords, volunteers } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { type Role, scopePattern } from "@/lib/auth/rules";
import { getNumberSetting } from "@/lib/campaign/queries";
import { fail, type Result } from "@/lib/http";
import { addToRollup } from "@/lib/metrics/rollup";
import { postPoints } from "@/lib/timebank/ledger";
import { starLevel } from "@/lib/volunteers/rules";
import { pointsForHours } from "./rules";

export type ReviewResult = Result<{ status: "verified" | "rejected"; version: number }>;

export { pointsForHours };

/** Roles that verify hours: the supervising street (街道办) or 文明办 (district/city). */
export function canReview(role: Role): boolean {
  return role === "street_officer" || role === "wmb_staff";
}

/**
 * Which records a reviewer may verify: those whose organization is supervised by a region under the
 * reviewer's scope (organizations.supervisor_code), or — for records without an organization — whose
 * volunteer lives under it.
 */
export function reviewReach(actor: Pick<Actor, "scopeCode">) {
  const like = scopePattern(actor.scopeCode);
  return sql`(CASE WHEN ${serviceRecords.organizationId} IS NULL THEN ${serviceRecords.communityCode} LIKE ${like}
    ELSE EXISTS (SELECT 1 FROM organizations o WHERE o.id = ${serviceRecords.organizationId} AND o.supervisor_code LIKE ${like}) END)`;
}

/** Reviews many records, each in its own transaction; reports which failed and why. */
export async function reviewMany(db: Db, reviewer: Actor, { items, to, reason }: { items: { id: number; version?: number }[]; to: "verified" | "rejected"; reason?: string }) {
  const done: number[] = [];
  const failed: { id: number; message: string }[] = [];
  for (const it of items) {
    const r = await reviewServiceRecord(db, reviewer, { id: it.id, version: it.version, to, reason });
    if (r.ok) done.push(it.id);
    else failed.push({ id: it.id, message: r.message });
  }
  return { done, failed };
}

export async function reviewServiceRecord(
  db: Db,
  reviewer: Actor,
  input: { id: number; to: "verified" | "rejected"; version?: number; reason?: string },
): Promise<ReviewResult> {
  if (input.to === "rejected" && !input.reason?.trim()) return fail("invalid", "驳回必须填写原因", { fields: ["reason"] });
  return db.transaction(async (tx) => {
    const [rec] = await tx
      .select()
      .from(serviceRecords)
      .where(and(eq(serviceRecords.id, input.id), reviewReach(reviewer)))
      .for("update");
    if (!rec) return fail("not_found", "服务记录不存在或不在您的权限范围内");
    if (input.version !== undefined && rec.version !== input.version) {
      return fail("conflict", "该记录已被他人修改，请刷新后重试", { currentVersion: rec.version });
    }
    if (rec.status === input.to) return fail("invalid", input.to === "verified" ? "该记录已认定" : "该记录已驳回");
    const hours = Number(rec.hours);
    const wasVerified = rec.status === "verified";
    const nowVerified = input.to === "verified";
    const [updated] = await tx
      .update(serviceRecords)
      .set({
        status: input.to,
        reviewedBy: reviewer.id,
        reviewedAt: new Date(),
        rejectReason: nowVerified ? null : input.reason!.trim(),
        version: sql`${serviceRecords.version} + 1`,
      })
      .where(and(eq(serviceRecords.id, rec.id), eq(serviceRecords.version, rec.version)))
      .returning({ version: serviceRecords.version });
    if (!updated) return fail("conflict", "该记录已被他人修改，请刷新后重试");

    const delta = nowVerified ? hours : wasVerified ? -hours : 0;
    if (delta !== 0) {
      const [v] = await tx
        .update(volunteers)
        .set({ verifiedHours: sql`${volunteers.verifiedHours} + ${delta}`, updatedAt: new Date() })
        .where(eq(volunteers.id, rec.volunteerId))
        .returning({ hours: volunteers.verifiedHours });
      await tx.update(volunteers).set({ starLevel: starLevel(Number(v!.hours)) }).where(eq(volunteers.id, rec.volunteerId));
      await addToRollup(tx, { day: rec.serviceDate, communityCode: rec.communityCode, sector: rec.sector, volunteerId: rec.volunteerId, verified_hours: delta, verified_records: delta > 0 ? 1 : -1 });

      // The ledger: earn on verification; a reversing entry when a verified record is rejected.
      const perHour = await getNumberSetting(tx, "points_per_hour", 10);
      const points = nowVerified ? pointsForHours(hours, perHour) : -(await earnedFor(tx, rec.id));
      if (points !== 0) {
        // A reversal may not drive the balance below zero (points already spent): reverse what is left.
        let amount = points;
        if (amount < 0) {
          const [acc] = await tx.select({ b: pointAccounts.balance }).from(pointAccounts).where(eq(pointAccounts.volunteerId, rec.volunteerId)).for("update");
          amount = -Math.min(-amount, acc?.b ?? 0);
        }
        if (amount !== 0) {
          const kind = amount > 0 ? "earn" : "reverse";
          await postPoints(tx, {
            volunteerId: rec.volunteerId,
            amount,
            kind,
            communityCode: rec.communityCode,
            serviceRecordId: rec.id,
            dedupeKey: `${kind}:sr:${rec.id}:v${updated.version}`,
            note: amount > 0 ? `服务时长 ${hours} 小时认定` : `服务记录驳回冲正：${input.reason ?? ""}`,
            createdBy: reviewer.id,
          });
        }
      }
    }
    await writeAudit(tx, {
      userId: reviewer.id,
      username: reviewer.username,
      role: reviewer.role,
      ip: reviewer.ip ?? null,
      action: input.to === "verified" ? "service_record.verify" : "service_record.reject",
      objectType: "service_record",
      objectId: rec.id,
      summary: { from: rec.status, to: input.to, hours, reason: input.reason ?? null },
    });
    return { ok: true as const, status: input.to, version: updated.version };
  });
}

/** Net points currently credited for one service record (earns minus reversals). */
async function earnedFor(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], serviceRecordId: number): Promise<number> {
  const [r] = await tx
    .select({ s: sql<string>`coalesce(sum(${pointEntries.amount}), 0)` })
    .from(pointEntries)
    .where(and(eq(pointEntries.serviceRecordId, serviceRecordId), sql`${pointEntries.kind} IN ('earn','reverse')`));
  return Number(r?.s ?? 0);
}
