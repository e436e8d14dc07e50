/**
 * The time bank under concurrency, on PostgreSQL: many redemptions at once, each in its own
 * transaction on its own pool connection, against ONE balance and ONE stock. Only the affordable
 * ones may succeed, the balance must equal the sum of the ledger entries, the stock never goes
 * negative and nothing is spent twice; the same idempotency key sent concurrently redeems once.
 *
 * PGlite is a single connection — every transaction runs one after the other — so it cannot show
 * any of this: the concurrent part is SKIPPED there (with a message) and RUNS when DATABASE_URL is
 * set (CI runs the integration suite on PostgreSQL). The sequential rules run on both.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, rows } from "@/db/client";
import { pointAccounts, pointEntries, redemptions, rewards, volunteers } from "@/db/schema";
import { cstDate } from "@/lib/metrics/rollup";
import type { Actor } from "@/lib/auth/actor";
import { postPoints } from "@/lib/timebank/ledger";
import { cancelRedemption, redeem } from "@/lib/timebank/redeem";
import { testDb, userFor } from "../support/db";

const ON_POSTGRES = !!process.env.DATABASE_URL;
if (!ON_POSTGRES) {
  console.warn("[timebank-concurrency] SKIPPED the concurrent redemption test: PGlite has a single connection and cannot run transactions in parallel. Set DATABASE_URL (CI does) to run it on PostgreSQL.");
}

let db: Db;
let actor: Actor;
let volunteer: { id: number; communityCode: string };
const madeRewards: number[] = [];
let run = 0;

async function newReward(cost: number, stock: number): Promise<number> {
  const [r] = await db.insert(rewards).values({ name: `并发测试奖品 ${Date.now()}-${++run}`, kind: "goods", costPoints: cost, stock, regionCode: volunteer.communityCode }).returning({ id: rewards.id });
  madeRewards.push(r!.id);
  return r!.id;
}

/** Sets the volunteer's balance to exactly `target` with one 'adjust' entry (through the ledger). */
async function setBalance(target: number) {
  await db.transaction(async (tx) => {
    const [acc] = await tx.select({ b: pointAccounts.balance }).from(pointAccounts).where(eq(pointAccounts.volunteerId, volunteer.id));
    const delta = target - (acc?.b ?? 0);
    if (delta !== 0) await postPoints(tx, { volunteerId: volunteer.id, amount: delta, kind: "adjust", communityCode: volunteer.communityCode, dedupeKey: `test:adjust:${volunteer.id}:${Date.now()}:${++run}`, note: "并发测试调整" });
  });
}

async function balanceAndSum() {
  const [acc] = await db.select({ b: pointAccounts.balance }).from(pointAccounts).where(eq(pointAccounts.volunteerId, volunteer.id));
  const [s] = await db.select({ s: sql<string>`coalesce(sum(${pointEntries.amount}), 0)` }).from(pointEntries).where(eq(pointEntries.volunteerId, volunteer.id));
  return { balance: acc?.b ?? 0, sum: Number(s?.s ?? 0) };
}

async function stockOf(id: number) {
  const [r] = await db.select({ s: rewards.stock }).from(rewards).where(eq(rewards.id, id));
  return r!.s;
}

/** Separate pool connections: one per concurrent request (PostgreSQL only). */
async function separatePool(size: number): Promise<{ db: Db; end: () => Promise<void> }> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const schema = await import("@/db/schema");
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: size });
  // open every connection first so the requests really start together
  const clients = await Promise.all(Array.from({ length: size }, () => pool.connect()));
  clients.forEach((c) => c.release());
  return { db: drizzle(pool, { schema }) as unknown as Db, end: () => pool.end() };
}

beforeAll(async () => {
  db = await testDb();
  const u = await userFor("laixi_wmb");
  actor = { id: u.id, username: u.username, role: u.role, scopeCode: u.scopeCode, organizationId: u.organizationId, ip: "127.0.0.1" };
  const [v] = await db.select({ id: volunteers.id, communityCode: volunteers.communityCode }).from(volunteers).where(sql`${volunteers.communityCode} LIKE '370285001%'`).orderBy(volunteers.id).limit(1);
  volunteer = v!;
});

afterAll(async () => {
  for (const id of madeRewards) await db.update(rewards).set({ active: false }).where(eq(rewards.id, id));
});

describe("redemption rules (both databases)", () => {
  it("debits once per idempotency key; a retry returns the first redemption", async () => {
    const reward = await newReward(30, 5);
    await setBalance(100);
    const key = `test-idem-${Date.now()}`;
    const a = await redeem(db, actor, { volunteerId: volunteer.id, rewardId: reward, idempotencyKey: key });
    const b = await redeem(db, actor, { volunteerId: volunteer.id, rewardId: reward, idempotencyKey: key });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.redemption.id).toBe(a.redemption.id);
    expect(b.replayed).toBe(true);
    expect(await stockOf(reward)).toBe(4);
    const bs = await balanceAndSum();
    expect(bs.balance).toBe(70);
    expect(bs.balance).toBe(bs.sum);
  });

  it("refuses an unaffordable or out-of-stock redemption and changes nothing", async () => {
    const dear = await newReward(500, 3);
    await setBalance(120);
    const r = await redeem(db, actor, { volunteerId: volunteer.id, rewardId: dear, idempotencyKey: `test-dear-${Date.now()}` });
    expect(r).toMatchObject({ ok: false, code: "insufficient_points" });
    expect(await stockOf(dear)).toBe(3);
    const empty = await newReward(10, 0);
    const e = await redeem(db, actor, { volunteerId: volunteer.id, rewardId: empty, idempotencyKey: `test-empty-${Date.now()}` });
    expect(e).toMatchObject({ ok: false, code: "out_of_stock" });
    const bs = await balanceAndSum();
    expect(bs).toEqual({ balance: 120, sum: 120 });
    const n = await db.select({ id: redemptions.id }).from(redemptions).where(and(eq(redemptions.volunteerId, volunteer.id), sql`${redemptions.rewardId} IN (${dear}, ${empty})`));
    expect(n).toHaveLength(0);
  });

  it("a volunteer outside the actor's scope is not found", async () => {
    const reward = await newReward(10, 5);
    const street = await userFor("wangcheng_street");
    const r = await redeem(db, street, { volunteerId: volunteer.id, rewardId: reward, idempotencyKey: `test-scope-${Date.now()}` });
    expect(r).toMatchObject({ ok: false, code: "not_found" });
  });

  it("cancelling returns the points (a refund entry) and the stock; rollups equal the raw ledger", async () => {
    const reward = await newReward(40, 2);
    await setBalance(100);
    const r = await redeem(db, actor, { volunteerId: volunteer.id, rewardId: reward, idempotencyKey: `test-cancel-${Date.now()}` });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await stockOf(reward)).toBe(1);
    expect((await balanceAndSum()).balance).toBe(60);
    const c = await cancelRedemption(db, actor, { id: r.redemption.id, reason: "志愿者不需要了" });
    expect(c.ok).toBe(true);
    expect(await stockOf(reward)).toBe(2);
    expect(await balanceAndSum()).toEqual({ balance: 100, sum: 100 });
    const again = await cancelRedemption(db, actor, { id: r.redemption.id, reason: "再次取消" });
    expect(again.ok).toBe(false);
    const refunds = await db.select().from(pointEntries).where(and(eq(pointEntries.redemptionId, r.redemption.id), eq(pointEntries.kind, "refund")));
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.amount).toBe(40);
    // the rollups for today's community row equal the definition from the raw ledger
    const day = cstDate();
    const [raw] = await rows<{ issued: string; redeemed: string }>(
      db,
      sql`SELECT coalesce(sum(amount) FILTER (WHERE kind IN ('earn','reverse','dispatch_reward','adjust','moral')), 0) AS issued,
                 coalesce(-sum(amount) FILTER (WHERE kind IN ('redeem','refund')), 0) AS redeemed
          FROM point_entries WHERE community_code = ${volunteer.communityCode} AND (created_at AT TIME ZONE 'Asia/Shanghai')::date = ${day}::date`,
    );
    const [roll] = await rows<{ issued: string; redeemed: string }>(
      db,
      sql`SELECT coalesce(sum(points_issued), 0) AS issued, coalesce(sum(points_redeemed), 0) AS redeemed FROM rollups
          WHERE region_code = ${volunteer.communityCode} AND grain = 'day' AND period = ${day}::date`,
    );
    expect(Number(roll!.issued)).toBe(Number(raw!.issued));
    expect(Number(roll!.redeemed)).toBe(Number(raw!.redeemed));
  });
});

describe.skipIf(!ON_POSTGRES)("concurrent redemptions on PostgreSQL", () => {
  const N = 40;

  it(`${N} parallel redemptions against one balance: only the affordable ones succeed`, async () => {
    const cost = 30;
    const affordable = 12;
    const reward = await newReward(cost, 25); // stock is not the limit here
    await setBalance(cost * affordable + 7);
    const pool = await separatePool(N);
    try {
      const stamp = Date.now();
      const results = await Promise.all(Array.from({ length: N }, (_, i) => redeem(pool.db, actor, { volunteerId: volunteer.id, rewardId: reward, idempotencyKey: `conc-bal-${stamp}-${i}` })));
      const ok = results.filter((r) => r.ok);
      const refused = results.filter((r) => !r.ok);
      expect(ok).toHaveLength(affordable);
      expect(refused.every((r) => !r.ok && r.code === "insufficient_points")).toBe(true);
      const bs = await balanceAndSum();
      expect(bs.balance).toBe(7);
      expect(bs.balance).toBe(bs.sum);
      expect(await stockOf(reward)).toBe(25 - affordable);
      const made = await db.select({ id: redemptions.id }).from(redemptions).where(eq(redemptions.rewardId, reward));
      expect(made).toHaveLength(affordable);
      const debits = await db.select({ id: pointEntries.id }).from(pointEntries).where(and(eq(pointEntries.kind, "redeem"), sql`${pointEntries.redemptionId} IN (SELECT id FROM redemptions WHERE reward_id = ${reward})`));
      expect(debits).toHaveLength(affordable);
    } finally {
      await pool.end();
    }
  });

  it(`${N} parallel redemptions against one stock: never below zero`, async () => {
    const stock = 5;
    const reward = await newReward(10, stock);
    await setBalance(10 * N + 50); // points are not the limit here
    const pool = await separatePool(N);
    try {
      const stamp = Date.now();
      const results = await Promise.all(Array.from({ length: N }, (_, i) => redeem(pool.db, actor, { volunteerId: volunteer.id, rewardId: reward, idempotencyKey: `conc-stock-${stamp}-${i}` })));
      expect(results.filter((r) => r.ok)).toHaveLength(stock);
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "out_of_stock")).toBe(true);
      expect(await stockOf(reward)).toBe(0);
      const bs = await balanceAndSum();
      expect(bs.balance).toBe(10 * N + 50 - 10 * stock);
      expect(bs.balance).toBe(bs.sum);
    } finally {
      await pool.end();
    }
  });

  it("the same idempotency key sent concurrently redeems once", async () => {
    const reward = await newReward(20, 10);
    await setBalance(200);
    const pool = await separatePool(16);
    try {
      const key = `conc-idem-${Date.now()}`;
      const results = await Promise.all(Array.from({ length: 16 }, () => redeem(pool.db, actor, { volunteerId: volunteer.id, rewardId: reward, idempotencyKey: key })));
      expect(results.every((r) => r.ok)).toBe(true);
      const ids = new Set(results.map((r) => (r.ok ? r.redemption.id : -1)));
      expect(ids.size).toBe(1);
      expect(await stockOf(reward)).toBe(9);
      expect(await balanceAndSum()).toEqual({ balance: 180, sum: 180 });
      const made = await db.select({ id: redemptions.id }).from(redemptions).where(eq(redemptions.idempotencyKey, key));
      expect(made).toHaveLength(1);
    } finally {
      await pool.end();
    }
  });
});
