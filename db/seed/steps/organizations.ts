import * as schema from "@/db/schema";
import { ADMIN_ROLES } from "@/lib/auth/rules";
import { TEST_PROFILE_TOTP_SECRET } from "@/lib/auth/totp";
import { encryptPii } from "@/lib/volunteers/pii";
import { LAIXI, nameMaker, round6, type Sector, SECTORS, SHUIJI_ORG_NAME, SHUIJI_STREET, U, USERS, WANGCHENG_STREET } from "../constants";
import * as N from "../names";
import { apportion, cstMs, dayToIso, HOUR_MS, isoToDay, type Rng } from "../random";
import type { Community, Org, SeedState } from "../state";

/** A name no other organization has: the base, else an alternative, else a numbered 分队. */
function uniqueName(gen: SeedState, base: string, rng: Rng, alts: string[]): string {
  if (!gen.orgNames.has(base)) {
    gen.orgNames.add(base);
    return base;
  }
  for (const a of alts) {
    if (!gen.orgNames.has(a)) {
      gen.orgNames.add(a);
      return a;
    }
  }
  const ordinals = ["二", "三", "四", "五", "六", "七", "八", "九", "十"];
  for (let i = 0; ; i++) {
    const n = `${base.replace(/(队|会|站|中心|联盟)$/, "")}第${ordinals[i % 9]}${i >= 9 ? Math.floor(i / 9) + 1 : ""}分队`;
    if (!gen.orgNames.has(n)) {
      gen.orgNames.add(n);
      return n;
    }
    if (i > 200) return `${base}（${rng.int(1000, 9999)}）`;
  }
}

/** A plausible name for an organization (or team) of a type in a community. */
function orgName(gen: SeedState, type: N.OrgTypeKey, isTeam: boolean, c: Community, rng: Rng): string {
  const s = gen.streets[c.s]!;
  const d = gen.districts[c.d]!;
  const alts = [`${s.name}${c.name}${N.TEAM_SUFFIX[0]}`, `${d.short}${s.short}${rng.pick(N.TEAM_SUFFIX)}`];
  let base: string;
  switch (type) {
    case "community":
      base = isTeam ? `${c.name}${rng.pick(["志愿服务队", "邻里互助队", "红马甲志愿服务队"])}` : `${c.name}新时代文明实践站`;
      break;
    case "party":
      base = isTeam ? `${s.name}党员先锋志愿服务队` : `${s.name}${rng.pick(N.PARTY_UNITS)}志愿服务队`;
      if (!isTeam && gen.orgNames.has(base)) base = `${c.name}${rng.pick(N.PARTY_UNITS)}志愿服务队`;
      break;
    case "youth":
      base = isTeam ? `共青团${s.name}青年突击队` : `${d.short}青年志愿者协会${s.short}分会`;
      break;
    case "women":
      base = isTeam ? `${s.name}巾帼志愿服务队` : `${s.name}妇联巾帼志愿者协会`;
      break;
    case "union": {
      const e = rng.pick(N.ENTERPRISES);
      base = `${e}${d.short}工会职工志愿服务队`;
      alts.unshift(`${e}${s.short}工会志愿服务队`);
      break;
    }
    case "school": {
      if (rng.chance(0.35)) base = `${rng.pick(N.UNIVERSITIES)}青年志愿者协会${d.short}服务队`;
      else base = `${d.short}${s.short}${rng.pick(N.SCHOOL_KINDS)}${rng.pick(["家长志愿服务队", "师生志愿服务队", "红领巾志愿服务队"])}`;
      break;
    }
    case "enterprise": {
      const e = rng.pick(N.ENTERPRISES);
      base = `${e}${s.short}${rng.pick(["志愿服务队", "爱心服务队", "青年志愿者服务队"])}`;
      break;
    }
    default:
      base = `${d.short}${s.short}${rng.pick(N.SOCIAL_THEMES)}${rng.pick(N.SOCIAL_SUFFIX)}`;
  }
  return uniqueName(gen, base, rng, alts);
}

/** One to three sectors, weighted by town or city. */
function orgSectors(town: boolean, rng: Rng): Sector[] {
  const n = rng.weightedPair([[1, 35], [2, 40], [3, 25]] as const);
  const w = town ? [3, 2, 3, 1, 2, 1.5] : [3, 2.5, 0.15, 2.5, 2.5, 1.5];
  const set = new Set<Sector>();
  while (set.size < n) set.add(SECTORS[rng.weightedIndex(w)]!);
  return SECTORS.filter((s) => set.has(s));
}

/**
 * Organizations and teams per district and street (one per `volunteersPerOrg` volunteers; every
 * district and busy street has a team), 水集街道新时代文明实践志愿服务队 first as id 1.
 */
export async function seedOrganizations(gen: SeedState): Promise<void> {
  const rng = gen.rng.fork("organizations");
  const total = Math.max(2 * gen.districts.length, Math.round(gen.V / gen.p.volunteersPerOrg));
  const perDistrict = apportion(total, gen.districts.map((d) => d.vols), 2);
  const typeWeights: [N.OrgTypeKey, number][] = [
    ["party", 12], ["youth", 12], ["women", 10], ["union", 8], ["school", 12], ["enterprise", 12], ["social", 14], ["community", 20],
  ];
  const add = (o: Omit<Org, "id">): Org => {
    const org = { ...o, id: gen.orgs.length + 1 };
    gen.orgs.push(org);
    const s = gen.streets[org.s]!;
    const d = gen.districts[org.d]!;
    s.orgs.push(org.id);
    d.orgs.push(org.id);
    if (org.isTeam) {
      s.teams.push(org.id);
      d.teams.push(org.id);
    }
    return org;
  };
  // 水集街道新时代文明实践志愿服务队 first: the lowest id in 370285001 (administered by org_admin).
  const shuiji = gen.streetByCode.get(SHUIJI_STREET)!;
  const shuijiComm = gen.communities[shuiji.communities[0]!]!;
  gen.orgNames.add(SHUIJI_ORG_NAME);
  add({
    name: SHUIJI_ORG_NAME, type: "community", isTeam: true, parentId: null, c: shuijiComm.idx, s: shuiji.idx, d: shuiji.d,
    lat: shuijiComm.lat + 0.002, lng: shuijiComm.lng + 0.002, sectors: ["elderly", "minors", "urban_warmth", "environment", "safety_rescue"],
    foundedDay: isoToDay("2019-03-05"),
  });
  const foundedFrom = isoToDay("2012-01-01");
  const foundedTo = Math.min(gen.asOfDay - 30, isoToDay("2024-12-31"));
  gen.districts.forEach((d, di) => {
    const streets = d.streets.map((i) => gen.streets[i]!);
    const quota = perDistrict[di]!;
    const perStreet = apportion(quota, streets.map((s) => s.vols + 1), quota >= streets.length ? 1 : 0);
    let districtHasTeam = d.teams.length > 0;
    streets.forEach((s, si) => {
      let n = perStreet[si]!;
      if (s.code === SHUIJI_STREET) n = Math.max(0, n - 1);
      const comms = s.communities.map((i) => gen.communities[i]!);
      for (let k = 0; k < n; k++) {
        const c = comms[rng.weightedIndex(comms.map((x) => x.vols + 0.5))]!;
        // every district has a team; so has every street with several organizations; ~40 % overall
        const firstInStreet = s.orgs.length === 0 && n >= 2;
        const isTeam = firstInStreet || !districtHasTeam ? true : rng.chance(n >= 2 ? 0.3 : 0.38);
        districtHasTeam ||= isTeam;
        const type = rng.weightedPair(typeWeights);
        const parents = isTeam ? d.orgs.filter((id) => !gen.orgs[id - 1]!.isTeam) : [];
        add({
          name: orgName(gen, type, isTeam, c, rng), type, isTeam,
          parentId: parents.length > 0 && rng.chance(0.35) ? rng.pick(parents) : null,
          c: c.idx, s: s.idx, d: di, lat: c.lat + rng.float(-0.005, 0.005), lng: c.lng + rng.float(-0.005, 0.005),
          sectors: orgSectors(s.town, rng), foundedDay: rng.int(foundedFrom, foundedTo),
        });
      }
    });
  });
  const w = gen.writer(schema.organizations, [
    "id", "name", "type", "isTeam", "parentId", "regionCode", "supervisorCode", "address", "lat", "lng", "sectors",
    "contactName", "contactPhone", "foundedOn", "createdAt",
  ]);
  const names = nameMaker(gen.rng.fork("org-contacts"));
  for (const o of gen.orgs) {
    const c = gen.communities[o.c]!;
    const s = gen.streets[o.s]!;
    w.push([
      o.id, o.name, o.type, o.isTeam, o.parentId, c.code, s.code,
      `${gen.districts[o.d]!.name}${s.name}${c.name}${rng.pick(N.ADDRESS_PLACES)}`,
      round6(o.lat), round6(o.lng), o.sectors, names.name(rng.chance(0.5) ? "M" : "F", 1980),
      `0532-${rng.int(80000000, 89999999)}`, dayToIso(o.foundedDay),
      (cstMs(Math.max(o.foundedDay, isoToDay("2018-01-01")), 9 + rng.int(0, 16) / 2)),
    ]);
    await w.maybeFlush();
  }
  await w.flush();
}

/** The ten demo accounts (ids 1–10) and the one PII-reveal grant. */
export async function seedUsers(gen: SeedState): Promise<void> {
  const at = cstMs(gen.startDay - 30, 9);
  await gen.q.insert(schema.users).values(
    USERS.map((u, i) => ({
      id: i + 1, username: u.username, displayName: u.displayName, role: u.role, scopeCode: u.scope,
      organizationId: u.role === "org_admin" ? 1 : null, passwordHash: gen.passwordHash, mustChangePassword: false,
      // The password really is set now (not at the simulated date), so the 90-day rule starts today.
      passwordChangedAt: new Date(), createdAt: new Date(at),
      // Test profile only: the three administrators are enrolled in TOTP with a published secret,
      // so tests can compute codes. Other profiles enrol at first login (lib/auth, docs/security.md).
      ...(gen.p.name === "test" && ADMIN_ROLES.includes(u.role)
        ? { totpSecret: encryptPii(TEST_PROFILE_TOTP_SECRET), totpEnabledAt: new Date(at) }
        : {}),
    })),
  );
  await gen.q.insert(schema.permissionGrants).values({
    userId: U.wmb, permission: "pii_reveal", grantedBy: U.secadmin, grantedAt: new Date(at + HOUR_MS),
  });
}

/** Who reviews (and enters, for the 水集 org) hours of an organization: a demo account. */
export function reviewerFor(gen: SeedState, orgId: number): number {
  if (orgId === 1) return U.orgAdmin;
  const s = gen.streets[gen.orgs[orgId - 1]!.s]!;
  if (s.code === SHUIJI_STREET) return U.shuiji;
  if (s.code === WANGCHENG_STREET) return U.wangcheng;
  if (s.code.startsWith(LAIXI)) return U.laixiWmb;
  return U.wmb;
}
