import * as schema from "@/db/schema";
import { CORE_URBAN, d2, SECTORS } from "../constants";
import * as N from "../names";
import { cstMs, CumulativeSampler, dayToIso, isoToDay } from "../random";
import type { Project, SeedState } from "../state";

/** Partners (enterprises, foundations) and projects in the six sectors, with deliberate gaps per street. */
export async function seedPartnersAndProjects(gen: SeedState): Promise<void> {
  const rng = gen.rng.fork("projects");
  const pw = gen.writer(schema.partners, ["id", "name", "kind", "regionCode", "agreementDate", "amountYuan", "inKind"]);
  const used = new Set<string>();
  const enterprises = rng.shuffle([...N.ENTERPRISES]);
  const foundations = rng.shuffle([...N.FOUNDATIONS]);
  const agreeFrom = isoToDay("2023-03-01");
  for (let i = 0; i < gen.p.partners; i++) {
    const foundation = rng.chance(0.3) && foundations.length > 0;
    let name: string;
    let region: string;
    if (foundation) {
      name = foundations.pop()!;
      region = "3702";
    } else {
      const d = rng.pick(gen.districts);
      region = d.code;
      name = enterprises.length > 0 && rng.chance(0.6) ? enterprises.pop()! : `${rng.pick(N.PARTNER_PREFIX)}${rng.pick(["商贸", "科技", "实业", "食品", "物业", "医药", "建设"])}${rng.pick(N.PARTNER_SUFFIX)}`;
    }
    while (used.has(name)) name = `${name.replace(/有限公司$/, "")}${d2(rng.int(2, 99))}号有限公司`;
    used.add(name);
    const amount = foundation ? rng.int(10, 500) * 10000 : rng.int(5, 200) * 10000;
    gen.partners.push({ id: i + 1, kind: foundation ? "foundation" : "enterprise", regionCode: region });
    pw.push([
      i + 1, name, foundation ? "foundation" : "enterprise", region, dayToIso(rng.int(agreeFrom, Math.max(agreeFrom, gen.asOfDay - 1))),
      amount.toFixed(2), rng.chance(0.4) ? rng.pick(N.IN_KIND) : null,
    ]);
  }
  await pw.flush();

  // sector weights per street, with deliberate gaps (a sector or two with no project at all)
  const streetWeights = gen.streets.map((s) => {
    const d = gen.districts[s.d]!;
    const w: number[] = s.town
      ? [2, 1.5, 3, 0.6, 1.2, 1]
      : CORE_URBAN.has(d.code)
        ? [2, 1.6, d.code === "370202" || d.code === "370203" ? 0.01 : 0.05, 2, 1.5, 1]
        : [2, 1.5, 0.4, 1.6, 1.4, 1];
    const gaps = rng.chance(0.55) ? (rng.chance(0.35) ? 2 : 1) : 0;
    for (let g = 0; g < gaps; g++) w[rng.int(0, 5)] = 0;
    if (!w.some((x) => x > 0)) w[0] = 1;
    return w;
  });
  const count = Math.max(gen.districts.length * 3, Math.round(gen.orgs.length * gen.p.projectsPerOrg));
  const streetPick = new CumulativeSampler(gen.streets.map((s) => Math.sqrt(s.vols + 1) * (s.orgs.length > 0 ? 1 : 0.2)));
  const prw = gen.writer(schema.projects, [
    "id", "name", "sector", "regionCode", "organizationId", "partnerId", "startDate", "endDate", "status", "description", "createdAt",
  ]);
  const names = new Set<string>();
  for (let i = 0; i < count; i++) {
    const s = gen.streets[streetPick.draw(rng)]!;
    const d = gen.districts[s.d]!;
    const sector = SECTORS[rng.weightedIndex(streetWeights[s.idx]!)]!;
    const orgPool = s.orgs.length > 0 && rng.chance(0.8) ? s.orgs : d.orgs;
    const org = gen.orgs[rng.pick(orgPool) - 1]!;
    const c = org.s === s.idx && rng.chance(0.5) ? gen.communities[org.c]! : gen.communities[rng.pick(s.communities)]!;
    const r = rng.next();
    const status: Project["status"] = r < 0.75 ? "active" : r < 0.87 ? "closed" : "planned";
    let startDay: number;
    let endDay: number | null = null;
    if (status === "planned") startDay = gen.asOfDay + rng.int(7, 60);
    else {
      const u = rng.next();
      startDay = u < 0.4 ? rng.int(isoToDay("2023-03-01"), isoToDay("2024-12-31")) : u < 0.75 ? rng.int(isoToDay("2025-01-01"), isoToDay("2025-12-31")) : rng.int(isoToDay("2026-01-01"), isoToDay("2026-08-31"));
      startDay = Math.max(org.foundedDay, Math.min(startDay, gen.asOfDay - 10));
      if (status === "closed") endDay = Math.min(gen.asOfDay - 1, startDay + rng.int(90, 540));
      else if (rng.chance(0.3)) endDay = Math.max(gen.asOfDay + 30, startDay + 365 * rng.int(1, 3));
    }
    const phrase = rng.pick(N.PROJECT_PHRASES[sector]);
    let name = `${rng.chance(0.5) ? c.name : s.name}${phrase}项目`;
    if (names.has(name)) name = `${d.short}${c.name}${phrase}项目`;
    if (names.has(name)) name = `${name.replace(/项目$/, "")}（${dayToIso(startDay).slice(0, 4)}）项目`;
    if (names.has(name)) name = `${name.replace(/项目$/, "")}${i}号项目`;
    names.add(name);
    const partners = gen.partners.filter((pt) => pt.regionCode === "3702" || pt.regionCode === d.code);
    const partnerId = partners.length > 0 && rng.chance(0.4) ? rng.pick(partners).id : null;
    const proj: Project = { id: i + 1, name, sector, c: c.idx, s: s.idx, d: d.idx, org: org.id, partnerId, startDay, endDay, status };
    gen.projects.push(proj);
    s.projects.push(proj.id);
    const created = gen.cap(cstMs(Math.min(startDay, gen.asOfDay) - rng.int(5, 40), 10));
    prw.push([
      proj.id, name, sector, c.code, org.id, partnerId, dayToIso(startDay), endDay === null ? null : dayToIso(endDay), status,
      `${N.SECTOR_LABEL[sector]}板块项目：在${s.name}${c.name}开展${phrase}志愿服务。`, (created),
    ]);
  }
  await prw.flush();
}
