import * as schema from "@/db/schema";
import { encryptPii, piiHash } from "@/lib/volunteers/pii";
import { makeIdCard } from "@/lib/volunteers/rules";
import { hashDay, nameMaker, SECTORS } from "../constants";
import * as N from "../names";
import { cstMs, dayToIso } from "../random";
import type { SeedState } from "../state";

/** Volunteer rows (PII encrypted, valid ID numbers) and their memberships, as planned. */
export async function seedVolunteers(gen: SeedState): Promise<void> {
  const rng = gen.rng.fork("volunteers");
  const names = nameMaker(rng);
  const vw = gen.writer(schema.volunteers, [
    "id", "volunteerNo", "name", "idCardEnc", "idCardHash", "idPrefix", "idLast4", "phoneEnc", "phoneHash", "phoneLast4",
    "gender", "birthDate", "communityCode", "registeredOn", "skills", "sectorIntentions", "status", "createdAt", "updatedAt",
  ]);
  const mw = gen.writer(schema.memberships, ["volunteerId", "organizationId", "role", "joinedOn"]);
  const idSeq = new Map<string, number>();
  const phonePrefixes = ["13", "15", "18", "17", "19", "16", "14"];
  const phoneMul = 387420489; // 3^18, coprime to 10^9 → a permutation of the 9-digit suffixes
  const phoneAdd = (gen.o.seed * 7919) % 1_000_000_000;
  const orgHasLeader = new Uint8Array(gen.orgs.length + 1);
  const memberV: number[] = [];
  const memberO: number[] = [];
  for (let i = 0; i < gen.V; i++) {
    const id = i + 1;
    const c = gen.communities[gen.vComm[i]!]!;
    const s = gen.streets[c.s]!;
    const d = gen.districts[c.d]!;
    const reg = gen.vReg[i]!;
    const g: "M" | "F" = rng.chance(0.44) ? "M" : "F";
    // age at as-of: skewed 25–55, and at least 16 on the registration day
    const minAge = 16 + (gen.asOfDay - reg) / 365.25 + 0.01;
    let age = 0;
    for (let t = 0; t < 8 && age < minAge; t++) {
      const r = rng.next();
      age = r < 0.12 ? rng.float(16, 25) : r < 0.8 ? rng.float(25, 55) : rng.float(55, 75);
    }
    if (age < minAge) age = Math.min(75, minAge + rng.float(0, 10));
    const birthDay = gen.asOfDay - Math.floor(age * 365.25);
    const birth = dayToIso(birthDay);
    const key = `${d.idx}:${birthDay}:${g}`;
    const n = idSeq.get(key) ?? 0;
    idSeq.set(key, n + 1);
    const seq3 = 2 * ((hashDay(birthDay, d.idx) + n) % 500) + (g === "M" ? 1 : 0);
    const idCard = makeIdCard(d.code, birth, seq3);
    const suffix = (i * phoneMul + phoneAdd) % 1_000_000_000;
    const phone = `${phonePrefixes[(i + (suffix % 7)) % 7]}${String(suffix).padStart(9, "0")}`;
    const skills = rng.chance(0.4) ? [] : rng.sample(N.SKILLS, rng.int(1, 3));
    const sectors = SECTORS.filter((_, b) => (gen.vSectors[i]! >> b) & 1);
    const created = gen.cap(cstMs(reg, rng.float(8, 21)));
    vw.push([
      id, `QD${String(id).padStart(8, "0")}`, names.name(g, Number(birth.slice(0, 4))), encryptPii(idCard), piiHash(idCard),
      idCard.slice(0, 6), idCard.slice(-4), encryptPii(phone), piiHash(phone), phone.slice(-4), g, birth, c.code, dayToIso(reg),
      skills, sectors, "active", (created), (created),
    ]);
    // memberships: 1–2 organizations of the district, mostly of the own street
    const local = s.orgs;
    const wide = d.orgs;
    let primary: number;
    if (local.length > 0 && rng.chance(0.88)) {
      primary = local[rng.weightedIndex(local.map((oid) => (gen.orgs[oid - 1]!.c === c.idx ? 4 : 1)))]!;
    } else primary = rng.pick(wide);
    gen.vPrimaryOrg[i] = primary;
    const mine = [primary];
    if (wide.length > 1 && rng.chance(0.38)) {
      const pool = local.length > 1 && rng.chance(0.6) ? local : wide;
      const other = rng.pick(pool);
      if (other !== primary) mine.push(other);
    }
    for (const oid of mine) {
      const o = gen.orgs[oid - 1]!;
      const joined = Math.min(gen.asOfDay, Math.max(reg, o.foundedDay) + rng.int(0, 20));
      const role = orgHasLeader[oid] ? "member" : "leader";
      orgHasLeader[oid] = 1;
      mw.push([id, oid, role, dayToIso(joined)]);
      memberV.push(id);
      memberO.push(oid);
    }
    if (vw.full) await vw.flush();
    if (mw.full) await mw.flush();
  }
  await vw.flush();
  await mw.flush();
  // members per organization (CSR), in volunteer-id order
  const start = new Int32Array(gen.orgs.length + 2);
  for (const oid of memberO) start[oid + 1]!++;
  for (let k = 1; k < start.length; k++) start[k]! += start[k - 1]!;
  const fill = start.slice();
  const members = new Int32Array(memberO.length);
  for (let k = 0; k < memberO.length; k++) members[fill[memberO[k]!]!++] = memberV[k]!;
  gen.orgMemberStart = start;
  gen.orgMembers = members;
}
