/**
 * Writing the volunteer structure: create and edit an organization (level, parent, region,
 * supervisor) with an optimistic version, member roles (队长/副队长/队员) and moving a member to
 * another team. Staff act within their scope: the organization, its new parent and its region all
 * lie in the actor's region (out of scope → 404 for the edited node, 422 naming the field for a
 * parent). A move that would make a cycle is refused (422 `parentId`); tree moves are serialized
 * by one transaction-scoped advisory lock so two crossing moves cannot build a loop together.
 * Audit in the same transaction.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, rows, type Tx } from "@/db/client";
import { writeAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { isRegionCode } from "@/lib/auth/rules";
import { today } from "@/lib/metrics/clock";
import { DomainError, inTx, type Result } from "@/lib/http";
import { ORG_TYPES } from "./rules";
import { levelFits, MEMBER_ROLE_ZH, MEMBER_ROLES, ORG_LEVEL_ZH, ORG_LEVELS, type OrgLevel, wouldCycle } from "./tree";

const optionalId = z.preprocess((v) => (v === "" || v === null || v === undefined ? null : v), z.coerce.number().int().positive("上级组织编号无效").nullable());

export const OrgSchema = z.object({
  name: z.string().trim().min(2, "组织名称至少 2 个字").max(60, "组织名称最多 60 个字"),
  type: z.enum(ORG_TYPES, { message: "请选择组织类型" }),
  level: z.enum(ORG_LEVELS, { message: "请选择层级（总队、分队、小队或其他）" }),
  parentId: optionalId.optional(),
  regionCode: z.string().refine(isRegionCode, "请选择所在区域"),
  supervisorCode: z.preprocess((v) => (v === "" ? undefined : v), z.string().refine(isRegionCode, "主管单位须为区（市）或街道的区划代码").optional()),
});
export type OrgInput = z.infer<typeof OrgSchema>;
export const OrgPatchSchema = OrgSchema.partial().extend({ version: z.coerce.number({ message: "缺少版本号" }).int().positive("缺少版本号") });
export type OrgPatch = z.infer<typeof OrgPatchSchema>;

export const MemberPatchSchema = z
  .object({
    role: z.enum(MEMBER_ROLES, { message: "角色须为队长、副队长或队员" }).optional(),
    moveTo: z.coerce.number().int().positive("目标队伍编号无效").optional(),
  })
  .refine((x) => x.role !== undefined || x.moveTo !== undefined, { message: "请指定新角色或目标队伍", path: ["role"] });
export type MemberPatch = z.infer<typeof MemberPatchSchema>;

const NOT_FOUND = "组织不存在或不在您的管辖范围内";
const FIELD_ZH: Record<string, string> = { parentId: "上级组织", level: "层级", regionCode: "所在区域", supervisorCode: "主管单位", moveTo: "目标队伍", name: "组织名称" };
/** A refusal about one field, its Chinese name first (「上级组织：…」). */
const invalid = (field: string, message: string) => new DomainError("invalid", `${FIELD_ZH[field] ?? field}：${message}`, { fields: [field] });

function mayWrite(actor: Actor) {
  if (actor.role !== "wmb_staff" && actor.role !== "street_officer") throw new DomainError("forbidden", "只有文明办和街道工作人员可以维护组织架构");
}

const audit = (tx: Tx, actor: Actor, action: string, id: number, summary?: Record<string, unknown>) =>
  writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action, objectType: "organization", objectId: id, summary });

interface OrgRow {
  id: number;
  name: string;
  level: OrgLevel;
  parent_id: number | null;
  region_code: string;
  version: number;
}

/** An organization the actor may write (based in its region), or null. */
async function writable(tx: Tx, actor: Actor, id: number, lock = false): Promise<OrgRow | null> {
  const [o] = await rows<OrgRow>(
    tx,
    sql`SELECT id, name, level, parent_id, region_code, version FROM organizations WHERE id = ${id} AND region_code LIKE ${`${actor.scopeCode}%`} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return o ? { ...o, id: Number(o.id), parent_id: o.parent_id == null ? null : Number(o.parent_id), version: Number(o.version) } : null;
}

/** Region and supervisor: the region exists and lies in scope; the supervisor is a district or street above (or equal to) it. */
async function checkPlace(tx: Tx, actor: Actor, regionCode: string, supervisorCode: string | undefined): Promise<string> {
  if (!regionCode.startsWith(actor.scopeCode)) throw invalid("regionCode", "所在区域须在您的管辖范围内");
  const [r] = await rows<{ code: string }>(tx, sql`SELECT code FROM regions WHERE code = ${regionCode}`);
  if (!r) throw invalid("regionCode", "所在区域不存在");
  const sup = supervisorCode ?? (regionCode.length >= 9 ? regionCode.slice(0, 9) : regionCode.slice(0, 6));
  if (sup.length !== 6 && sup.length !== 9) throw invalid("supervisorCode", "主管单位须为区（市）或街道");
  if (!regionCode.startsWith(sup)) throw invalid("supervisorCode", "主管单位须为所在区域的上级区（市）或街道");
  return sup;
}

/** The parent: in scope (else 422 naming parentId), level above the node's, and no cycle. */
async function checkParent(tx: Tx, actor: Actor, { id, parentId, level }: { id: number | null; parentId: number; level: OrgLevel }): Promise<void> {
  const p = await writable(tx, actor, parentId);
  if (!p) throw invalid("parentId", "上级组织不存在或不在您的管辖范围内");
  if (!levelFits(p.level, level)) throw invalid("level", `${ORG_LEVEL_ZH[level]}不能设在${ORG_LEVEL_ZH[p.level]}「${p.name}」之下`);
  if (id === null) return;
  // the ancestors of the new parent (one recursive query), then the pure rule
  const anc = await rows<{ id: number; parent_id: number | null }>(
    tx,
    sql`WITH RECURSIVE up(id, parent_id, depth) AS (
        SELECT id, parent_id, 0 FROM organizations WHERE id = ${parentId}
        UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM organizations o JOIN up ON o.id = up.parent_id WHERE up.depth < 64 AND up.id <> ${id}
      ) SELECT id, parent_id FROM up`,
  );
  const parentOf = new Map(anc.map((a) => [Number(a.id), a.parent_id == null ? null : Number(a.parent_id)]));
  if (wouldCycle(id, parentId, (n) => parentOf.get(n))) throw invalid("parentId", "不能把组织移到它自己或它的下级组织之下（会形成循环）");
}

/** Its direct children must stay below a node whose level changes. */
async function checkChildren(tx: Tx, id: number, level: OrgLevel): Promise<void> {
  const kids = await rows<{ name: string; level: OrgLevel }>(tx, sql`SELECT name, level FROM organizations WHERE parent_id = ${id}`);
  const bad = kids.find((k) => !levelFits(level, k.level));
  if (bad) throw invalid("level", `下级组织「${bad.name}」是${ORG_LEVEL_ZH[bad.level]}，不能把本组织设为${ORG_LEVEL_ZH[level]}`);
}

const lockTree = (tx: Tx) => tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('organizations.tree'))`);

/** `POST /api/v1/organizations` and the new-organization form. */
export async function createOrganization(db: Db, actor: Actor, input: OrgInput): Promise<Result<{ id: number; version: number }>> {
  return inTx(db, async (tx) => {
    mayWrite(actor);
    const sup = await checkPlace(tx, actor, input.regionCode, input.supervisorCode);
    if (input.parentId) {
      await lockTree(tx);
      await checkParent(tx, actor, { id: null, parentId: input.parentId, level: input.level });
    }
    const [dup] = await rows<{ id: number }>(tx, sql`SELECT id FROM organizations WHERE name = ${input.name} LIMIT 1`);
    if (dup) throw new DomainError("duplicate", "组织名称：已有同名组织", { fields: ["name"] });
    const [r] = await rows<{ id: number; version: number }>(
      tx,
      sql`INSERT INTO organizations (name, type, is_team, level, parent_id, region_code, supervisor_code, founded_on)
        VALUES (${input.name}, ${input.type}::org_type, ${input.level === "team"}, ${input.level}, ${input.parentId ?? null}, ${input.regionCode}, ${sup}, ${today()})
        RETURNING id, version`,
    );
    const id = Number(r!.id);
    await audit(tx, actor, "organization.create", id, { name: input.name, level: input.level, parentId: input.parentId ?? null, regionCode: input.regionCode });
    return { id, version: Number(r!.version) };
  });
}

/** `PATCH /api/v1/organizations/{id}`: only the fields sent change; a stale `version` → 409 naming the current one. */
export async function updateOrganization(db: Db, actor: Actor, { id, ...input }: OrgPatch & { id: number }): Promise<Result<{ id: number; version: number }>> {
  return inTx(db, async (tx) => {
    mayWrite(actor);
    if (input.parentId !== undefined) await lockTree(tx);
    const cur = await writable(tx, actor, id, true);
    if (!cur) throw new DomainError("not_found", NOT_FOUND);
    if (cur.version !== input.version) throw new DomainError("stale", `该组织已被他人修改（当前版本 ${cur.version}，您提交的是 ${input.version}），请刷新后重试`, { currentVersion: cur.version, fields: ["version"] });
    const level = input.level ?? cur.level;
    const regionCode = input.regionCode ?? cur.region_code;
    const sup = input.regionCode !== undefined || input.supervisorCode !== undefined ? await checkPlace(tx, actor, regionCode, input.supervisorCode) : undefined;
    const parentId = input.parentId === undefined ? cur.parent_id : input.parentId;
    if (parentId !== null && (input.parentId !== undefined || input.level !== undefined)) await checkParent(tx, actor, { id, parentId, level });
    if (input.level !== undefined && input.level !== cur.level) await checkChildren(tx, id, level);
    if (input.name !== undefined && input.name !== cur.name) {
      const [dup] = await rows<{ id: number }>(tx, sql`SELECT id FROM organizations WHERE name = ${input.name} AND id <> ${id} LIMIT 1`);
      if (dup) throw new DomainError("duplicate", "组织名称：已有同名组织", { fields: ["name"] });
    }
    const [u] = await rows<{ version: number }>(
      tx,
      sql`UPDATE organizations SET
          name = ${input.name ?? cur.name}, level = ${level}, parent_id = ${parentId}, region_code = ${regionCode},
          ${input.type ? sql`type = ${input.type}::org_type,` : sql``}
          ${sup ? sql`supervisor_code = ${sup},` : sql``}
          is_team = ${level === "team" ? sql`true` : sql`is_team`},
          version = version + 1
        WHERE id = ${id} AND version = ${input.version} RETURNING version`,
    );
    if (!u) throw new DomainError("stale", "该组织已被他人修改，请刷新后重试", { fields: ["version"] });
    await audit(tx, actor, "organization.update", id, { ...input, parentId, fromParentId: cur.parent_id });
    return { id, version: Number(u.version) };
  });
}

/**
 * `PATCH /api/v1/organizations/{id}/members/{volunteerId}`: a member's role in the team, and/or a
 * move to another team (the membership leaves `id` and joins `moveTo`, keeping or setting the role).
 * Naming a new 队长 makes the previous one 队员. Both teams in the actor's scope, the volunteer too.
 */
export async function updateMember(db: Db, actor: Actor, input: MemberPatch & { organizationId: number; volunteerId: number }): Promise<Result<{ organizationId: number; role: string }>> {
  return inTx(db, async (tx) => {
    mayWrite(actor);
    const from = await writable(tx, actor, input.organizationId);
    if (!from) throw new DomainError("not_found", NOT_FOUND);
    const [m] = await rows<{ role: string; name: string }>(
      tx,
      sql`SELECT m.role, v.name FROM memberships m JOIN volunteers v ON v.id = m.volunteer_id
        WHERE m.organization_id = ${from.id} AND m.volunteer_id = ${input.volunteerId} AND v.community_code LIKE ${`${actor.scopeCode}%`} FOR UPDATE OF m`,
    );
    if (!m) throw new DomainError("not_found", "该志愿者不是本队成员或不在您的管辖范围内");
    let target = from.id;
    const role = input.role ?? (input.moveTo !== undefined ? "member" : m.role);
    if (input.moveTo !== undefined && input.moveTo !== from.id) {
      const to = await writable(tx, actor, input.moveTo);
      if (!to) throw invalid("moveTo", "目标队伍不存在或不在您的管辖范围内");
      const [already] = await rows<{ n: number }>(tx, sql`SELECT 1 AS n FROM memberships WHERE organization_id = ${to.id} AND volunteer_id = ${input.volunteerId}`);
      if (already) throw new DomainError("duplicate", `${m.name}已是「${to.name}」的成员`, { fields: ["moveTo"] });
      await tx.execute(sql`DELETE FROM memberships WHERE organization_id = ${from.id} AND volunteer_id = ${input.volunteerId}`);
      if (role === "leader") await tx.execute(sql`UPDATE memberships SET role = 'member' WHERE organization_id = ${to.id} AND role = 'leader'`);
      await tx.execute(sql`INSERT INTO memberships (volunteer_id, organization_id, role, joined_on) VALUES (${input.volunteerId}, ${to.id}, ${role}, ${today()})`);
      target = to.id;
    } else {
      if (role === "leader") await tx.execute(sql`UPDATE memberships SET role = 'member' WHERE organization_id = ${from.id} AND role = 'leader' AND volunteer_id <> ${input.volunteerId}`);
      await tx.execute(sql`UPDATE memberships SET role = ${role} WHERE organization_id = ${from.id} AND volunteer_id = ${input.volunteerId}`);
    }
    await audit(tx, actor, input.moveTo !== undefined && target !== from.id ? "organization.member_move" : "organization.member_role", from.id, {
      volunteerId: input.volunteerId,
      from: from.id,
      to: target,
      role: MEMBER_ROLE_ZH[role as keyof typeof MEMBER_ROLE_ZH] ?? role,
    });
    return { organizationId: target, role };
  });
}
