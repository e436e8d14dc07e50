/**
 * Creating and editing projects. Scope is checked inside the transaction with the scope in the
 * WHERE clause: the community and the organization must lie in the editor's region (an
 * organization admin: their own organization), the partner must be visible to them. An edit is a
 * compare-and-set on the row's fingerprint (md5 of the row as loaded), so two editors cannot
 * silently overwrite each other. Every change is audited.
 */
import { sql } from "drizzle-orm";
import { type Db, type Queryable, rows } from "@/db/client";
import { writeAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { canWrite, scopePattern } from "@/lib/auth/rules";
import { fail, type Failure, type Result } from "@/lib/http";
import { partnerScopeSql, projectScopeSql } from "./queries";
import type { ProjectInputT } from "./rules";

type FieldError = { field: string; message: string };

const READ_ONLY = () => fail("forbidden", "当前角色为只读");
const STALE = () => fail("conflict", "该项目已被他人修改，请刷新页面查看最新内容后再保存");
/** Field errors as one failure: the first message, every field, and the messages per field (`extra.errors`). */
const invalid = (errors: FieldError[]): Failure => fail("invalid", errors[0]!.message, { fields: errors.map((e) => e.field), extra: { errors } });

async function checkRefs(tx: Queryable, user: Actor, input: ProjectInputT): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const [c] = await rows<{ level: string }>(tx, sql`SELECT level::text AS level FROM regions WHERE code = ${input.regionCode} AND code LIKE ${scopePattern(user.scopeCode)}`);
  if (!c || c.level !== "community") errors.push({ field: "regionCode", message: "实施社区：不存在或不在您的管辖范围内" });
  const orgWhere = user.role === "org_admin" ? sql`id = ${user.organizationId ?? 0}` : sql`region_code LIKE ${scopePattern(user.scopeCode)}`;
  const [o] = await rows<{ id: number }>(tx, sql`SELECT id FROM organizations WHERE id = ${input.organizationId} AND ${orgWhere}`);
  if (!o) errors.push({ field: "organizationId", message: user.role === "org_admin" ? "实施组织：组织管理员只能为本组织登记项目" : "实施组织：不存在或不在您的管辖范围内" });
  if (input.partnerId !== null) {
    const [p] = await rows<{ id: number }>(tx, sql`SELECT pt.id FROM partners pt WHERE pt.id = ${input.partnerId} AND ${partnerScopeSql(user)}`);
    if (!p) errors.push({ field: "partnerId", message: "合作伙伴：不存在或不在您的管辖范围内" });
  }
  return errors;
}

/** Creates a project in the actor's reach (community and organization in scope; an org admin: their own organization). */
export async function createProject(db: Db, actor: Actor, input: ProjectInputT): Promise<Result<{ id: number }>> {
  const user = actor;
  if (!canWrite(user.role)) return READ_ONLY();
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    const errors = await checkRefs(tx, user, input);
    if (errors.length > 0) return invalid(errors);
    const [r] = await rows<{ id: number }>(
      tx,
      sql`INSERT INTO projects (name, sector, region_code, organization_id, partner_id, start_date, end_date, status, description)
        VALUES (${input.name}, ${input.sector}, ${input.regionCode}, ${input.organizationId}, ${input.partnerId}, ${input.startDate}::date,
          ${input.endDate}::date, ${input.status}, ${input.description}) RETURNING id`,
    );
    const id = Number(r!.id);
    await writeAudit(tx, { userId: user.id, username: user.username, role: user.role, ip: user.ip ?? null, action: "project.create", objectType: "project", objectId: id, summary: { ...input } });
    return { ok: true, id };
  });
}

/**
 * Edits a project the actor may edit, if it is still as they loaded it (`fingerprint`, the md5 of
 * the row): otherwise `conflict` and nothing changes.
 */
export async function updateProject(db: Db, actor: Actor, { id, fingerprint, data: input }: { id: number; fingerprint: string; data: ProjectInputT }): Promise<Result<{ id: number }>> {
  const user = actor;
  if (!canWrite(user.role)) return READ_ONLY();
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    // Editable only inside the editor's reach: an org admin edits their own organization's projects.
    const editable = user.role === "org_admin" ? sql`p.organization_id = ${user.organizationId ?? 0}` : projectScopeSql(user);
    const [cur] = await rows<{ id: number; fp: string; name: string; sector: string; status: string; region_code: string; organization_id: number }>(
      tx,
      sql`SELECT p.id, md5(p::text) AS fp, p.name, p.sector::text AS sector, p.status::text AS status, p.region_code, p.organization_id FROM projects p WHERE p.id = ${id} AND ${editable} FOR UPDATE`,
    );
    if (!cur) return fail("not_found", "项目不存在或不在您的权限范围内");
    if (cur.fp !== fingerprint) return STALE();
    const errors = await checkRefs(tx, user, input);
    if (errors.length > 0) return invalid(errors);
    const updated = await rows<{ id: number }>(
      tx,
      sql`UPDATE projects p SET name = ${input.name}, sector = ${input.sector}, region_code = ${input.regionCode}, organization_id = ${input.organizationId},
          partner_id = ${input.partnerId}, start_date = ${input.startDate}::date, end_date = ${input.endDate}::date, status = ${input.status},
          description = ${input.description}
        WHERE p.id = ${id} AND md5(p::text) = ${fingerprint} RETURNING p.id`,
    );
    if (updated.length === 0) return STALE();
    await writeAudit(tx, {
      userId: user.id,
      username: user.username,
      role: user.role,
      ip: user.ip ?? null,
      action: "project.update",
      objectType: "project",
      objectId: id,
      summary: { before: { name: cur.name, sector: cur.sector, status: cur.status, regionCode: cur.region_code, organizationId: cur.organization_id }, after: { ...input } },
    });
    return { ok: true, id };
  });
}
