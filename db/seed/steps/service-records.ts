import * as schema from "@/db/schema";
import { type Sector, SECTORS, U } from "../constants";
import * as N from "../names";
import { cstMs, DAY_MS, dayToIso, HOUR_MS, isoToDay, MINUTE_MS, type Rng, upperBound, weekday } from "../random";
import type { SeedState } from "../state";
import { reviewerFor } from "./organizations";

/**
 * Service records come from three steps (activity rosters, demand helpers, imported history) and
 * share one writer and one id sequence, opened here before the first of them.
 */
export function openServiceRecords(gen: SeedState): void {
  gen.sr = gen.writer(schema.serviceRecords, [
    "id", "volunteerId", "activityId", "demandId", "organizationId", "communityCode", "sector", "serviceDate",
    "hours", "status", "enteredBy", "enteredAt", "reviewedBy", "reviewedAt", "rejectReason", "version",
  ]);
}

/**
 * When a batch of hours entered at `enteredMs` for work done on `day` gets reviewed, or null
 * while it is still pending. Hours are entered and reviewed per batch (an activity's roster, a
 * demand's helpers, a month of imported history) — the way organizers and street offices work.
 * Older than 14 days → ~2 % still pending; recent → more pending.
 */
export function batchReview(gen: SeedState, rng: Rng, day: number, enteredMs: number, orgId: number): number | null {
  const age = gen.asOfDay - day;
  const pPending = age < 14 ? 0.6 - 0.035 * age : 0.02;
  if (rng.chance(pPending)) return null;
  // The supervising street office reviews hours once a week, on a fixed weekday (集中审核日).
  const s = gen.orgs[orgId - 1]!.s;
  const a = 1 + (s % 5);
  const b = a;
  let d = gen.dayOf(enteredMs + 2 * HOUR_MS);
  if (rng.chance(0.2)) d += 7; // missed the first slot
  for (let k = 0; k < 14; k++, d++) {
    const w = weekday(d);
    if (w !== a && w !== b) continue;
    const ms = Math.max(cstMs(d, rng.float(9, 17)), enteredMs + 2 * HOUR_MS);
    if (gen.dayOf(ms) !== d) continue;
    return ms <= gen.asOfEnd ? ms : null;
  }
  return null;
}

/**
 * One service record of a reviewed (or pending) batch: ~3 % of reviewed records are rejected,
 * and a few verified ones are later found to be duplicates (earn + reverse in the ledger).
 */
export function pushRecord(
  gen: SeedState,
  rng: Rng,
  vIdx: number,
  activityId: number | null,
  demandId: number | null,
  orgId: number,
  sector: Sector,
  day: number,
  hours: number,
  enteredMs: number,
  batchReviewedMs: number | null,
): void {
  const age = gen.asOfDay - day;
  let reviewedMs = batchReviewedMs;
  let status: "pending" | "verified" | "rejected" = reviewedMs === null ? "pending" : rng.chance(0.031) ? "rejected" : "verified";
  let rejectReason: string | null = null;
  let version = 1;
  const id = ++gen.srId;
  const reviewer = reviewerFor(gen, orgId);
  const c = gen.vComm[vIdx]!;
  if (status === "rejected") {
    rejectReason = rng.pick(N.REJECT_REASONS);
    version = 2;
  } else if (status === "verified") {
    version = 2;
    const points = Math.round(hours * 10);
    if (age >= 20 && rng.chance(0.0015)) {
      // verified, then found to be a duplicate: an earn and a reversing entry
      const reversedMs = reviewedMs! + Math.min(gen.asOfEnd - reviewedMs!, rng.int(3, 20) * DAY_MS);
      if (reversedMs > reviewedMs!) {
        gen.pendingEntries.push(
          { volunteerId: vIdx + 1, amount: points, kind: "earn", c, serviceRecordId: id, demandId: null, dedupeKey: `earn:sr:${id}`, note: null, createdBy: reviewer, ms: reviewedMs! },
          { volunteerId: vIdx + 1, amount: -points, kind: "reverse", c, serviceRecordId: id, demandId: null, dedupeKey: `reverse:sr:${id}`, note: N.REVERSE_REASON, createdBy: reviewer, ms: reversedMs },
        );
        status = "rejected";
        rejectReason = N.REVERSE_REASON;
        reviewedMs = reversedMs;
        version = 3;
      }
    }
    if (status === "verified") {
      gen.verifiedRecords++;
      gen.vVerified[vIdx]! += hours;
      if (day >= gen.startDay) gen.campaignHoursByStreet[gen.communities[c]!.s]! += hours;
      // redemption budgets: points count from the first checkpoint at or after the review
      let b = 0;
      while (b < gen.ckMs.length && gen.ckMs[b]! <= reviewedMs!) b++;
      if (b < gen.ckMs.length) gen.ckDelta[b * gen.V + vIdx]! += points;
    }
  }
  gen.sr.push([
    id, vIdx + 1, activityId, demandId, orgId, gen.communities[c]!.code, sector, dayToIso(day), hours.toFixed(2), status,
    orgId === 1 ? U.orgAdmin : null, (enteredMs), status === "pending" ? null : reviewer,
    status === "pending" ? null : (reviewedMs!), rejectReason, version,
  ]);
}

/**
 * Draws a volunteer registered on or before `day` for an activity in street `s`: most come
 * from the street itself, many from elsewhere in the district, a few from across the city.
 */
export function drawVolunteer(gen: SeedState, rng: Rng, s: number, d: number, day: number): number {
  const r = rng.next();
  if (r < 0.55) {
    const pool = gen.streetPool[s]!;
    const m = upperBound(pool.regs, day);
    if (m > 0) return pool.ids[pool.sampler.draw(rng, m)]!;
  }
  if (r < 0.92) {
    const pool = gen.distPool[d]!;
    const m = upperBound(pool.regs, day);
    if (m > 0) return pool.ids[pool.sampler.draw(rng, m)]!;
  }
  const m = upperBound(gen.vReg, day);
  return m > 0 ? gen.globalSampler.draw(rng, m) : -1;
}

/** Rosters of completed activities (service records), and enrolments of recent and future ones. */
export async function seedActivityRecords(gen: SeedState): Promise<void> {
  const rng = gen.rng.fork("activity-records");
  const ew = gen.writer(schema.enrolments, ["activityId", "volunteerId", "enrolledAt", "checkedInAt", "status"]);
  const recentFrom = gen.asOfDay - 20;
  for (const a of gen.activities) {
    const s = gen.communities[a.c]!.s;
    if (a.status === "completed") {
      const chosen: number[] = [];
      for (let t = 0; chosen.length < a.participants && t < a.participants * 3; t++) {
        const v = drawVolunteer(gen, rng, s, a.d, a.day);
        if (v < 0 || gen.mark[v] === a.id) continue;
        gen.mark[v] = a.id;
        chosen.push(v);
      }
      // the organizer enters the roster's hours in one go; the supervisor reviews the batch
      const entered = Math.max(a.endMs, a.endMs + Math.min(gen.asOfEnd - a.endMs, rng.logNormal(10 * HOUR_MS, 0.8)));
      const reviewed = batchReview(gen, rng, a.day, entered, a.org);
      for (const v of chosen) {
        let hours = a.spanH;
        if (gen.vTarget[v] === 0 && rng.chance(0.3)) hours -= 0.5 * rng.int(1, 2);
        hours = Math.max(1, Math.min(4, hours));
        pushRecord(gen, rng, v, a.id, null, a.org, a.sector, a.day, hours, entered, reviewed);
      }
      if (a.day >= recentFrom) {
        for (const v of chosen) {
          const enrolled = Math.min(a.startMs - HOUR_MS, a.createdMs + rng.float(0, Math.max(0, a.startMs - a.createdMs - HOUR_MS)));
          ew.push([a.id, v + 1, (enrolled), (a.startMs - rng.int(5, 25) * MINUTE_MS), "enrolled"]);
        }
        const extra = Math.round(chosen.length * 0.12);
        for (let k = 0; k < extra; k++) {
          const v = drawVolunteer(gen, rng, s, a.d, a.day);
          if (v < 0 || gen.mark[v] === a.id) continue;
          gen.mark[v] = a.id;
          const enrolled = a.createdMs + rng.float(0, Math.max(0, a.startMs - a.createdMs - HOUR_MS));
          ew.push([a.id, v + 1, (enrolled), null, rng.chance(0.35) ? "cancelled" : "enrolled"]);
        }
      }
    } else if (a.status === "open" || a.status === "closed") {
      const ahead = a.day - gen.asOfDay;
      const n = a.status === "closed" ? a.capacity : Math.round(a.capacity * rng.float(0.15, 0.95) * Math.max(0.1, 1 - ahead / 40));
      for (let k = 0, t = 0; k < n && t < n * 3; t++) {
        const v = drawVolunteer(gen, rng, s, a.d, gen.asOfDay);
        if (v < 0 || gen.mark[v] === a.id) continue;
        gen.mark[v] = a.id;
        k++;
        const enrolled = a.createdMs + rng.float(0, Math.max(0, gen.asOfEnd - a.createdMs));
        ew.push([a.id, v + 1, (enrolled), null, rng.chance(0.04) ? "cancelled" : "enrolled"]);
      }
    }
    if (ew.full) await ew.flush();
    if (gen.sr.full) await gen.sr.flush();
  }
  await ew.flush();
  await gen.sr.flush();
}

/**
 * Pre-campaign history that brings the very active to their star band: regular duty on a few
 * fixed weekdays (activity-less records of their own organization), imported month by month —
 * each month's batch entered on the first days of the next month and reviewed together.
 */
export async function seedHistoryRecords(gen: SeedState): Promise<void> {
  const rng = gen.rng.fork("history");
  const histEnd = Math.min(gen.startDay - 1, gen.asOfDay - 15);
  const histStart = histEnd - gen.historyDay < 120 ? histEnd - 600 : gen.historyDay;
  const monthBatch = new Map<number, { entered: number; reviewed: number | null }>();
  for (let v = 0; v < gen.V; v++) {
    const target = gen.vTarget[v]!;
    if (target === 0) continue;
    let need = target - gen.vVerified[v]!;
    const from = Math.max(histStart, gen.vReg[v]!);
    if (need <= 0 || from > histEnd) continue;
    const org = gen.vPrimaryOrg[v]!;
    const sectors = SECTORS.filter((_, b) => (gen.vSectors[v]! >> b) & 1);
    // enough duty weekdays for the hours still needed (about 3 h a time)
    const weeks = (histEnd - from + 1) / 7;
    const perWeek = Math.min(7, Math.max(1, Math.ceil(need / 3 / Math.max(1, weeks) / 0.85) + 1));
    const duty = new Set(rng.sample([0, 1, 2, 3, 4, 5, 6], perWeek));
    const days: number[] = [];
    for (let d = from; d <= histEnd; d++) if (duty.has(weekday(d))) days.push(d);
    rng.shuffle(days);
    days.length = Math.min(days.length, Math.ceil(need / 2) + 5);
    days.sort((a, b) => a - b);
    monthBatch.clear();
    const sector = rng.pick(sectors);
    for (const day of days) {
      if (need <= 0) break;
      const mk = Math.floor(isoToDay(`${dayToIso(day).slice(0, 7)}-01`));
      let batch = monthBatch.get(mk);
      if (!batch) {
        const next = isoToDay(`${dayToIso(mk + 32).slice(0, 7)}-01`);
        const entered = gen.cap(cstMs(next + (org % 3), 10 + rng.float(0, 6)));
        batch = { entered, reviewed: batchReview(gen, rng, day + 20, entered, org) };
        monthBatch.set(mk, batch);
      }
      const hours = 2.5 + 0.5 * rng.int(0, 3);
      const before = gen.vVerified[v]!;
      pushRecord(gen, rng, v, null, null, org, rng.chance(0.8) ? sector : rng.pick(sectors), day, hours, batch.entered, batch.reviewed);
      need -= gen.vVerified[v]! - before;
      if (gen.sr.full) await gen.sr.flush();
    }
  }
}
