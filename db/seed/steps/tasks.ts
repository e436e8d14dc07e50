import * as schema from "@/db/schema";
import { clampMs, CORE_URBAN, LAIXI, SHUIJI_STREET, TASK_DEADLINE_DAYS, TASK_DIFFICULTY, TASK_TYPES, type TaskType, U, WANGCHENG_STREET } from "../constants";
import * as N from "../names";
import { apportion, cstMs, CumulativeSampler, DAY_MS, dayToIso, HOUR_MS, MINUTE_MS, type Rng } from "../random";
import type { Community, District, SeedState, Street } from "../state";

/**
 * Rectification tasks (整改任务) over the campaign so far, per street by size and a street quality
 * (a few clearly worse → 红黑榜), each with its event timeline: assigned, in progress, submitted,
 * returned or closed — none later than as-of 18:00.
 */
export async function seedTasks(gen: SeedState): Promise<void> {
  const rng = gen.rng.fork("tasks");
  const tw = gen.writer(schema.rectificationTasks, [
    "id", "problemKey", "campaignId", "type", "pointName", "address", "description", "streetCode", "communityCode", "responsibleUnit",
    "status", "deadline", "reportedAt", "assignedAt", "submittedAt", "closedAt", "createdBy", "updatedBy", "updatedAt", "source", "version",
  ]);
  const ew = gen.writer(schema.taskEvents, ["id", "taskId", "kind", "fromStatus", "toStatus", "actorUserId", "note", "detail", "createdAt"]);
  // per-street volume and quality (a few streets clearly worse → 红黑榜)
  const weights = gen.streets.map((s) => {
    const d = gen.districts[s.d]!;
    const base = s.town ? 1 : CORE_URBAN.has(d.code) ? 3 : 2;
    return base * Math.sqrt(Math.max(1, s.census) / 30000);
  });
  const perStreet = apportion(gen.p.tasks, weights, 1);
  const quality = gen.streets.map(() => {
    const r = rng.next();
    return r < 0.45 ? rng.float(0.6, 0.85) : r < 0.85 ? rng.float(0.9, 1.15) : rng.float(1.7, 2.3);
  });
  const from = gen.startDay;
  const dayW: number[] = [];
  for (let d = from; d <= gen.asOfDay; d++) dayW.push(d - from < 21 ? 2.5 : 1);
  const daySampler = new CumulativeSampler(dayW);
  // reported times, then ids in report order
  type Spec = { s: number; reported: number };
  const specs: Spec[] = [];
  perStreet.forEach((n, si) => {
    for (let k = 0; k < n; k++) {
      const day = from + daySampler.draw(rng);
      specs.push({ s: si, reported: cstMs(day, day === gen.asOfDay ? rng.float(8, 17.5) : rng.float(8, 18)) });
    }
  });
  specs.sort((a, b) => a.reported - b.reported || a.s - b.s);
  const perStreetSeq = new Int32Array(gen.streets.length);
  const typeNames = TASK_TYPES.map((t) => t[0]);
  const typeW = TASK_TYPES.map((t) => t[1]);
  let eventId = 0;
  for (let i = 0; i < specs.length; i++) {
    const id = i + 1;
    const { s: si, reported } = specs[i]!;
    const s = gen.streets[si]!;
    const d = gen.districts[s.d]!;
    const c = gen.communities[rng.pick(s.communities)]!;
    const q = quality[si]!;
    const type = typeNames[rng.weightedIndex(typeW)]! as TaskType;
    const point = pointName(rng, c, s);
    const reviewer = d.code === LAIXI ? U.laixiWmb : U.wmb;
    const officer = s.code === SHUIJI_STREET ? U.shuiji : s.code === WANGCHENG_STREET ? U.wangcheng : null;
    type Ev = { from: string; to: string; ms: number; actor: number | null; note: string | null };
    const evs: Ev[] = [];
    let state = "reported";
    const step = (to: string, ms: number, actor: number | null, note: string | null = null): boolean => {
      if (ms > gen.asOfEnd) return false;
      evs.push({ from: state, to, ms, actor, note });
      state = to;
      return true;
    };
    let t = reported + clampMs(rng.logNormal(5 * HOUR_MS * q, 0.8), 20 * MINUTE_MS, 3 * DAY_MS);
    const assigned = step("assigned", t, reviewer, rng.pick(N.TASK_ASSIGN_NOTES)) ? t : null;
    const deadlineDays = rng.pick(TASK_DEADLINE_DAYS[type]);
    const deadlineDay = gen.dayOf(assigned ?? reported) + deadlineDays;
    let submitted: number | null = null;
    let closed: number | null = null;
    if (assigned !== null) {
      // Hard cases (违建, broken facilities, weak streets) drag on well past the deadline.
      const hard = rng.chance(Math.min(0.7, 0.06 * q * q * TASK_DIFFICULTY[type]));
      const stuck = rng.chance(0.025 * q * q);
      // …and some are simply not resolved yet: still being worked on, or sent back and waiting.
      const unresolved = rng.chance(Math.min(0.8, 0.045 * q * q * TASK_DIFFICULTY[type]));
      t += stuck ? rng.float(12, 70) * DAY_MS : clampMs(rng.logNormal(14 * HOUR_MS * q, 0.8), HOUR_MS, 4 * DAY_MS);
      let ok = step("in_progress", t, officer);
      let round = 0;
      while (ok) {
        if (unresolved && (round > 0 || rng.chance(0.65))) break;
        const frac = hard ? rng.float(1.5, 9) : rng.logNormal(0.35 * q, 0.55);
        t += Math.max(2 * HOUR_MS, deadlineDays * DAY_MS * frac * (round === 0 ? 1 : 0.4));
        ok = step("submitted", t, officer, rng.pick(N.TASK_SUBMIT_NOTES));
        if (!ok) break;
        submitted = t;
        t += clampMs(rng.logNormal(30 * HOUR_MS, 0.6), 2 * HOUR_MS, 5 * DAY_MS);
        if (unresolved || rng.chance((round === 0 ? 0.12 : 0.06) * q)) {
          ok = step("returned", t, reviewer, rng.pick(N.TASK_RETURN_NOTES));
          if (!ok || unresolved) break;
          t += clampMs(rng.logNormal(20 * HOUR_MS * q, 0.6), 2 * HOUR_MS, 4 * DAY_MS);
          ok = step("in_progress", t, officer, null);
          round++;
          continue;
        }
        ok = step("closed", t, reviewer, rng.pick(N.TASK_CLOSE_NOTES));
        if (ok) closed = t;
        break;
      }
    }
    perStreetSeq[si]!++;
    const unit = responsibleUnit(rng, type, c, s, d);
    const last = evs[evs.length - 1];
    tw.push([
      id, `SEED-${s.code}-${String(perStreetSeq[si]).padStart(4, "0")}`, 1, type, point, `${d.name}${s.name}${point}`,
      `${point}${rng.pick(N.TASK_DESCRIPTIONS[type]!)}`, s.code, c.code, unit, state, dayToIso(deadlineDay), (reported),
      assigned === null ? null : (assigned), submitted === null ? null : (submitted), closed === null ? null : (closed),
      reviewer, last ? last.actor : reviewer, (last ? last.ms : reported), "seed", 1 + evs.length,
    ]);
    for (const e of evs) ew.push([++eventId, id, "transition", e.from, e.to, e.actor, e.note, null, (e.ms)]);
    if (tw.full || ew.full) {
      await tw.flush();
      await ew.flush();
    }
  }
  await tw.flush();
  await ew.flush();
}

function pointName(rng: Rng, c: Community, s: Street): string {
  const road = () => (rng.chance(0.7) ? rng.pick(N.ROADS) : `${s.short}${rng.pick(N.ROAD_SUFFIX)}`);
  const r1 = road();
  let r2 = road();
  if (r2 === r1) r2 = rng.pick(N.ROADS.filter((r) => r !== r1));
  return rng
    .pick(N.TASK_POINT_PATTERNS)
    .replace("{road1}", r1)
    .replace("{road2}", r2)
    .replace("{estate}", `${rng.pick(N.ESTATE_PREFIX)}${rng.pick(N.ESTATE_SUFFIX)}`)
    .replace("{community}", c.name.replace(/(社区|村)$/, ""));
}

function responsibleUnit(rng: Rng, type: TaskType, c: Community, s: Street, d: District): string {
  switch (type) {
    case "illegal_building":
      return rng.chance(0.5) ? `${d.name}住房和城乡建设局` : `${s.name}综合行政执法中队`;
    case "parking":
      return rng.chance(0.5) ? `${d.name}公安分局交警大队` : `${c.name}居委会`;
    case "street_vending":
      return rng.chance(0.6) ? `${s.name}城管中队` : `${d.name}市场监督管理局`;
    case "facility_damage":
      return rng.chance(0.5) ? `${d.name}城市管理局市政维护处` : `${s.name}城管中队`;
    case "psa_damage":
      return rng.chance(0.5) ? `${s.name}宣传办` : `${c.name}居委会`;
    default:
      return rng.chance(0.55) ? `${s.name}城管中队` : `${c.name}${s.town ? "村委会" : "居委会"}`;
  }
}
