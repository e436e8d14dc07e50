import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type Queryable, rows } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { scopePattern } from "@/lib/auth/rules";
import { orgScopeSql } from "./queries";
import { buildTree, type FlatNode, type OrgLevel, type TreeNode } from "./tree";

/**
 * Reads of the volunteer structure: a district's forest and one node's subtree, with each node's own
 * figures (members, verified hours, activities in the month, active projects) from the raw tables —
 * one grouped scan per figure over the node set, by the indexes on organization_id — rolled up in
 * `buildTree`. Scope in the WHERE of every query (`orgScopeSql`).
 */

/** [from, to) of a month `YYYY-MM` in China time, as timestamptz literals. */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { from: `${month}-01T00:00:00+08:00`, to: `${next}-01T00:00:00+08:00` };
}

/** The nodes named by `ids` (a SELECT of ids), with their own figures. */
async function nodesOf(db: Queryable, ids: SQL, month: string): Promise<FlatNode[]> {
  const { from, to } = monthBounds(month);
  const r = await rows<{ id: number; name: string; level: OrgLevel; parent_id: number | null; region_code: string; members: number; hours: string; activities: number; projects: number }>(
    db,
    sql`WITH t AS (${ids})
      SELECT o.id, o.name, o.level, o.parent_id, o.region_code,
        coalesce(m.n, 0)::int AS members, coalesce(h.h, 0) AS hours, coalesce(a.n, 0)::int AS activities, coalesce(p.n, 0)::int AS projects
      FROM organizations o
      LEFT JOIN (SELECT organization_id AS id, count(*) AS n FROM memberships WHERE organization_id IN (SELECT id FROM t) GROUP BY 1) m ON m.id = o.id
      LEFT JOIN (SELECT organization_id AS id, sum(hours) AS h FROM service_records WHERE status = 'verified' AND organization_id IN (SELECT id FROM t) GROUP BY 1) h ON h.id = o.id
      LEFT JOIN (SELECT organization_id AS id, count(*) AS n FROM activities
                 WHERE status <> 'cancelled' AND starts_at >= ${from}::timestamptz AND starts_at < ${to}::timestamptz AND organization_id IN (SELECT id FROM t) GROUP BY 1) a ON a.id = o.id
      LEFT JOIN (SELECT organization_id AS id, count(*) AS n FROM projects WHERE status = 'active' AND organization_id IN (SELECT id FROM t) GROUP BY 1) p ON p.id = o.id
      WHERE o.id IN (SELECT id FROM t)`,
  );
  return r.map((x) => ({
    id: Number(x.id),
    name: x.name,
    level: x.level,
    parentId: x.parent_id == null ? null : Number(x.parent_id),
    regionCode: x.region_code,
    own: { members: Number(x.members), verifiedHours: Math.round(Number(x.hours) * 100) / 100, activities: Number(x.activities), activeProjects: Number(x.projects) },
  }));
}

/**
 * The forest of one region (a district, a street or the whole city) as the actor sees it: every
 * organization based there, children under their parents, a root where the parent lies outside.
 */
export async function getRegionTree(db: Queryable, actor: Actor, { regionCode, month }: { regionCode: string; month: string }): Promise<TreeNode[]> {
  const ids = sql`SELECT o.id FROM organizations o WHERE o.region_code LIKE ${scopePattern(regionCode)} AND ${orgScopeSql(actor)}`;
  return buildTree(await nodesOf(db, ids, month));
}

/** SQL of the ids in the subtree of `id` (itself included) the actor may see; depth-limited against bad data. */
export function subtreeIdsSql(actor: Actor, id: number): SQL {
  return sql`WITH RECURSIVE sub(id, depth) AS (
      SELECT o.id, 0 FROM organizations o WHERE o.id = ${id} AND ${orgScopeSql(actor)}
      UNION
      SELECT o.id, sub.depth + 1 FROM organizations o JOIN sub ON o.parent_id = sub.id WHERE sub.depth < 32 AND ${orgScopeSql(actor)}
    ) SELECT DISTINCT id FROM sub`;
}

/** One node with its subtree and rolled-up totals, or null when unknown or out of scope. */
export async function getOrganizationTree(db: Queryable, actor: Actor, { id, month }: { id: number; month: string }): Promise<TreeNode | null> {
  const nodes = await nodesOf(db, subtreeIdsSql(actor, id), month);
  const root = buildTree(nodes).find((n) => n.id === id);
  return root ?? null;
}

/** The districts the actor may pick on the tree page (its own when it is a district or below). */
export async function treeRegionOptions(db: Queryable, actor: Actor): Promise<{ code: string; name: string }[]> {
  if (actor.scopeCode.length >= 6) {
    const r = await rows<{ code: string; name: string }>(db, sql`SELECT code, name FROM regions WHERE code = ${actor.scopeCode.slice(0, 6)}`);
    return r;
  }
  return rows<{ code: string; name: string }>(db, sql`SELECT code, name FROM regions WHERE length(code) = 6 AND code LIKE ${scopePattern(actor.scopeCode)} ORDER BY code`);
}

/** Parents the actor may choose in the form: the 总队 and 分队 it may write (based in its region). */
export async function listParentOptions(db: Queryable, actor: Actor): Promise<{ id: number; name: string; level: OrgLevel }[]> {
  const r = await rows<{ id: number; name: string; level: OrgLevel }>(
    db,
    sql`SELECT id, name, level FROM organizations WHERE level IN ('corps', 'division') AND region_code LIKE ${scopePattern(actor.scopeCode)}
      ORDER BY level = 'division', region_code, name LIMIT 500`,
  );
  return r.map((x) => ({ ...x, id: Number(x.id) }));
}

/** The organization as the edit form needs it (writable by the actor), or null. */
export async function getOrganizationForEdit(db: Queryable, actor: Actor, { id }: { id: number }) {
  const [o] = await rows<{ id: number; name: string; type: string; level: OrgLevel; parent_id: number | null; parent_name: string | null; parent_level: OrgLevel | null; region_code: string; supervisor_code: string; version: number }>(
    db,
    sql`SELECT o.id, o.name, o.type::text AS type, o.level, o.parent_id, p.name AS parent_name, p.level AS parent_level, o.region_code, o.supervisor_code, o.version
      FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id
      WHERE o.id = ${id} AND o.region_code LIKE ${scopePattern(actor.scopeCode)} AND ${orgScopeSql(actor)}`,
  );
  if (!o) return null;
  const parent = o.parent_id == null ? null : { id: Number(o.parent_id), name: o.parent_name ?? "", level: o.parent_level ?? ("other" as OrgLevel) };
  return { id: Number(o.id), name: o.name, type: o.type, level: o.level, parentId: parent?.id ?? null, parent, regionCode: o.region_code, supervisorCode: o.supervisor_code, version: Number(o.version) };
}

/** Teams a member of `organizationId` may be moved to: the 小队 of the same street (or district), in the actor's region. */
export async function listMoveTargets(db: Queryable, actor: Actor, { organizationId, regionCode }: { organizationId: number; regionCode: string }) {
  const area = regionCode.slice(0, Math.min(9, regionCode.length));
  const r = await rows<{ id: number; name: string }>(
    db,
    sql`SELECT id, name FROM organizations WHERE level = 'team' AND id <> ${organizationId} AND region_code LIKE ${scopePattern(area)} AND region_code LIKE ${scopePattern(actor.scopeCode)}
      ORDER BY name LIMIT 200`,
  );
  return r.map((x) => ({ id: Number(x.id), name: x.name }));
}
