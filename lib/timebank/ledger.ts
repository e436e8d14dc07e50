/**
 * The one way points move: an append-only ledger entry plus the account's cached balance, in the
 * caller's transaction. Every business event passes a `dedupeKey` unique to it ("earn:sr:42:v2",
 * "dispatch:d:7:v:311", "redeem:r:9"), so a retried posting inserts nothing and reports
 * `duplicate`. The balance CHECK (>= 0) makes the database refuse an overdraft; the row lock taken
 * by `UPDATE … SET balance = balance + $1` serializes concurrent postings for one volunteer.
 *
 * Rollups: earn/reverse/dispatch_reward/adjust/moral count as issued, redeem/refund as redeemed (negated),
 * on the day the entry is written — the same rule as RAW_ROLLUP_SOURCES in lib/metrics/rollup.ts.
 */
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { pointAccounts, pointEntries } from "@/db/schema";
import { addToRollup, cstDate } from "@/lib/metrics/rollup";

export type LedgerKind = "earn" | "reverse" | "redeem" | "refund" | "dispatch_reward" | "adjust" | "moral";

export interface Posting {
  volunteerId: number;
  /** Signed, non-zero whole points. */
  amount: number;
  kind: LedgerKind;
  /** The volunteer's home community (for rollups by region). */
  communityCode: string;
  dedupeKey: string;
  note?: string | null;
  createdBy?: number | null;
  serviceRecordId?: number | null;
  redemptionId?: number | null;
  demandId?: number | null;
}

export type PostResult = { posted: true; entryId: number; balance: number } | { posted: false; reason: "duplicate" };

const ISSUED: ReadonlySet<LedgerKind> = new Set(["earn", "reverse", "dispatch_reward", "adjust", "moral"]);

/** Raised when an entry would take a balance below zero (the CHECK refused it, or we saw it first). */
export class InsufficientPointsError extends Error {
  constructor(public readonly balance: number, public readonly needed: number) {
    super(`积分不足：余额 ${balance}，需要 ${needed}`);
  }
}

export async function postPoints(tx: Tx, p: Posting): Promise<PostResult> {
  if (!Number.isInteger(p.amount) || p.amount === 0) throw new Error(`ledger amount must be a non-zero integer, got ${p.amount}`);
  await tx.insert(pointAccounts).values({ volunteerId: p.volunteerId, balance: 0 }).onConflictDoNothing();
  // Lock the account first so concurrent postings for one volunteer queue here, not on the CHECK.
  const [acc] = await tx.select({ balance: pointAccounts.balance }).from(pointAccounts).where(eq(pointAccounts.volunteerId, p.volunteerId)).for("update");
  const balance = acc?.balance ?? 0;
  if (p.amount < 0 && balance + p.amount < 0) throw new InsufficientPointsError(balance, -p.amount);
  const [entry] = await tx
    .insert(pointEntries)
    .values({
      volunteerId: p.volunteerId,
      amount: p.amount,
      kind: p.kind,
      communityCode: p.communityCode,
      dedupeKey: p.dedupeKey,
      note: p.note ?? null,
      createdBy: p.createdBy ?? null,
      serviceRecordId: p.serviceRecordId ?? null,
      redemptionId: p.redemptionId ?? null,
      demandId: p.demandId ?? null,
    })
    .onConflictDoNothing({ target: pointEntries.dedupeKey })
    .returning({ id: pointEntries.id });
  if (!entry) return { posted: false, reason: "duplicate" };
  const [updated] = await tx
    .update(pointAccounts)
    .set({ balance: sql`${pointAccounts.balance} + ${p.amount}`, updatedAt: new Date() })
    .where(eq(pointAccounts.volunteerId, p.volunteerId))
    .returning({ balance: pointAccounts.balance });
  await addToRollup(tx, ISSUED.has(p.kind) ? { day: cstDate(), communityCode: p.communityCode, points_issued: p.amount } : { day: cstDate(), communityCode: p.communityCode, points_redeemed: -p.amount });
  return { posted: true, entryId: entry.id, balance: updated!.balance };
}
