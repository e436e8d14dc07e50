import { sql } from "drizzle-orm";
import * as schema from "@/db/schema";
import type { Cell } from "../bulk";
import { SHUIJI_STREET, U } from "../constants";
import * as N from "../names";
import { cstMs, DAY_MS, HOUR_MS } from "../random";
import type { SeedState } from "../state";

/**
 * The points ledger (earn entries for verified hours, reversals, dispatch rewards), rewards,
 * redemptions within each volunteer's budget at the time, and one account per volunteer.
 */
export async function seedTimeBank(gen: SeedState): Promise<void> {
  const rng = gen.rng.fork("timebank");
  // earn entries for every verified record, straight from the table (created at the review time)
  await gen.q.execute(
    sql.raw(`INSERT INTO point_entries (id, volunteer_id, amount, kind, community_code, service_record_id, dedupe_key, created_by, created_at)
      SELECT row_number() OVER (ORDER BY id), volunteer_id, round(hours * 10)::int, 'earn', community_code, id, 'earn:sr:' || id, reviewed_by, reviewed_at
      FROM service_records WHERE status = 'verified'`),
  );
  let entryId = gen.verifiedRecords;
  const pw = gen.writer(schema.pointEntries, [
    "id", "volunteerId", "amount", "kind", "communityCode", "serviceRecordId", "redemptionId", "demandId", "dedupeKey", "note", "createdBy", "createdAt",
  ]);
  for (const e of gen.pendingEntries) {
    pw.push([++entryId, e.volunteerId, e.amount, e.kind, gen.communities[e.c]!.code, e.serviceRecordId, null, e.demandId, e.dedupeKey, e.note, e.createdBy, (e.ms)]);
    await pw.maybeFlush();
  }
  gen.pendingEntries = [];

  // rewards (益兑换), offered by partners in a district or street
  type Reward = { id: number; cost: number; stock: number; region: string; createdMs: number; active: boolean };
  const rewards: Reward[] = [];
  const rw: Cell[][] = [];
  const kinds = [["goods", N.REWARD_GOODS], ["service", N.REWARD_SERVICE], ["discount", N.REWARD_DISCOUNT]] as const;
  for (let i = 0; i < gen.p.rewards; i++) {
    const [kind, list] = kinds[rng.weightedIndex([50, 25, 25])]!;
    const d = rng.pick(gen.districts);
    const region = rng.chance(0.6) ? d.code : gen.streets[rng.pick(d.streets)]!.code;
    const cost = kind === "service" ? rng.int(10, 200) * 10 : kind === "goods" ? rng.int(5, 80) * 10 : rng.int(5, 50) * 10;
    const stock = rng.chance(0.08) ? 0 : rng.int(20, 500);
    const createdMs = cstMs(gen.startDay + rng.int(-20, Math.max(0, Math.floor((gen.asOfDay - gen.startDay) * 0.3))), 10);
    const partners = gen.partners.filter((p) => p.regionCode === "3702" || p.regionCode === d.code);
    const partnerId = partners.length > 0 ? rng.pick(partners).id : null;
    const r: Reward = { id: i + 1, cost, stock, region, createdMs: gen.cap(createdMs), active: rng.chance(0.92) };
    rewards.push(r);
    rw.push([r.id, partnerId, `${rng.pick(list)}`, kind, cost, stock, region, r.active, (r.createdMs)]);
  }
  // budgets at each checkpoint: earned (verified, non-reversed) points reviewed before it
  const K = gen.ckMs.length;
  for (let b = 1; b < K; b++) {
    const off = b * gen.V;
    const prev = (b - 1) * gen.V;
    for (let v = 0; v < gen.V; v++) gen.ckDelta[off + v]! += gen.ckDelta[prev + v]!;
  }
  const last = (K - 1) * gen.V;
  const minCost = Math.min(...rewards.map((r) => r.cost));
  const candidates: number[] = [];
  for (let v = 0; v < gen.V; v++) if (gen.ckDelta[last + v]! >= minCost) candidates.push(v);
  const spent = new Int32Array(gen.V);
  const redemptionsWanted = Math.round(gen.V * gen.p.redemptionsPerVolunteer);
  const span = gen.asOfEnd - gen.ckMs[0]!;
  const rTimes: number[] = [];
  for (let i = 0; i < redemptionsWanted; i++) rTimes.push(gen.ckMs[0]! + Math.floor(span * Math.sqrt(rng.next())));
  rTimes.sort((a, b) => a - b);
  const rdw = gen.writer(schema.redemptions, [
    "id", "volunteerId", "rewardId", "points", "pickupCode", "idempotencyKey", "status", "communityCode", "createdBy", "createdAt", "cancelledAt",
  ]);
  const codes = new Set<string>();
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let rid = 0;
  for (const at of rTimes) {
    if (candidates.length === 0) break;
    let k = 0;
    while (k + 1 < K && gen.ckMs[k + 1]! <= at) k++;
    for (let attempt = 0; attempt < 12; attempt++) {
      const v = rng.pick(candidates);
      const budget = gen.ckDelta[k * gen.V + v]! - spent[v]!;
      if (budget < minCost) continue;
      const c = gen.communities[gen.vComm[v]!]!;
      const options = rewards.filter((r) => r.active && r.stock > 0 && r.cost <= budget && r.createdMs <= at && c.code.startsWith(r.region));
      if (options.length === 0) continue;
      const r = rng.pick(options);
      r.stock--;
      spent[v]! += r.cost;
      const id = ++rid;
      let code = rng.chars(alphabet, 8);
      while (codes.has(code)) code = rng.chars(alphabet, 8);
      codes.add(code);
      const age = gen.asOfEnd - at;
      const u = rng.next();
      let status: "redeemed" | "picked_up" | "cancelled" = age < 3 * DAY_MS ? (u < 0.9 ? "redeemed" : "cancelled") : u < 0.88 ? "picked_up" : u < 0.94 ? "redeemed" : "cancelled";
      let cancelledMs: number | null = null;
      if (status === "cancelled") {
        cancelledMs = at + Math.min(gen.asOfEnd - at, rng.float(1, 72) * HOUR_MS);
        if (cancelledMs <= at) status = "redeemed";
        else r.stock++;
      }
      const by = c.code.startsWith(SHUIJI_STREET) ? U.shuiji : null;
      rdw.push([id, v + 1, r.id, r.cost, code, rng.uuid(), status, c.code, by, (at), status === "cancelled" ? (cancelledMs!) : null]);
      pw.push([++entryId, v + 1, -r.cost, "redeem", c.code, null, id, null, `redeem:r:${id}`, null, by, (at)]);
      if (status === "cancelled") {
        pw.push([++entryId, v + 1, r.cost, "refund", c.code, null, id, null, `refund:r:${id}`, "兑换已取消，积分退回", by, (cancelledMs!)]);
      }
      break;
    }
    await pw.maybeFlush();
  }
  // rewards first (redemptions reference them); redemptions were buffered until the final stock is known
  const rewardW = gen.writer(schema.rewards, ["id", "partnerId", "name", "kind", "costPoints", "stock", "regionCode", "active", "createdAt"]);
  rw.forEach((row, i) => {
    row[5] = rewards[i]!.stock;
    rewardW.push(row);
  });
  await rewardW.flush();
  await rdw.flush();
  await pw.flush();
  // one account per volunteer, balance = sum of the ledger (the CHECK refuses any overdraft)
  await gen.q.execute(
    sql.raw(`INSERT INTO point_accounts (volunteer_id, balance, updated_at)
      SELECT v.id, coalesce(e.balance, 0), coalesce(e.last_at, v.created_at)
      FROM volunteers v LEFT JOIN (
        SELECT volunteer_id, sum(amount)::int AS balance, max(created_at) AS last_at FROM point_entries GROUP BY volunteer_id
      ) e ON e.volunteer_id = v.id`),
  );
}
