import * as schema from "@/db/schema";
import { type Sector, U } from "../constants";
import * as N from "../names";
import { CAMPAIGN_DAYS } from "../options";
import { cstMs, CumulativeSampler, HOUR_MS, weekday } from "../random";
import type { Activity, Project, SeedState } from "../state";

/**
 * Activities from the history start to 30 days after as-of: past ones completed (or cancelled)
 * with participants sized to the profile's service-record target, future ones open for enrolment.
 */
export async function seedActivities(gen: SeedState): Promise<void> {
  const rng = gen.rng.fork("activities");
  const from = Math.min(gen.historyDay, gen.startDay - 30);
  const to = gen.asOfDay + 30;
  const dayW: number[] = [];
  for (let d = from; d <= to; d++) {
    let w = d < gen.startDay ? 1 : d < gen.startDay + CAMPAIGN_DAYS ? 2.4 : 1.8;
    if (weekday(d) === 0 || weekday(d) === 6) w *= 1.5;
    dayW.push(w);
  }
  const daySampler = new CumulativeSampler(dayW);
  const distSampler = new CumulativeSampler(gen.districts.map((d) => d.vols + 1));
  const projByDistrict: number[][] = gen.districts.map(() => []);
  for (const p of gen.projects) projByDistrict[p.d]!.push(p.id);
  const specs: Activity[] = [];
  for (let i = 0; i < gen.p.activities; i++) {
    const day = from + daySampler.draw(rng);
    const d = gen.districts[distSampler.draw(rng)]!;
    let proj: Project | null = null;
    const plist = projByDistrict[d.idx]!;
    for (let t = 0; t < 10 && plist.length > 0; t++) {
      const p = gen.projects[rng.pick(plist) - 1]!;
      if (p.status !== "planned" && p.startDay <= day && (p.endDay === null || p.endDay >= day)) {
        proj = p;
        break;
      }
    }
    const org = proj ? gen.orgs[proj.org - 1]! : gen.orgs[rng.pick(d.orgs) - 1]!;
    const sector: Sector = proj ? proj.sector : rng.pick(org.sectors);
    const street = gen.streets[proj ? proj.s : org.s]!;
    const c = proj && rng.chance(0.7) ? gen.communities[proj.c]! : gen.communities[rng.pick(street.communities)]!;
    const startH = 8 + 0.5 * rng.int(0, 12);
    const spanH = 2 + 0.5 * rng.int(0, 4);
    const startMs = cstMs(day, startH);
    specs.push({
      id: 0, title: `${c.name}${rng.pick(N.ACTIVITY_PHRASES[sector])}`, projectId: proj ? proj.id : null, org: org.id, sector, c: c.idx, d: d.idx,
      day, startMs, endMs: startMs + spanH * HOUR_MS, spanH, capacity: 0, participants: 0, requirements: rng.pick(N.ACTIVITY_REQUIREMENTS),
      status: "open", createdMs: 0, peopleServed: null, problemsSolved: null,
    });
  }
  specs.sort((a, b) => a.startMs - b.startMs || a.c - b.c);
  let completed = 0;
  for (const a of specs) {
    if (a.endMs <= gen.asOfEnd) {
      a.status = rng.chance(0.96) ? "completed" : "cancelled";
      if (a.status === "completed") completed++;
    } else {
      // future: open for enrolment; some already full (closed), a few called off
      const full = (a.day - gen.asOfDay <= 3 && rng.chance(0.4)) || rng.chance(0.12);
      a.status = full ? "closed" : rng.chance(0.05) ? "cancelled" : "open";
    }
  }
  // participants per completed activity, scaled to the profile's service-record target
  const target = gen.p.serviceRecords * 0.72;
  const mean = Math.max(3, target / Math.max(1, completed));
  const sigma = 0.45;
  const norm = Math.exp((sigma * sigma) / 2);
  const aw = gen.writer(schema.activities, [
    "id", "title", "projectId", "organizationId", "sector", "regionCode", "address", "startsAt", "endsAt", "capacity", "requirements",
    "status", "peopleServed", "problemsSolved", "createdBy", "createdAt",
  ]);
  specs.forEach((a, i) => {
    a.id = i + 1;
    a.participants = Math.max(3, Math.round((mean * rng.logNormal(1, sigma)) / norm));
    a.capacity = Math.max(10, a.participants + rng.int(0, Math.ceil(a.participants * 0.4)));
    if (a.status !== "completed") a.participants = 0;
    a.createdMs = gen.cap(cstMs(a.day - rng.int(3, 14), 9 + rng.int(0, 16) / 2));
    if (a.status === "completed") {
      a.peopleServed = Math.min(250, Math.max(10, Math.round(a.participants * rng.float(1, 4))));
      a.problemsSolved = rng.int(0, Math.min(30, Math.ceil(a.participants / 3)));
    }
  });
  gen.activities = specs;
  for (const a of specs) {
    const c = gen.communities[a.c]!;
    aw.push([
      a.id, a.title, a.projectId, a.org, a.sector, c.code, `${gen.streets[c.s]!.name}${c.name}${rng.pick(N.ADDRESS_PLACES)}`,
      (a.startMs), (a.endMs), a.capacity, a.requirements, a.status, a.peopleServed, a.problemsSolved,
      a.org === 1 ? U.orgAdmin : null, (a.createdMs),
    ]);
    await aw.maybeFlush();
  }
  await aw.flush();
}
