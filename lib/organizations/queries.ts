import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type Queryable, rows } from "@/db/client";
import { scopePattern } from "@/lib/auth/rules";
import { maskPhone } from "@/lib/volunteers/rules";
import { parsePgArray, pgArrayLiteral } from "@/db/sql-array";
import type { Actor } from "@/lib/auth/actor";
import { volunteerScopeSql } from "@/lib/auth/scope";
import type { OrgFilters, OrgType } from "./rules";
import type { OrgLevel } from "./tree";

/**
 * Reads of organizations and teams. Scope in the WHERE clause: an organization is visible when it is
 * based in the actor's region (an organization admin also always sees their own). Members shown on an
 * organization's page are additionally limited to the volunteers the actor may see. `fn(db, actor, input)`.
 */
export function orgScopeSql(user: Actor, alias = "o"): SQL {
  const o = sql.raw(alias);
  switch (user.role) {
    case "wmb_staff":
    case "leader":
    case "street_officer":
      return sql`${o}.region_code LIKE ${scopePattern(user.scopeCode)}`;
    case "org_admin":
      return sql`(${o}.region_code LIKE ${scopePattern(user.scopeCode)} OR ${o}.id = ${user.organizationId ?? 0})`;
    default:
      return sql`false`;
  }
}

export interface OrgListItem {
  id: number;
  name: string;
  type: OrgType;
  isTeam: boolean;
  regionCode: string;
  regionPath: string;
  address: string | null;
  sectors: string[];
  members: number;
  activeProjects: number;
  verifiedHours: number;
}

const PAGE = 20;

/** "莱西市 水集街道 XX社区" for any region code, from one join. */
const regionPathSql = (col: string) =>
  sql.raw(`concat_ws(' ', (SELECT name FROM regions WHERE code = left(${col}, 6)),
    CASE WHEN length(${col}) >= 9 THEN (SELECT name FROM regions WHERE code = left(${col}, 9)) END,
    CASE WHEN length(${col}) = 12 THEN (SELECT name FROM regions WHERE code = ${col}) END)`);

/** Verified hours per organization (one grouped scan for a page of organizations). */
async function hoursFor(db: Queryable, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const r = await rows<{ id: number; h: string }>(
    db,
    sql`SELECT organization_id AS id, sum(hours) AS h FROM service_records WHERE status = 'verified' AND organization_id = ANY(${pgArrayLiteral(ids)}::int[]) GROUP BY 1`,
  );
  return new Map(r.map((x) => [Number(x.id), Number(x.h)]));
}

/** One page of the organizations and teams the actor may see, by region, type, sector and name. */
export async function listOrganizations(db: Queryable, actor: Actor, f: OrgFilters & { pageSize?: number }) {
  const pageSize = f.pageSize ?? PAGE;
  const parts: SQL[] = [orgScopeSql(actor)];
  if (f.q) parts.push(sql`o.name LIKE ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (f.region) parts.push(sql`o.region_code LIKE ${scopePattern(f.region)}`);
  if (f.type) parts.push(sql`o.type = ${f.type}`);
  if (f.sector) parts.push(sql`${f.sector} = ANY(o.sectors)`);
  const where = sql.join(parts, sql` AND `);
  const [c] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM organizations o WHERE ${where}`);
  const total = Number(c?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(f.page, pages);
  const r = await rows<{ id: number; name: string; type: OrgType; is_team: boolean; region_code: string; path: string; address: string | null; sectors: string[] | string; members: number; projects: number }>(
    db,
    sql`SELECT o.id, o.name, o.type::text AS type, o.is_team, o.region_code, ${regionPathSql("o.region_code")} AS path, o.address, o.sectors,
        (SELECT count(*)::int FROM memberships m WHERE m.organization_id = o.id) AS members,
        (SELECT count(*)::int FROM projects p WHERE p.organization_id = o.id AND p.status = 'active') AS projects
      FROM organizations o WHERE ${where} ORDER BY o.region_code, o.name, o.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  const hours = await hoursFor(db, r.map((x) => Number(x.id)));
  const items: OrgListItem[] = r.map((x) => ({
    id: Number(x.id),
    name: x.name,
    type: x.type,
    isTeam: x.is_team === true || (x.is_team as unknown) === "t",
    regionCode: x.region_code,
    regionPath: x.path,
    address: x.address,
    sectors: parsePgArray(x.sectors),
    members: Number(x.members),
    activeProjects: Number(x.projects),
    verifiedHours: hours.get(Number(x.id)) ?? 0,
  }));
  return { items, total, page, pages, pageSize };
}

export interface OrgDetail extends OrgListItem {
  level: OrgLevel;
  parent: { id: number; name: string } | null;
  supervisorCode: string;
  supervisor: string;
  contactName: string | null;
  contactPhone: string | null;
  foundedOn: string | null;
  membersVisible: number;
  memberList: { id: number; volunteerNo: string; name: string; phone: string; role: string; joinedOn: string; starLevel: number; verifiedHours: number }[];
  projects: { id: number; name: string; sector: string; status: string; regionPath: string; startDate: string; endDate: string | null; partner: string | null }[];
  activities: { id: number; title: string; sector: string; status: string; startsAt: string; regionPath: string; capacity: number; enrolled: number }[];
  activityCount: number;
  verifiedRecords: number;
}

/** One organization's page, or null when unknown or outside the actor's scope. */
export async function getOrganization(db: Queryable, actor: Actor, { id, memberPage: page }: { id: number; memberPage?: number }): Promise<OrgDetail | null> {
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) return null;
  const [o] = await rows<{
    id: number;
    name: string;
    type: OrgType;
    is_team: boolean;
    region_code: string;
    path: string;
    address: string | null;
    sectors: string[] | string;
    parent_id: number | null;
    parent_name: string | null;
    supervisor_code: string;
    supervisor: string | null;
    contact_name: string | null;
    contact_phone: string | null;
    founded_on: string | null;
    level: OrgLevel;
  }>(
    db,
    sql`SELECT o.id, o.name, o.type::text AS type, o.level, o.is_team, o.region_code, ${regionPathSql("o.region_code")} AS path, o.address, o.sectors,
        o.parent_id, po.name AS parent_name, o.supervisor_code, sr.name AS supervisor, o.contact_name, o.contact_phone, o.founded_on::text AS founded_on
      FROM organizations o LEFT JOIN organizations po ON po.id = o.parent_id LEFT JOIN regions sr ON sr.code = o.supervisor_code
      WHERE o.id = ${id} AND ${orgScopeSql(actor)}`,
  );
  if (!o) return null;
  const memberPage = Math.max(1, page ?? 1);
  const [counts] = await rows<{ members: number; visible: number; activities: number; projects: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM memberships m WHERE m.organization_id = ${id}) AS members,
        (SELECT count(*)::int FROM memberships m JOIN volunteers v ON v.id = m.volunteer_id WHERE m.organization_id = ${id} AND ${volunteerScopeSql(actor, "v")}) AS visible,
        (SELECT count(*)::int FROM activities a WHERE a.organization_id = ${id}) AS activities,
        (SELECT count(*)::int FROM projects p WHERE p.organization_id = ${id} AND p.status = 'active') AS projects`,
  );
  const members = await rows<{ id: number; volunteer_no: string; name: string; phone_last4: string; role: string; joined_on: string; star_level: number; verified_hours: string }>(
    db,
    sql`SELECT v.id, v.volunteer_no, v.name, v.phone_last4, m.role, m.joined_on::text AS joined_on, v.star_level, v.verified_hours
      FROM memberships m JOIN volunteers v ON v.id = m.volunteer_id
      WHERE m.organization_id = ${id} AND ${volunteerScopeSql(actor, "v")}
      ORDER BY (m.role = 'leader') DESC, (m.role = 'deputy') DESC, v.verified_hours DESC, v.id LIMIT 50 OFFSET ${(memberPage - 1) * 50}`,
  );
  const projects = await rows<{ id: number; name: string; sector: string; status: string; path: string; start_date: string; end_date: string | null; partner: string | null }>(
    db,
    sql`SELECT p.id, p.name, p.sector::text AS sector, p.status::text AS status, ${regionPathSql("p.region_code")} AS path,
        p.start_date::text AS start_date, p.end_date::text AS end_date, pt.name AS partner
      FROM projects p LEFT JOIN partners pt ON pt.id = p.partner_id WHERE p.organization_id = ${id} ORDER BY p.status, p.start_date DESC LIMIT 100`,
  );
  const activities = await rows<{ id: number; title: string; sector: string; status: string; starts_at: string; path: string; capacity: number; enrolled: number }>(
    db,
    sql`SELECT a.id, a.title, a.sector::text AS sector, a.status::text AS status, to_char(a.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS starts_at,
        ${regionPathSql("a.region_code")} AS path, a.capacity,
        (SELECT count(*)::int FROM enrolments e WHERE e.activity_id = a.id AND e.status = 'enrolled') AS enrolled
      FROM activities a WHERE a.organization_id = ${id} ORDER BY a.starts_at DESC LIMIT 20`,
  );
  const [h] = await rows<{ h: string; n: number }>(
    db,
    sql`SELECT coalesce(sum(hours), 0) AS h, count(*)::int AS n FROM service_records WHERE organization_id = ${id} AND status = 'verified'`,
  );
  return {
    id: Number(o.id),
    name: o.name,
    type: o.type,
    isTeam: o.is_team === true || (o.is_team as unknown) === "t",
    level: o.level,
    regionCode: o.region_code,
    regionPath: o.path,
    address: o.address,
    sectors: parsePgArray(o.sectors),
    members: Number(counts?.members ?? 0),
    activeProjects: Number(counts?.projects ?? 0),
    verifiedHours: Number(h?.h ?? 0),
    verifiedRecords: Number(h?.n ?? 0),
    parent: o.parent_id ? { id: Number(o.parent_id), name: o.parent_name ?? "" } : null,
    supervisorCode: o.supervisor_code,
    supervisor: o.supervisor ?? "",
    contactName: o.contact_name,
    contactPhone: o.contact_phone,
    foundedOn: o.founded_on,
    membersVisible: Number(counts?.visible ?? 0),
    memberList: members.map((m) => ({
      id: Number(m.id),
      volunteerNo: m.volunteer_no,
      name: m.name,
      phone: maskPhone(m.phone_last4),
      role: m.role,
      joinedOn: m.joined_on,
      starLevel: Number(m.star_level),
      verifiedHours: Number(m.verified_hours),
    })),
    projects: projects.map((p) => ({ id: Number(p.id), name: p.name, sector: p.sector, status: p.status, regionPath: p.path, startDate: p.start_date, endDate: p.end_date, partner: p.partner })),
    activities: activities.map((a) => ({ id: Number(a.id), title: a.title, sector: a.sector, status: a.status, startsAt: a.starts_at, regionPath: a.path, capacity: Number(a.capacity), enrolled: Number(a.enrolled) })),
    activityCount: Number(counts?.activities ?? 0),
  };
}

/** Public: the organizations and teams based in one street (names only), for the /join page — teams first. */
export async function listJoinOrganizations(db: Queryable, { street }: { street: string }): Promise<{ id: number; name: string; regionCode: string }[]> {
  const r = await rows<{ id: number; name: string; region_code: string }>(
    db,
    sql`SELECT id, name, region_code FROM organizations WHERE region_code LIKE ${`${street}%`} ORDER BY is_team DESC, name LIMIT 200`,
  );
  return r.map((o) => ({ id: Number(o.id), name: o.name, regionCode: o.region_code }));
}
