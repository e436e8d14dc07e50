/**
 * Registering one volunteer (staff form, public /join page, POST /api/v1/volunteers): one
 * transaction writes the record (ID and phone encrypted, keyed hashes, masked fragments), its
 * memberships and points account, the rollup the cockpit's registered count reads, and the audit
 * entry. A second registration of the same person (same ID-number hash) is refused, never stored.
 */
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { type Db, type Queryable, rows } from "@/db/client";
import { memberships, organizations, pointAccounts, regions, volunteers } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import { scopePattern } from "@/lib/auth/rules";
import { today } from "@/lib/metrics/clock";
import { addToRollup } from "@/lib/metrics/rollup";
import { encryptPii, piiHash } from "./pii";
import type { Registration } from "./registration";
import type { FieldError } from "./rules";
import type { Actor } from "@/lib/auth/actor";
import { canRegisterIn, volunteerScopeSql } from "@/lib/auth/scope";
import { fail, type Result } from "@/lib/http";

export interface DuplicateInfo {
  /** Where the person is registered: community path and organizations (no personal data). */
  community: string;
  organizations: string[];
  /** Only when the caller may open that record. */
  volunteerId: number | null;
}

/**
 * The new volunteer, or a failure: `invalid` (its `fields`, and `extra.errors` with a message per
 * field) or `duplicate` (`extra.duplicate`: where the person is registered, for staff only).
 */
export type RegisterResult = Result<{ id: number; volunteerNo: string; registeredOn: string }>;

const invalid = (errors: FieldError[]) => fail("invalid", errors[0]!.message, { fields: errors.map((e) => e.field), extra: { errors } });
const duplicate = (message: string, info: DuplicateInfo | null) => fail("duplicate", message, { extra: { duplicate: info } });

/** "QD" + the id on 8 digits, the numbering the seed and the platform use. */
export function volunteerNoFor(id: number): string {
  return `QD${String(id).padStart(8, "0")}`;
}

/** Reserves `n` ids from the volunteers sequence (so numbers can be derived before inserting). */
export async function nextVolunteerIds(db: Queryable, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const r = await rows<{ id: number }>(db, sql`SELECT nextval(pg_get_serial_sequence('volunteers', 'id'))::int AS id FROM generate_series(1, ${n})`);
  return r.map((x) => Number(x.id));
}

/** "莱西市 水集街道 XX社区" for a community code. */
async function communityPath(db: Queryable, code: string): Promise<string> {
  const codes = [code.slice(0, 6), code.slice(0, 9), code];
  const r = await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes));
  return codes.map((c) => r.find((x) => x.code === c)?.name).filter(Boolean).join(" ");
}

/** Where an already registered ID number lives (community and organizations), for the "already registered" answer. */
async function duplicateInfo(db: Queryable, viewer: Actor, idHash: string): Promise<DuplicateInfo | null> {
  const [v] = await db.select({ id: volunteers.id, communityCode: volunteers.communityCode }).from(volunteers).where(eq(volunteers.idCardHash, idHash)).limit(1);
  if (!v) return null;
  const orgs = await db
    .select({ name: organizations.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.volunteerId, v.id))
    .orderBy(organizations.name);
  const r = await rows<{ id: number }>(db, sql`SELECT v.id FROM volunteers v WHERE v.id = ${v.id} AND ${volunteerScopeSql(viewer)}`);
  const visible = r.length > 0;
  return { community: await communityPath(db, v.communityCode), organizations: orgs.map((o) => o.name), volunteerId: visible ? v.id : null };
}

/** The staff message for a duplicate: names where (community, organizations), never the person. */
export function duplicateMessage(d: DuplicateInfo | null): string {
  if (!d) return "该身份证号已注册";
  const org = d.organizations.length > 0 ? `，所属组织：${d.organizations.join("、")}` : "";
  return `该身份证号已注册（登记社区：${d.community}${org}），不能重复登记`;
}

/** The public page's message: that it is registered and whom to ask — nothing about the record. */
export const PUBLIC_DUPLICATE_MESSAGE = "该身份证号已注册，无需重复报名。如需修改信息或找回账号，请联系所在社区的志愿服务站（新时代文明实践站），或拨打 12345 政务服务便民热线。";

function isUniqueViolation(e: unknown): boolean {
  const x = e as { code?: string; cause?: { code?: string }; message?: string };
  return x?.code === "23505" || x?.cause?.code === "23505" || /duplicate key|unique constraint/i.test(String(x?.message ?? ""));
}

class Refused extends Error {
  constructor(readonly errors: FieldError[]) {
    super("refused");
  }
}

/**
 * Registers a volunteer: `actor` is the staff member, or null for the public /join page (`input.ip`
 * is then the client's address). `input` has passed validateRegistration. The community must exist
 * (and lie in a staff member's region); organizations must exist (a staff member: in their region;
 * an organization admin's own organization is always added).
 */
export async function registerVolunteer(db: Db, actor: Actor | null, input: Registration & { ip?: string | null }): Promise<RegisterResult> {
  const idHash = piiHash(input.idCard);
  const staff = actor;
  const ip = actor ? (actor.ip ?? null) : (input.ip ?? null);
  const registeredOn = today();
  try {
    return await db.transaction(async (tx) => {
      const [community] = await tx
        .select({ code: regions.code, level: regions.level })
        .from(regions)
        .where(and(eq(regions.code, input.communityCode), like(regions.code, "3702%")))
        .limit(1);
      if (!community || community.level !== "community") throw new Refused([{ field: "communityCode", message: "所属社区不存在，请从区 → 街道 → 社区中选择" }]);
      if (staff && !canRegisterIn(staff, community.code)) throw new Refused([{ field: "communityCode", message: "所属社区不在您的管辖范围内" }]);

      const orgIds = [...input.organizationIds];
      if (staff?.role === "org_admin" && staff.organizationId && !orgIds.includes(staff.organizationId)) orgIds.push(staff.organizationId);
      if (staff?.role === "org_admin") {
        const others = orgIds.filter((o) => o !== staff.organizationId);
        if (others.length > 0) throw new Refused([{ field: "organizationIds", message: "组织管理员只能把志愿者登记到本组织" }]);
      } else if (orgIds.length > 0) {
        const found = await tx
          .select({ id: organizations.id })
          .from(organizations)
          .where(and(inArray(organizations.id, orgIds), staff ? like(organizations.regionCode, scopePattern(staff.scopeCode)) : sql`true`));
        const missing = orgIds.filter((id) => !found.some((f) => f.id === id));
        if (missing.length > 0) throw new Refused([{ field: "organizationIds", message: `所属组织不存在或不在您的管辖范围内（编号 ${missing.join("、")}）` }]);
      }

      const [dup] = await tx.select({ id: volunteers.id }).from(volunteers).where(eq(volunteers.idCardHash, idHash)).limit(1);
      if (dup) {
        const info = staff ? await duplicateInfo(tx, staff, idHash) : null;
        return duplicate(staff ? duplicateMessage(info) : PUBLIC_DUPLICATE_MESSAGE, info);
      }

      const [id] = await nextVolunteerIds(tx, 1);
      let volunteerNo = volunteerNoFor(id!);
      const [taken] = await tx.select({ id: volunteers.id }).from(volunteers).where(eq(volunteers.volunteerNo, volunteerNo)).limit(1);
      if (taken) volunteerNo = `${volunteerNo}-${id}`;
      const now = new Date();
      await tx.insert(volunteers).values({
        id: id!,
        volunteerNo,
        name: input.name,
        idCardEnc: encryptPii(input.idCard),
        idCardHash: idHash,
        idPrefix: input.idCard.slice(0, 6),
        idLast4: input.idCard.slice(-4),
        phoneEnc: encryptPii(input.phone),
        phoneHash: piiHash(input.phone),
        phoneLast4: input.phone.slice(-4),
        gender: input.gender,
        birthDate: input.birthDate,
        communityCode: community.code,
        registeredOn,
        skills: input.skills,
        sectorIntentions: input.sectorIntentions,
        status: "active",
        createdAt: now,
        updatedAt: now,
      });
      if (orgIds.length > 0) {
        await tx.insert(memberships).values(orgIds.map((o) => ({ volunteerId: id!, organizationId: o, role: "member", joinedOn: registeredOn })));
      }
      await tx.insert(pointAccounts).values({ volunteerId: id!, balance: 0 }).onConflictDoNothing();
      // The cockpit's registered count reads this rollup: it moves in the same transaction.
      await addToRollup(tx, { day: registeredOn, communityCode: community.code, new_volunteers: 1 });
      await writeAudit(tx, {
        userId: staff?.id ?? null,
        username: staff?.username ?? null,
        role: staff?.role ?? "public",
        ip,
        action: "volunteer.register",
        objectType: "volunteer",
        objectId: id!,
        summary: { source: staff ? "staff" : "join", volunteerNo, community: community.code, organizations: orgIds },
      });
      return { ok: true, id: id!, volunteerNo, registeredOn } as const;
    });
  } catch (e) {
    if (e instanceof Refused) return invalid(e.errors);
    if (isUniqueViolation(e)) {
      // Two registrations of one person at the same moment: the unique hash index decided.
      const info = staff ? await duplicateInfo(db, staff, idHash) : null;
      return duplicate(staff ? duplicateMessage(info) : PUBLIC_DUPLICATE_MESSAGE, info);
    }
    throw e;
  }
}
