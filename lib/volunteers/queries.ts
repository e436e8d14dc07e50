import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type Db, type Queryable, rows } from "@/db/client";
import { parsePgArray } from "@/db/sql-array";
import { audit, writeAudit } from "@/lib/audit/log";
import { scopePattern } from "@/lib/auth/rules";
import { today } from "@/lib/metrics/clock";
import { ACTIVE_WINDOW_DAYS, addDays } from "@/lib/metrics/rules";
import { type VolunteerFilters, PAGE_SIZE } from "./filters";
import { decryptPii } from "./pii";
import { hoursToNextStar, maskIdCard, maskPhone, type SectorKey, starLevel } from "./rules";
import { type Actor, hasPermission } from "@/lib/auth/actor";
import { volunteerScopeSql } from "@/lib/auth/scope";
import { fail, type Result } from "@/lib/http";

/**
 * Reads of volunteer records. Every query carries the caller's scope in its WHERE clause
 * (volunteerScopeSql on the actor), so a record outside it is simply "not found". No query here ever
 * returns an ID or phone number in full: lists and pages get masked values; only revealPii decrypts,
 * for an actor holding `pii_reveal`, and audits it. Every function is `fn(db, actor, input)`.
 */

export interface VolunteerListItem {
  id: number;
  volunteerNo: string;
  name: string;
  gender: "M" | "F";
  age: number;
  idCard: string; // masked
  phone: string; // masked
  communityCode: string;
  community: string;
  street: string;
  district: string;
  starLevel: number;
  verifiedHours: number;
  registeredOn: string;
  status: string;
  active: boolean;
  sectorIntentions: SectorKey[];
}

/** Masks a stored phone: decrypts in memory and keeps only the first 3 and last 4 digits. */
function maskedPhone(enc: string, last4: string): string {
  try {
    return maskPhone(decryptPii(enc));
  } catch {
    return maskPhone(last4);
  }
}

function filterSql(actor: Actor, f: VolunteerFilters, day: string): SQL {
  const parts: SQL[] = [volunteerScopeSql(actor, "v")];
  const q = f.q.trim();
  if (q) {
    if (/^\d{4}$/.test(q)) parts.push(sql`v.phone_last4 = ${q}`);
    else if (/^[A-Za-z]{1,4}\d{4,}/.test(q)) parts.push(sql`v.volunteer_no = ${q.toUpperCase()}`);
    else parts.push(sql`v.name LIKE ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  }
  if (f.region) parts.push(sql`v.community_code LIKE ${scopePattern(f.region)}`);
  if (f.org) parts.push(sql`EXISTS (SELECT 1 FROM memberships fm WHERE fm.volunteer_id = v.id AND fm.organization_id = ${f.org})`);
  if (f.star !== null) parts.push(sql`v.star_level = ${f.star}`);
  if (f.sector) parts.push(sql`${f.sector} = ANY(v.sector_intentions)`);
  if (f.active !== null) parts.push(sql`${f.active ? sql`` : sql`NOT`} ${activeSql(day)}`);
  return sql.join(parts, sql` AND `);
}

/** Active = a verified service record in the 30 days ending today (the cockpit's definition). */
function activeSql(day: string): SQL {
  return sql`EXISTS (SELECT 1 FROM service_records sa WHERE sa.volunteer_id = v.id AND sa.status = 'verified'
    AND sa.service_date > ${addDays(day, -ACTIVE_WINDOW_DAYS)}::date AND sa.service_date <= ${day}::date)`;
}

interface ListRow {
  id: number;
  volunteer_no: string;
  name: string;
  gender: "M" | "F";
  age: number;
  id_prefix: string;
  id_last4: string;
  phone_enc: string;
  phone_last4: string;
  community_code: string;
  community: string | null;
  street: string | null;
  district: string | null;
  star_level: number;
  verified_hours: string;
  registered_on: string;
  status: string;
  active: boolean;
  sector_intentions: SectorKey[] | string;
}

function toItem(r: ListRow): VolunteerListItem {
  return {
    id: Number(r.id),
    volunteerNo: r.volunteer_no,
    name: r.name,
    gender: r.gender,
    age: Number(r.age),
    idCard: maskIdCard(r.id_prefix, r.id_last4),
    phone: maskedPhone(r.phone_enc, r.phone_last4),
    communityCode: r.community_code,
    community: r.community ?? "",
    street: r.street ?? "",
    district: r.district ?? "",
    starLevel: Number(r.star_level),
    verifiedHours: Number(r.verified_hours),
    registeredOn: String(r.registered_on).slice(0, 10),
    status: r.status,
    active: r.active === true || (r.active as unknown) === "t",
    sectorIntentions: parsePgArray(r.sector_intentions) as SectorKey[],
  };
}

function listSelect(day: string): SQL {
  return sql`SELECT v.id, v.volunteer_no, v.name, v.gender, date_part('year', age(${day}::date, v.birth_date))::int AS age,
      v.id_prefix, v.id_last4, v.phone_enc, v.phone_last4, v.community_code,
      c.name AS community, s.name AS street, d.name AS district, v.star_level, v.verified_hours,
      v.registered_on::text AS registered_on, v.status, ${activeSql(day)} AS active, v.sector_intentions
    FROM volunteers v
    LEFT JOIN regions c ON c.code = v.community_code
    LEFT JOIN regions s ON s.code = left(v.community_code, 9)
    LEFT JOIN regions d ON d.code = left(v.community_code, 6)`;
}

export interface SearchResult {
  items: VolunteerListItem[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

/** One page of the volunteers the actor may see, newest registrations first. */
export async function searchVolunteers(db: Queryable, actor: Actor, f: VolunteerFilters & { pageSize?: number }): Promise<SearchResult> {
  const pageSize = f.pageSize ?? PAGE_SIZE;
  const day = today();
  const where = filterSql(actor, f, day);
  const [c] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM volunteers v WHERE ${where}`);
  const total = Number(c?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(f.page, pages);
  const r = await rows<ListRow>(db, sql`${listSelect(day)} WHERE ${where} ORDER BY v.registered_on DESC, v.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  return { items: r.map(toItem), total, page, pages, pageSize };
}

/** Every matching volunteer in batches (keyset on id), for the masked export. */
export async function* exportVolunteers(db: Queryable, actor: Actor, f: VolunteerFilters & { limit?: number }): AsyncGenerator<VolunteerListItem[]> {
  const limit = f.limit ?? 200_000;
  const day = today();
  const where = filterSql(actor, f, day);
  let after = 0;
  let sent = 0;
  while (sent < limit) {
    const r = await rows<ListRow>(db, sql`${listSelect(day)} WHERE ${where} AND v.id > ${after} ORDER BY v.id LIMIT 2000`);
    if (r.length === 0) return;
    after = Number(r[r.length - 1]!.id);
    sent += r.length;
    yield r.map(toItem);
  }
}

export interface VolunteerDetail extends VolunteerListItem {
  skills: string[];
  hoursToNext: number | null;
  nextStar: number | null;
  points: number;
  organizations: { id: number; name: string; type: string; role: string; joinedOn: string }[];
  history: { id: number; date: string; hours: number; sector: string; activity: string | null; organization: string | null }[];
  verifiedRecords: number;
  pendingRecords: number;
}

/** One volunteer's page, or null when unknown or outside the actor's scope. */
export async function getVolunteer(db: Queryable, actor: Actor, { id }: { id: number }): Promise<VolunteerDetail | null> {
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) return null;
  const day = today();
  const [r] = await rows<ListRow & { skills: string[] | string }>(db, sql`SELECT x.*, vv.skills FROM (${listSelect(day)} WHERE v.id = ${id} AND ${volunteerScopeSql(actor, "v")}) x JOIN volunteers vv ON vv.id = x.id`);
  if (!r) return null;
  const item = toItem(r);
  const orgs = await rows<{ id: number; name: string; type: string; role: string; joined_on: string }>(
    db,
    sql`SELECT o.id, o.name, o.type::text AS type, m.role, m.joined_on::text AS joined_on FROM memberships m JOIN organizations o ON o.id = m.organization_id
      WHERE m.volunteer_id = ${id} ORDER BY m.joined_on, o.id`,
  );
  const history = await rows<{ id: number; date: string; hours: string; sector: string; activity: string | null; organization: string | null }>(
    db,
    sql`SELECT sr.id, sr.service_date::text AS date, sr.hours, sr.sector::text AS sector, a.title AS activity, o.name AS organization
      FROM service_records sr LEFT JOIN activities a ON a.id = sr.activity_id LEFT JOIN organizations o ON o.id = sr.organization_id
      WHERE sr.volunteer_id = ${id} AND sr.status = 'verified' ORDER BY sr.service_date DESC, sr.id DESC LIMIT 50`,
  );
  const [counts] = await rows<{ verified: number; pending: number }>(
    db,
    sql`SELECT count(*) FILTER (WHERE status = 'verified')::int AS verified, count(*) FILTER (WHERE status = 'pending')::int AS pending FROM service_records WHERE volunteer_id = ${id}`,
  );
  const [acc] = await rows<{ balance: number }>(db, sql`SELECT balance FROM point_accounts WHERE volunteer_id = ${id}`);
  const hours = item.verifiedHours;
  const next = hoursToNextStar(hours);
  return {
    ...item,
    starLevel: starLevel(hours),
    skills: parsePgArray(r.skills),
    hoursToNext: next,
    nextStar: next === null ? null : starLevel(hours) + 1,
    points: Number(acc?.balance ?? 0),
    organizations: orgs.map((o) => ({ id: Number(o.id), name: o.name, type: o.type, role: o.role, joinedOn: o.joined_on })),
    history: history.map((h) => ({ id: Number(h.id), date: h.date, hours: Number(h.hours), sector: h.sector, activity: h.activity, organization: h.organization })),
    verifiedRecords: Number(counts?.verified ?? 0),
    pendingRecords: Number(counts?.pending ?? 0),
  };
}

const NOT_FOUND = "志愿者不存在或不在您的权限范围内";

/**
 * The one place a full ID and phone number leave the database: for an actor holding `pii_reveal`,
 * for one volunteer in their scope, written to the audit log in the same transaction (the log
 * records who, whom and when — never the numbers). A refusal is audited as well.
 */
export async function revealPii(db: Db, actor: Actor, { id }: { id: number }): Promise<Result<{ idCard: string; phone: string }>> {
  const who = { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, objectType: "volunteer", objectId: id };
  if (!hasPermission(actor, "pii_reveal")) {
    await audit(db, { ...who, action: "volunteer.pii_reveal", outcome: "denied", summary: { reason: "no_permission" } });
    return fail("forbidden", "您没有查看完整身份证号和手机号的权限");
  }
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) return fail("not_found", NOT_FOUND);
  return db.transaction(async (tx) => {
    const [r] = await rows<{ id_card_enc: string; phone_enc: string; volunteer_no: string }>(
      tx,
      sql`SELECT v.id_card_enc, v.phone_enc, v.volunteer_no FROM volunteers v WHERE v.id = ${id} AND ${volunteerScopeSql(actor, "v")}`,
    );
    if (!r) return fail("not_found", NOT_FOUND);
    await writeAudit(tx, { ...who, action: "volunteer.pii_reveal", outcome: "success", summary: { volunteerNo: r.volunteer_no, fields: ["id_card", "phone"] } });
    return { ok: true as const, idCard: decryptPii(r.id_card_enc), phone: decryptPii(r.phone_enc) };
  });
}

/** Organizations an actor may filter or register by: those based in their region (an org admin: their own). */
export async function organizationOptions(db: Queryable, actor: Actor): Promise<{ id: number; name: string; regionCode: string }[]> {
  const where =
    actor.role === "org_admin" ? sql`o.id = ${actor.organizationId ?? 0}` : actor.role === "wmb_staff" || actor.role === "leader" || actor.role === "street_officer" ? sql`o.region_code LIKE ${scopePattern(actor.scopeCode)}` : sql`false`;
  const r = await rows<{ id: number; name: string; region_code: string }>(db, sql`SELECT o.id, o.name, o.region_code FROM organizations o WHERE ${where} ORDER BY o.name LIMIT 3000`);
  return r.map((x) => ({ id: Number(x.id), name: x.name, regionCode: x.region_code }));
}
