/**
 * Reads of on-demand dispatch. Every query carries the user's reach in its WHERE clause
 * (`reachSql`: a region for staff, the team for a team admin), so anything else is simply not found.
 * Contact phones are never read back in full: only the last four digits.
 */
import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { demandAssignees, demandEvents, demands, memberships, organizations, pointAccounts, regions, users, volunteers } from "@/db/schema";
import { piiHash } from "@/lib/volunteers/pii";
import { type CandidateTeam, rankTeams, type Suggestion } from "./ranking";
import { availableMoves, DEFAULT_OVERDUE_HOURS, type DemandState, isOverdue, mayDispatchTo, type MoveName, type TeamFacts, waitingMinutes } from "./rules";
import type { DemandCategory } from "./categories";
import { reachSql, readSetting, type RequesterProof } from "./service";

export interface BoardItem {
  id: number;
  reference: string;
  category: DemandCategory;
  description: string;
  communityCode: string;
  communityName: string;
  state: DemandState;
  teamId: number | null;
  teamName: string | null;
  postedAt: string;
  /** When the need entered its current state. */
  since: string;
  waitingMinutes: number;
  overdue: boolean;
  version: number;
  openForGrab: boolean;
  rating: number | null;
}

export async function overdueHours(db: Queryable): Promise<number> {
  const n = Number(await readSetting(db, "dispatch_overdue_hours"));
  return n > 0 ? n : DEFAULT_OVERDUE_HOURS;
}

const team = alias(organizations, "team");
const community = alias(regions, "community");

const SINCE = sql<Date>`coalesce(CASE ${demands.state}
  WHEN 'dispatched' THEN ${demands.dispatchedAt} WHEN 'accepted' THEN ${demands.acceptedAt} WHEN 'completed' THEN ${demands.completedAt}
  WHEN 'rated' THEN ${demands.ratedAt} WHEN 'rewarded' THEN ${demands.rewardedAt} WHEN 'cancelled' THEN ${demands.cancelledAt} END, ${demands.postedAt})`;

/**
 * The board: every open need (posted → completed/rated) in reach, plus those closed in the last
 * seven days, newest first. `street` narrows to a region under the scope, `state` to one column.
 */
export async function listDemands(db: Queryable, actor: Actor, f: { street?: string; state?: DemandState; now?: Date }): Promise<BoardItem[]> {
  const now = f.now ?? new Date();
  const hours = await overdueHours(db);
  const conds = [reachSql(actor)];
  if (f.street) conds.push(sql`${demands.communityCode} LIKE ${`${f.street}%`}`);
  if (f.state) conds.push(eq(demands.state, f.state));
  else conds.push(sql`(${demands.state} IN ('posted','dispatched','accepted','completed','rated') OR ${SINCE} > ${new Date(now.getTime() - 7 * 86_400_000).toISOString()}::timestamptz)`);
  const r = await db
    .select({
      id: demands.id,
      reference: demands.reference,
      category: demands.category,
      description: demands.description,
      communityCode: demands.communityCode,
      communityName: community.name,
      state: demands.state,
      teamId: demands.teamId,
      teamName: team.name,
      postedAt: demands.postedAt,
      since: SINCE,
      version: demands.version,
      openForGrab: demands.openForGrab,
      rating: demands.rating,
    })
    .from(demands)
    .innerJoin(community, eq(community.code, demands.communityCode))
    .leftJoin(team, eq(team.id, demands.teamId))
    .where(and(...conds))
    .orderBy(desc(demands.postedAt), desc(demands.id))
    .limit(400);
  return r.map((d) => {
    const since = new Date(d.since);
    return {
      ...d,
      postedAt: d.postedAt.toISOString(),
      since: since.toISOString(),
      waitingMinutes: waitingMinutes(since, now),
      overdue: isOverdue({ state: d.state, postedAt: d.postedAt }, now, hours),
    };
  });
}

export interface DemandDetail extends BoardItem {
  address: string | null;
  contactName: string;
  contactLast4: string;
  preferredTime: string | null;
  source: string;
  lat: number | null;
  lng: number | null;
  completionNote: string | null;
  ratingComment: string | null;
  ratingSource: string | null;
  cancelReason: string | null;
  events: { id: number; from: DemandState | null; to: DemandState; at: string; actor: string | null; teamName: string | null; note: string | null }[];
  assignees: { id: number; name: string; volunteerNo: string; balance: number }[];
  moves: MoveName[];
  /** accept / grab: the actor's team members to choose from. */
  members: { id: number; name: string; volunteerNo: string }[];
}

async function ownTeam(db: Queryable, u: Actor): Promise<TeamFacts | null> {
  if (u.role !== "org_admin" || !u.organizationId) return null;
  const [t] = await db
    .select({ id: organizations.id, isTeam: organizations.isTeam, regionCode: organizations.regionCode, supervisorCode: organizations.supervisorCode })
    .from(organizations)
    .where(eq(organizations.id, u.organizationId))
    .limit(1);
  return t ?? null;
}

export async function getDemandDetail(db: Queryable, actor: Actor, { id, now = new Date() }: { id: number; now?: Date }): Promise<DemandDetail | null> {
  const hours = await overdueHours(db);
  const [d] = await db
    .select({ d: demands, communityName: community.name, teamName: team.name, since: SINCE })
    .from(demands)
    .innerJoin(community, eq(community.code, demands.communityCode))
    .leftJoin(team, eq(team.id, demands.teamId))
    .where(and(eq(demands.id, id), reachSql(actor)))
    .limit(1);
  if (!d) return null;
  const x = d.d;
  const evTeam = alias(organizations, "ev_team");
  const events = await db
    .select({ id: demandEvents.id, from: demandEvents.fromState, to: demandEvents.toState, at: demandEvents.createdAt, actor: users.displayName, teamName: evTeam.name, note: demandEvents.note })
    .from(demandEvents)
    .leftJoin(users, eq(users.id, demandEvents.actorUserId))
    .leftJoin(evTeam, eq(evTeam.id, demandEvents.teamId))
    .where(eq(demandEvents.demandId, id))
    .orderBy(asc(demandEvents.id));
  const assignees = await db
    .select({ id: volunteers.id, name: volunteers.name, volunteerNo: volunteers.volunteerNo, balance: sql<number>`coalesce(${pointAccounts.balance}, 0)::int` })
    .from(demandAssignees)
    .innerJoin(volunteers, eq(volunteers.id, demandAssignees.volunteerId))
    .leftJoin(pointAccounts, eq(pointAccounts.volunteerId, volunteers.id))
    .where(eq(demandAssignees.demandId, id))
    .orderBy(asc(volunteers.id));
  const mine = await ownTeam(db, actor);
  const facts = { state: x.state, communityCode: x.communityCode, teamId: x.teamId, openForGrab: x.openForGrab };
  const moves = availableMoves(facts, actor, mine);
  const memberTeam = moves.includes("grab") ? mine?.id : moves.includes("accept") ? x.teamId : null;
  const members = memberTeam
    ? await db
        .select({ id: volunteers.id, name: volunteers.name, volunteerNo: volunteers.volunteerNo })
        .from(memberships)
        .innerJoin(volunteers, eq(volunteers.id, memberships.volunteerId))
        .where(and(eq(memberships.organizationId, memberTeam), eq(volunteers.status, "active")))
        .orderBy(asc(volunteers.id))
        .limit(200)
    : [];
  const since = new Date(d.since);
  return {
    id: x.id,
    reference: x.reference,
    category: x.category,
    description: x.description,
    communityCode: x.communityCode,
    communityName: d.communityName,
    state: x.state,
    teamId: x.teamId,
    teamName: d.teamName,
    postedAt: x.postedAt.toISOString(),
    since: since.toISOString(),
    waitingMinutes: waitingMinutes(since, now),
    overdue: isOverdue({ state: x.state, postedAt: x.postedAt }, now, hours),
    version: x.version,
    openForGrab: x.openForGrab,
    rating: x.rating,
    address: x.address,
    contactName: x.contactName,
    contactLast4: x.contactPhoneLast4,
    preferredTime: x.preferredTime?.toISOString() ?? null,
    source: x.source,
    lat: x.lat,
    lng: x.lng,
    completionNote: x.completionNote,
    ratingComment: x.ratingComment,
    ratingSource: x.ratingSource,
    cancelReason: x.cancelReason,
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    assignees,
    moves,
    members,
  };
}

/**
 * Teams to send a need to, ranked (lib/dispatch/ranking.ts): the teams of the need's district (all
 * teams in the city when the district has none) that this user may dispatch to, with their load.
 */
export async function getSuggestions(db: Queryable, actor: Actor, { id }: { id: number }): Promise<(Suggestion & { regionCode: string })[] | null> {
  const [d] = await db
    .select({ communityCode: demands.communityCode, lat: demands.lat, lng: demands.lng, category: demands.category })
    .from(demands)
    .where(and(eq(demands.id, id), reachSql(actor)))
    .limit(1);
  if (!d) return null;
  const load = sql<number>`(SELECT count(*)::int FROM demands x WHERE x.team_id = ${organizations.id} AND x.state IN ('dispatched','accepted'))`;
  const pick = (where: ReturnType<typeof sql>) =>
    db
      .select({ id: organizations.id, name: organizations.name, regionCode: organizations.regionCode, supervisorCode: organizations.supervisorCode, lat: organizations.lat, lng: organizations.lng, sectors: organizations.sectors, load })
      .from(organizations)
      .where(and(eq(organizations.isTeam, true), where))
      .limit(500);
  let teams = await pick(sql`${organizations.regionCode} LIKE ${`${d.communityCode.slice(0, 6)}%`}`);
  if (teams.length === 0) teams = await pick(sql`true`);
  const allowed = teams.filter((t) => mayDispatchTo(actor, { id: t.id, isTeam: true, regionCode: t.regionCode, supervisorCode: t.supervisorCode }));
  const byId = new Map(allowed.map((t) => [t.id, t]));
  const cands: CandidateTeam[] = allowed.map((t) => ({ id: t.id, name: t.name, regionCode: t.regionCode, lat: t.lat, lng: t.lng, sectors: t.sectors, load: Number(t.load) }));
  return rankTeams({ communityCode: d.communityCode, lat: d.lat, lng: d.lng, category: d.category }, cands).map((s) => ({ ...s, regionCode: byId.get(s.teamId)!.regionCode }));
}

/** The follow-up page: a need found by reference + the phone it was posted with; no names of staff. */
export interface FollowView {
  id: number;
  reference: string;
  category: DemandCategory;
  description: string;
  communityName: string;
  state: DemandState;
  version: number;
  teamName: string | null;
  rating: number | null;
  ratingComment: string | null;
  completionNote: string | null;
  events: { to: DemandState; from: DemandState | null; at: string }[];
}

export async function followUp(db: Queryable, requester: Pick<RequesterProof, "reference" | "phone">): Promise<FollowView | null> {
  const { reference, phone } = requester;
  const [d] = await db
    .select({ d: demands, communityName: community.name, teamName: team.name })
    .from(demands)
    .innerJoin(community, eq(community.code, demands.communityCode))
    .leftJoin(team, eq(team.id, demands.teamId))
    .where(and(eq(demands.reference, reference.trim().toUpperCase()), eq(demands.contactPhoneHash, piiHash(phone.trim()))))
    .limit(1);
  if (!d) return null;
  const events = await db
    .select({ to: demandEvents.toState, from: demandEvents.fromState, at: demandEvents.createdAt })
    .from(demandEvents)
    .where(eq(demandEvents.demandId, d.d.id))
    .orderBy(asc(demandEvents.id));
  return {
    id: d.d.id,
    reference: d.d.reference,
    category: d.d.category,
    description: d.d.description,
    communityName: d.communityName,
    state: d.d.state,
    version: d.d.version,
    teamName: d.teamName,
    rating: d.d.rating,
    ratingComment: d.d.ratingComment,
    completionNote: d.d.completionNote,
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}

/** Region options for the figures panel: the regions directly under the actor's scope. */
export async function scopeChildren(db: Queryable, actor: Actor): Promise<{ code: string; name: string }[]> {
  return db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.parentCode, actor.scopeCode)).orderBy(asc(regions.code));
}

/** The name of the team a team admin administers (null for anyone else). */
export async function ownTeamName(db: Queryable, actor: Actor): Promise<string | null> {
  if (actor.role !== "org_admin" || !actor.organizationId) return null;
  const [t] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, actor.organizationId)).limit(1);
  return t?.name ?? null;
}
