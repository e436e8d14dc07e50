import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type Queryable, rows } from "@/db/client";
import { levelOf, scopePattern } from "@/lib/auth/rules";
import { grainFor } from "@/lib/metrics/compute";
import type { Actor } from "@/lib/auth/actor";
import { SECTOR_KEYS, type SectorKey } from "@/lib/volunteers/rules";
import type { ProjectFilters, ProjectStatus } from "./rules";

/**
 * Reads of projects, partners and the coverage matrix. Scope in the WHERE clause: a project is
 * visible when it takes place in the user's region (an organization admin also sees their own
 * organization's projects). Partners are visible when their region contains or lies in the user's.
 */
export function projectScopeSql(user: Actor, alias = "p"): SQL {
  const p = sql.raw(alias);
  switch (user.role) {
    case "wmb_staff":
    case "leader":
    case "street_officer":
      return sql`${p}.region_code LIKE ${scopePattern(user.scopeCode)}`;
    case "org_admin":
      return sql`(${p}.region_code LIKE ${scopePattern(user.scopeCode)} OR ${p}.organization_id = ${user.organizationId ?? 0})`;
    default:
      return sql`false`;
  }
}

export function partnerScopeSql(user: Actor, alias = "pt"): SQL {
  const p = sql.raw(alias);
  if (!["wmb_staff", "leader", "street_officer", "org_admin"].includes(user.role)) return sql`false`;
  return sql`(${p}.region_code LIKE ${scopePattern(user.scopeCode)} OR ${user.scopeCode} LIKE ${p}.region_code || '%')`;
}

const regionPathSql = (col: string) =>
  sql.raw(`concat_ws(' ', (SELECT name FROM regions WHERE code = left(${col}, 6)),
    CASE WHEN length(${col}) >= 9 THEN (SELECT name FROM regions WHERE code = left(${col}, 9)) END,
    CASE WHEN length(${col}) = 12 THEN (SELECT name FROM regions WHERE code = ${col}) END)`);

export interface ProjectItem {
  id: number;
  name: string;
  sector: SectorKey;
  status: ProjectStatus;
  regionCode: string;
  regionPath: string;
  organizationId: number;
  organization: string;
  partnerId: number | null;
  partner: string | null;
  startDate: string;
  endDate: string | null;
  description: string | null;
  /** md5 of the row: an edit succeeds only if the row is still what the editor loaded. */
  fingerprint: string;
}

interface ProjectRow {
  id: number;
  name: string;
  sector: SectorKey;
  status: ProjectStatus;
  region_code: string;
  path: string;
  organization_id: number;
  organization: string;
  partner_id: number | null;
  partner: string | null;
  start_date: string;
  end_date: string | null;
  description: string | null;
  fp: string;
}

const projectSelect = sql`SELECT p.id, p.name, p.sector::text AS sector, p.status::text AS status, p.region_code, ${regionPathSql("p.region_code")} AS path,
    p.organization_id, o.name AS organization, p.partner_id, pt.name AS partner, p.start_date::text AS start_date, p.end_date::text AS end_date,
    p.description, md5(p::text) AS fp
  FROM projects p JOIN organizations o ON o.id = p.organization_id LEFT JOIN partners pt ON pt.id = p.partner_id`;

function toProject(r: ProjectRow): ProjectItem {
  return {
    id: Number(r.id),
    name: r.name,
    sector: r.sector,
    status: r.status,
    regionCode: r.region_code,
    regionPath: r.path,
    organizationId: Number(r.organization_id),
    organization: r.organization,
    partnerId: r.partner_id === null ? null : Number(r.partner_id),
    partner: r.partner,
    startDate: r.start_date,
    endDate: r.end_date,
    description: r.description,
    fingerprint: r.fp,
  };
}

/** One page of the projects the actor may see, newest first. */
export async function listProjects(db: Queryable, actor: Actor, f: ProjectFilters & { pageSize?: number }) {
  const pageSize = f.pageSize ?? 20;
  const parts: SQL[] = [projectScopeSql(actor)];
  if (f.q) parts.push(sql`p.name LIKE ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (f.region) parts.push(sql`p.region_code LIKE ${scopePattern(f.region)}`);
  if (f.sector) parts.push(sql`p.sector = ${f.sector}`);
  if (f.status) parts.push(sql`p.status = ${f.status}`);
  if (f.org) parts.push(sql`p.organization_id = ${f.org}`);
  if (f.partner) parts.push(sql`p.partner_id = ${f.partner}`);
  const where = sql.join(parts, sql` AND `);
  const [c] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM projects p WHERE ${where}`);
  const total = Number(c?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(f.page, pages);
  const r = await rows<ProjectRow>(db, sql`${projectSelect} WHERE ${where} ORDER BY p.start_date DESC, p.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  return { items: r.map(toProject), total, page, pages, pageSize };
}

/** One project, or null when unknown or outside the actor's scope. */
export async function getProject(db: Queryable, actor: Actor, { id }: { id: number }): Promise<ProjectItem | null> {
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) return null;
  const [r] = await rows<ProjectRow>(db, sql`${projectSelect} WHERE p.id = ${id} AND ${projectScopeSql(actor)}`);
  return r ? toProject(r) : null;
}

export interface PartnerItem {
  id: number;
  name: string;
  kind: string;
  regionCode: string;
  region: string;
  agreementDate: string | null;
  amountYuan: number | null;
  inKind: string | null;
  projects: number;
}

/** Partners whose region contains or lies in the actor's, with their projects the actor may see. */
export async function listPartners(db: Queryable, actor: Actor): Promise<PartnerItem[]> {
  const r = await rows<{ id: number; name: string; kind: string; region_code: string; region: string | null; agreement_date: string | null; amount_yuan: string | null; in_kind: string | null; projects: number }>(
    db,
    sql`SELECT pt.id, pt.name, pt.kind, pt.region_code, rg.name AS region, pt.agreement_date::text AS agreement_date, pt.amount_yuan, pt.in_kind,
        (SELECT count(*)::int FROM projects p WHERE p.partner_id = pt.id AND ${projectScopeSql(actor)}) AS projects
      FROM partners pt LEFT JOIN regions rg ON rg.code = pt.region_code
      WHERE ${partnerScopeSql(actor)} ORDER BY pt.agreement_date DESC NULLS LAST, pt.id`,
  );
  return r.map((x) => ({
    id: Number(x.id),
    name: x.name,
    kind: x.kind,
    regionCode: x.region_code,
    region: x.region ?? x.region_code,
    agreementDate: x.agreement_date,
    amountYuan: x.amount_yuan === null ? null : Number(x.amount_yuan),
    inKind: x.in_kind,
    projects: Number(x.projects),
  }));
}

export interface CoverageRow {
  code: string;
  name: string;
  level: string;
  bySector: Record<SectorKey, number>;
  total: number;
  gaps: number;
}

/**
 * Regions × six sectors: active projects per child region of `code` in [from, to]. The definition
 * is the cockpit's (lib/metrics/compute.ts projects()): status 'active', start_date <= to, end_date
 * null or >= from, keyed by the child's code prefix — so both views always show the same numbers.
 * For a community (no children) the community itself is the one row.
 */
export async function getCoverage(db: Queryable, actor: Actor, { code, from, to }: { code: string; from: string; to: string }): Promise<{ rows: CoverageRow[]; level: string } | null> {
  const [region] = await rows<{ code: string; name: string; level: string }>(
    db,
    sql`SELECT code, name, level::text AS level FROM regions WHERE code = ${code} AND code LIKE ${scopePattern(actor.scopeCode)}`,
  );
  if (!region) return null;
  const { childLen } = grainFor(levelOf(code));
  const kids = childLen
    ? await rows<{ code: string; name: string; level: string }>(db, sql`SELECT code, name, level::text AS level FROM regions WHERE parent_code = ${code} ORDER BY code`)
    : [region];
  const key = childLen ? sql.raw(`left(region_code, ${childLen})`) : sql`${code}::text`;
  const counts = await rows<{ k: string; sector: SectorKey; n: number }>(
    db,
    sql`SELECT ${key} AS k, sector::text AS sector, count(*)::int AS n FROM projects
      WHERE region_code LIKE ${`${code}%`} AND status = 'active' AND start_date <= ${to}::date AND (end_date IS NULL OR end_date >= ${from}::date)
      GROUP BY 1, 2`,
  );
  const by = new Map<string, Record<SectorKey, number>>();
  for (const c of counts) {
    const cur = by.get(c.k) ?? (Object.fromEntries(SECTOR_KEYS.map((s) => [s, 0])) as Record<SectorKey, number>);
    cur[c.sector] = Number(c.n);
    by.set(c.k, cur);
  }
  return {
    level: region.level,
    rows: kids.map((k) => {
      const bySector = by.get(k.code) ?? (Object.fromEntries(SECTOR_KEYS.map((s) => [s, 0])) as Record<SectorKey, number>);
      return { code: k.code, name: k.name, level: k.level, bySector, total: SECTOR_KEYS.reduce((s, x) => s + bySector[x], 0), gaps: SECTOR_KEYS.filter((s) => bySector[s] === 0).length };
    }),
  };
}

/** Organizations an actor may attach a project to (org admin: only their own). */
export async function projectOrgOptions(db: Queryable, actor: Actor): Promise<{ id: number; name: string }[]> {
  const where = actor.role === "org_admin" ? sql`o.id = ${actor.organizationId ?? 0}` : sql`o.region_code LIKE ${scopePattern(actor.scopeCode)}`;
  const r = await rows<{ id: number; name: string }>(db, sql`SELECT o.id, o.name FROM organizations o WHERE ${where} ORDER BY o.name LIMIT 3000`);
  return r.map((x) => ({ id: Number(x.id), name: x.name }));
}
