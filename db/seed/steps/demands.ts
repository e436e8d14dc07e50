import * as schema from "@/db/schema";
import { CATEGORY_SECTOR } from "@/lib/dispatch/categories";
import { encryptPii, piiHash } from "@/lib/volunteers/pii";
import { clampMs, DEMAND_STAGE, LAIXI, nameMaker, randomMobile, round6, SHUIJI_STREET, U, WANGCHENG_STREET } from "../constants";
import * as N from "../names";
import { cstMs, CumulativeSampler, DAY_MS, dayToCompact, HOUR_MS, MINUTE_MS, type Rng, weekday } from "../random";
import type { Community, Org, SeedState } from "../state";
import { batchReview, drawVolunteer, pushRecord } from "./service-records";

/**
 * On-demand needs (网约) over the campaign so far, each with its state timeline (派单, 拒单 and
 * re-dispatch, 接单, 完成, 评单, 奖单, or cancelled), the helpers' service hours and reward points.
 */
export async function seedDemands(gen: SeedState): Promise<void> {
  const rng = gen.rng.fork("demands");
  const names = nameMaker(rng);
  const dw = gen.writer(schema.demands, [
    "id", "reference", "category", "description", "communityCode", "address", "contactName", "contactPhoneEnc", "contactPhoneHash",
    "contactPhoneLast4", "preferredTime", "lat", "lng", "source", "state", "teamId", "peopleServed", "rating", "ratingComment",
    "postedAt", "dispatchedAt", "acceptedAt", "completedAt", "ratedAt", "rewardedAt", "cancelledAt", "version",
  ]);
  const ev = gen.writer(schema.demandEvents, ["id", "demandId", "fromState", "toState", "actorUserId", "teamId", "note", "createdAt"]);
  // posting times over the campaign so far
  const dayW: number[] = [];
  for (let d = gen.startDay; d <= gen.asOfDay; d++) {
    const k = d - gen.startDay;
    dayW.push((1 + 0.5 * Math.min(1, k / 21)) * (weekday(d) === 0 || weekday(d) === 6 ? 0.9 : 1));
  }
  const daySampler = new CumulativeSampler(dayW);
  const times: number[] = [];
  for (let i = 0; i < gen.p.demands; i++) {
    const day = gen.startDay + daySampler.draw(rng);
    const h = day === gen.asOfDay ? rng.float(7, 17.9) : rng.float(7, 21);
    times.push(cstMs(day, h));
  }
  times.sort((a, b) => a - b);
  const commSampler = new CumulativeSampler(gen.communities.map((c) => c.pop));
  const cats = N.DEMAND_CATEGORIES;
  const catW = [30, 10, 12, 8, 12, 18, 10];
  const allTeams = gen.orgs.filter((o) => o.isTeam).map((o) => o.id);
  const dist2 = (o: Org, c: Community) => (o.lat - c.lat) ** 2 + (o.lng - c.lng) ** 2;
  const nearest = (pool: number[], c: Community, exclude: number): number => {
    let best = -1;
    let bd = Infinity;
    for (const id of pool) {
      if (id === exclude) continue;
      const dd = dist2(gen.orgs[id - 1]!, c);
      if (dd < bd) {
        bd = dd;
        best = id;
      }
    }
    return best;
  };
  const chooseTeam = (c: Community, exclude: number): number => {
    const s = gen.streets[c.s]!;
    const local = s.teams.filter((t) => t !== exclude);
    if (local.length > 0 && rng.chance(0.85)) return rng.pick(local);
    const t = nearest(gen.districts[c.d]!.teams, c, exclude);
    // no other team in the district: the same team takes it after all, rather than another district
    return t > 0 ? t : exclude > 0 ? exclude : nearest(allTeams, c, exclude);
  };
  let eventId = 0;
  let seqDay = -1;
  let seq = 0;
  for (let i = 0; i < times.length; i++) {
    const id = i + 1;
    const posted = times[i]!;
    const pday = gen.dayOf(posted);
    if (pday !== seqDay) {
      seqDay = pday;
      seq = 0;
    }
    seq++;
    const reference = `WY${dayToCompact(pday)}${String(seq).padStart(4, "0")}`;
    const c = gen.communities[commSampler.draw(rng)]!;
    const s = gen.streets[c.s]!;
    const cat = cats[rng.weightedIndex(catW)]!;
    const dispatcher = s.code === SHUIJI_STREET ? U.shuiji : s.code === WANGCHENG_STREET ? U.wangcheng : s.code.startsWith(LAIXI) ? U.laixiWmb : U.wmb;
    // timeline
    type Ev = { from: string | null; to: string; ms: number; team: number | null; actor: number | null; note: string | null };
    const evs: Ev[] = [];
    let state = "posted";
    let team: number | null = null;
    const times6: Partial<Record<"dispatched" | "accepted" | "completed" | "rated" | "rewarded" | "cancelled", number>> = {};
    // the three most recent demands are still in the early states at the snapshot (点单/派单/接单)
    const fromEnd = times.length - 1 - i;
    const limit = fromEnd < 3 && gen.asOfEnd - posted < DAY_MS ? fromEnd : 99;
    const cancelAt = limit === 99 && rng.chance(0.03) ? posted + clampMs(rng.logNormal(3 * HOUR_MS, 1), 20 * MINUTE_MS, 2 * DAY_MS) : Infinity;
    const preferred = cstMs(gen.dayOf(posted) + rng.int(0, 3), rng.float(8.5, 17.5));
    const preferredMs = Math.max(preferred, posted + 2 * HOUR_MS);
    const step = (to: string, ms: number, t: number | null, actor: number | null, note: string | null = null): boolean => {
      if (ms > gen.asOfEnd || ms >= cancelAt || DEMAND_STAGE[to]! > limit) return false;
      evs.push({ from: state, to, ms, team: t, actor, note });
      state = to;
      return true;
    };
    let t = posted;
    let ok = true;
    // dispatch (with an occasional decline and re-dispatch)
    let tm = chooseTeam(c, -1);
    t += clampMs(rng.logNormal(55 * MINUTE_MS, 0.9), 10 * MINUTE_MS, 6 * HOUR_MS);
    ok = tm > 0 && step("dispatched", t, tm, dispatcher);
    if (ok) {
      team = tm;
      times6.dispatched = t;
    }
    if (ok && rng.chance(0.08)) {
      // declined (拒单) → back to posted, then dispatched to another team
      t += clampMs(rng.logNormal(60 * MINUTE_MS, 0.8), 15 * MINUTE_MS, 3 * HOUR_MS);
      ok = step("posted", t, tm, tm === 1 ? U.orgAdmin : null, rng.pick(N.DEMAND_DECLINE_NOTES));
      if (ok) {
        team = null;
        delete times6.dispatched;
        const other = chooseTeam(c, tm);
        if (other > 0) tm = other;
        t += clampMs(rng.logNormal(30 * MINUTE_MS, 0.6), 10 * MINUTE_MS, 2 * HOUR_MS);
        ok = step("dispatched", t, tm, dispatcher);
        if (ok) {
          team = tm;
          times6.dispatched = t;
        }
      }
    }
    if (ok) {
      t += clampMs(rng.logNormal(50 * MINUTE_MS, 1), 5 * MINUTE_MS, 12 * HOUR_MS);
      ok = step("accepted", t, tm, tm === 1 ? U.orgAdmin : null);
      if (ok) times6.accepted = t;
    }
    if (ok) {
      t = Math.max(t + 30 * MINUTE_MS, preferredMs) + rng.float(1, 3) * HOUR_MS;
      ok = step("completed", t, tm, tm === 1 ? U.orgAdmin : null);
      if (ok) times6.completed = t;
    }
    if (ok && rng.chance(0.85)) {
      t += clampMs(rng.logNormal(6 * HOUR_MS, 1), 30 * MINUTE_MS, 3 * DAY_MS);
      ok = step("rated", t, tm, null);
      if (ok) times6.rated = t;
      if (ok && rng.chance(0.92)) {
        t += clampMs(rng.logNormal(5 * HOUR_MS, 0.8), 30 * MINUTE_MS, 2 * DAY_MS);
        ok = step("rewarded", t, tm, dispatcher);
        if (ok) times6.rewarded = t;
      }
    }
    if (cancelAt !== Infinity && cancelAt <= gen.asOfEnd && ["posted", "dispatched", "accepted"].includes(state)) {
      evs.push({ from: state, to: "cancelled", ms: cancelAt, team, actor: null, note: rng.pick(["需求人已自行解决", "需求人取消", "重复提交"]) });
      state = "cancelled";
      times6.cancelled = cancelAt;
    }
    const served = rng.weightedPair([[1, 70], [2, 22], [3, 8]] as const);
    const rating = times6.rated !== undefined ? rng.weightedPair([[5, 72], [4, 20], [3, 6], [2, 1.5], [1, 0.5]] as const) : null;
    const phone = randomMobile(rng);
    const g: "M" | "F" = rng.chance(0.5) ? "M" : "F";
    const contact = rng.chance(0.2) ? `${names.name(g, 1960)[0]}${g === "M" ? "先生" : "女士"}` : names.name(g, rng.int(1945, 2000));
    const address = s.town ? `${c.name}${rng.int(1, 300)}号` : `${c.name}${rng.pick(N.ESTATE_PREFIX)}${rng.pick(N.ESTATE_SUFFIX)}${rng.int(1, 30)}号楼${rng.int(1, 6)}单元${rng.int(1, 30)}0${rng.int(1, 4)}室`;
    const iso = (ms: number | undefined) => (ms === undefined ? null : ms);
    dw.push([
      id, reference, cat, rng.pick(N.DEMAND_TEXTS[cat]), c.code, address, contact, encryptPii(phone), piiHash(phone), phone.slice(-4),
      (preferredMs), round6(c.lat + rng.float(-0.004, 0.004)), round6(c.lng + rng.float(-0.004, 0.004)),
      rng.weightedPair([["public", 60], ["phone", 25], ["staff", 15]] as const), state, team, served, rating,
      rating !== null ? rng.pick(N.RATING_COMMENTS) : null, (posted), iso(times6.dispatched), iso(times6.accepted),
      iso(times6.completed), iso(times6.rated), iso(times6.rewarded), iso(times6.cancelled), 1 + evs.length,
    ]);
    for (const e of evs) ev.push([++eventId, id, e.from, e.to, e.actor, e.team, e.note, (e.ms)]);
    // the helpers: service hours for the work, and points when rewarded (奖单)
    if (times6.completed !== undefined && team !== null) {
      const doneDay = gen.dayOf(times6.completed);
      const helpers = pickHelpers(gen, rng, team, c, doneDay, rng.weightedPair([[1, 45], [2, 40], [3, 15]] as const));
      const entered = times6.completed + Math.min(gen.asOfEnd - times6.completed, rng.float(1, 12) * HOUR_MS);
      const reviewed = batchReview(gen, rng, doneDay, entered, team);
      for (const v of helpers) {
        const hours = 1 + 0.5 * rng.int(0, 4);
        pushRecord(gen, rng, v, null, id, team, CATEGORY_SECTOR[cat], doneDay, hours, entered, reviewed);
        if (times6.rewarded !== undefined) {
          gen.pendingEntries.push({
            volunteerId: v + 1, amount: 20, kind: "dispatch_reward", c: gen.vComm[v]!, serviceRecordId: null, demandId: id,
            dedupeKey: `reward:d:${id}:v:${v + 1}`, note: `网约奖单 ${reference}`, createdBy: dispatcher, ms: times6.rewarded,
          });
        }
      }
    }
    if (dw.full || ev.full) {
      await dw.flush(); // parents before the events that reference them
      await ev.flush();
    }
    if (gen.sr.full) await gen.sr.flush();
  }
  await dw.flush();
  await ev.flush();
}

/** 1–3 members of a team registered by `day` (or district volunteers if the team has none). */
function pickHelpers(gen: SeedState, rng: Rng, team: number, c: Community, day: number, n: number): number[] {
  const lo = gen.orgMemberStart[team]!;
  const hi = gen.orgMemberStart[team + 1]!;
  const eligible: number[] = [];
  for (let k = lo; k < hi; k++) {
    const v = gen.orgMembers[k]! - 1;
    if (gen.vReg[v]! <= day) eligible.push(v);
  }
  if (eligible.length > 0) return rng.sample(eligible, n);
  const out: number[] = [];
  for (let t = 0; t < n * 3 && out.length < n; t++) {
    const v = drawVolunteer(gen, rng, c.s, c.d, day);
    if (v >= 0 && !out.includes(v)) out.push(v);
  }
  return out;
}
