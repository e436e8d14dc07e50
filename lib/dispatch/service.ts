/**
 * The write paths of on-demand dispatch (网约). Each change runs in one transaction that (1) loads
 * the need within the actor's reach (scope in the WHERE clause), (2) checks the version the actor
 * saw, (3) asks lib/dispatch/rules.ts, (4) updates it with `WHERE id AND version` (zero rows → 409
 * naming who acted and when), (5) appends a demand event, assignees and ledger entries, (6) adds to
 * the rollups and (7) writes the audit entry last (lock order).
 */
import "server-only";
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { type Db, type Queryable, rows } from "@/db/client";
import { demandAssignees, demandEvents, demands, memberships, organizations, regions, serviceRecords, settings, users, volunteers, type Demand } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit/log";
import { DomainError, fail, type Failure, inTx, type Result } from "@/lib/http";
import { addToRollup, cstDate } from "@/lib/metrics/rollup";
import { postPoints } from "@/lib/timebank/ledger";
import { encryptPii, piiHash } from "@/lib/volunteers/pii";
import { decideMove, formatCst, type DemandState, type MoveName, rewardDedupeKey, rewardPoints, rewardSettingKey, STATE_LABELS, type TeamFacts } from "./rules";
import { type MoveBody, parsePreferred, type PostDemandInput } from "./schema";

/** The requester, proven by reference number + the phone the need was posted with (the follow-up page). */
export interface RequesterProof {
  kind: "requester";
  reference: string;
  phone: string;
  ip?: string | null;
}

/** Someone posting from the public page, known only by their address. */
export interface PublicPoster {
  kind: "public";
  ip: string;
}

export const isRequester = (a: Actor | RequesterProof): a is RequesterProof => "kind" in a && a.kind === "requester";

export const NOT_FOUND_MESSAGE = "需求不存在或不在您的权限范围内";

/** Thrown inside a transaction: everything it wrote is rolled back and the caller gets the Failure. */
const refuse = (status: number, code: string, message: string, fields?: string[]) => new DomainError(code, message, fields ? { status, fields } : { status });

export async function readSetting(db: Queryable, key: string): Promise<string | null> {
  const [r] = await db.select({ v: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
  return r?.v ?? null;
}

// ---------------------------------------------------------------------------- 点单 (post)

/**
 * Posts a need: from the public page (source "public") or entered by staff from a phone call
 * (source "phone", `entered_by`, only in their scope). Gives a reference WY<yyyymmdd><nnnn>.
 */
export async function postDemand(db: Db, actor: Actor | PublicPoster, input: PostDemandInput): Promise<Result<{ id: number; reference: string; version: number }>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await postOnce(db, actor, input, attempt >= 4);
    } catch (e) {
      // two postings drew the same sequence number: try again with the next one
      const code = (e as { code?: string; cause?: { code?: string } }).code ?? (e as { cause?: { code?: string } }).cause?.code;
      if (code === "23505" && attempt < 6) continue;
      throw e;
    }
  }
}

async function postOnce(db: Db, actor: Actor | PublicPoster, input: PostDemandInput, dayMax: boolean) {
  const staff = "kind" in actor ? null : actor;
  return inTx(db, async (tx) => {
    const scope = staff ? staff.scopeCode : "3702";
    if (staff && staff.role !== "street_officer" && staff.role !== "wmb_staff") throw refuse(403, "forbidden_role", "登记需求须由街道或文明办工作人员操作");
    const [c] = await tx
      .select({ code: regions.code })
      .from(regions)
      .where(and(eq(regions.code, input.communityCode), eq(regions.level, "community"), sql`${regions.code} LIKE ${`${scope}%`}`))
      .limit(1);
    if (!c) throw refuse(422, "invalid", staff ? "所选社区（村）不存在或不在您的管辖范围内" : "请选择所在社区（村）", ["communityCode"]);
    const now = new Date();
    const day = cstDate(now).replaceAll("-", "");
    const prefix = `WY${day}`;
    // The number comes from the id sequence, spread over 0000–9999 by a fixed permutation
    // (7919 is prime to 10,000), so concurrent postings never wait on each other — "the day's
    // highest + 1" made every posting of the city queue on one unique-key insert (issue 15). Unique
    // within a day unless it sees more than 10,000 needs; a number taken that day (e.g. by the
    // old scheme on the day of the upgrade) retries, and after four tries falls back to highest + 1.
    const [seq] = await rows<{ id: number }>(tx, sql`SELECT nextval(pg_get_serial_sequence('demands', 'id'))::int AS id`);
    const demandId = Number(seq!.id);
    let n = (demandId * 7919) % 10000;
    if (dayMax) {
      const [m] = await rows<{ n: number }>(tx, sql`SELECT coalesce(max(substr(reference, 11)::int), 0)::int + 1 AS n FROM demands WHERE reference LIKE ${`${prefix}%`}`);
      n = Number(m!.n);
    }
    const reference = `${prefix}${String(n).padStart(4, "0")}`;
    const phone = input.contactPhone.trim();
    const [d] = await tx
      .insert(demands)
      .values({
        id: demandId,
        reference,
        category: input.category,
        requesterType: input.requesterType ?? "individual",
        description: input.description,
        communityCode: input.communityCode,
        address: input.address,
        contactName: input.contactName,
        contactPhoneEnc: encryptPii(phone),
        contactPhoneHash: piiHash(phone),
        contactPhoneLast4: phone.slice(-4),
        preferredTime: parsePreferred(input.preferredTime),
        lat: input.lat ?? null,
        lng: input.lng ?? null,
        source: staff ? "phone" : "public",
        state: "posted",
        postedAt: now,
        enteredBy: staff?.id ?? null,
        openForGrab: staff ? !!input.openForGrab : false,
        version: 1,
      })
      .returning({ id: demands.id, version: demands.version });
    await tx.insert(demandEvents).values({ demandId: d!.id, fromState: null, toState: "posted", actorUserId: staff?.id ?? null, note: staff ? "电话登记" : null, createdAt: now });
    await addToRollup(tx, { day: cstDate(now), communityCode: input.communityCode, demands_received: 1 });
    await writeAudit(tx, {
      userId: staff?.id ?? null,
      username: staff?.username ?? null,
      role: staff?.role ?? null,
      ip: actor.ip ?? null,
      action: "demand.post",
      objectType: "demand",
      objectId: d!.id,
      summary: { reference, category: input.category, community: input.communityCode, source: staff ? "phone" : "public" },
    });
    return { id: d!.id, reference, version: d!.version };
  });
}

// ---------------------------------------------------------------------------- moves

/** The need, only if it is within the actor's reach (the reach is in the WHERE clause). */
async function loadInReach(tx: Queryable, actor: Actor | RequesterProof, id: number): Promise<Demand | null> {
  if (isRequester(actor)) {
    const [d] = await tx
      .select()
      .from(demands)
      .where(and(eq(demands.id, id), eq(demands.reference, actor.reference.toUpperCase()), eq(demands.contactPhoneHash, piiHash(actor.phone))))
      .limit(1);
    return d ?? null;
  }
  const [d] = await tx.select().from(demands).where(and(eq(demands.id, id), reachSql(actor))).limit(1);
  return d ?? null;
}

/**
 * What a user may see: staff their region; a team admin what was dispatched to their team, plus
 * needs open for grabbing around the team's base (its street or supervising region).
 */
export function reachSql(u: Pick<Actor, "role" | "scopeCode" | "organizationId">) {
  if (u.role === "org_admin") {
    const org = u.organizationId ?? -1;
    return sql`(${demands.teamId} = ${org} OR ${demands.id} IN (
      SELECT dd.id FROM demands dd JOIN organizations o ON o.id = ${org} AND o.is_team
      WHERE dd.state = 'posted' AND dd.open_for_grab
        AND (left(dd.community_code, 9) = left(o.region_code, 9) OR dd.community_code LIKE o.supervisor_code || '%'))
      OR ${demands.id} IN (SELECT demand_id FROM demand_events WHERE team_id = ${org}))`;
  }
  return sql`${demands.communityCode} LIKE ${`${u.scopeCode}%`}`;
}

async function teamFacts(tx: Queryable, id: number): Promise<(TeamFacts & { name: string }) | null> {
  const [t] = await tx
    .select({ id: organizations.id, name: organizations.name, isTeam: organizations.isTeam, regionCode: organizations.regionCode, supervisorCode: organizations.supervisorCode })
    .from(organizations)
    .where(eq(organizations.id, id))
    .limit(1);
  return t ?? null;
}

async function conflict(tx: Queryable, d: { id: number; version: number; state: DemandState }): Promise<Failure> {
  const [last] = await tx
    .select({ at: demandEvents.createdAt, who: users.displayName })
    .from(demandEvents)
    .leftJoin(users, eq(users.id, demandEvents.actorUserId))
    .where(eq(demandEvents.demandId, d.id))
    .orderBy(desc(demandEvents.id))
    .limit(1);
  const who = last?.who ?? "他人";
  const when = last ? formatCst(last.at) : "刚才";
  return fail("conflict", `该需求已被 ${who} 于 ${when} 处理（当前状态「${STATE_LABELS[d.state]}」），您看到的不是最新情况，请刷新后重试`, { status: 409, currentVersion: d.version });
}

/** Team members among the ids (a team names only its own volunteers). */
async function checkMembers(tx: Queryable, teamId: number, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx
    .select({ v: memberships.volunteerId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, teamId), inArray(memberships.volunteerId, ids)));
  const set = new Set(found.map((f) => f.v));
  const bad = ids.filter((v) => !set.has(v));
  if (bad.length) throw refuse(422, "invalid", `志愿者 ${bad.join("、")} 不是本队伍成员`, ["volunteerIds"]);
}

/** Who is rewarded: the named assignees, or (needs from before assignees were named) those with hours for it. */
export async function rewardRecipients(tx: Queryable, demandId: number): Promise<{ id: number; communityCode: string }[]> {
  const named = await tx
    .select({ id: volunteers.id, communityCode: volunteers.communityCode })
    .from(demandAssignees)
    .innerJoin(volunteers, eq(volunteers.id, demandAssignees.volunteerId))
    .where(eq(demandAssignees.demandId, demandId))
    .orderBy(volunteers.id);
  if (named.length) return named;
  return tx
    .selectDistinct({ id: volunteers.id, communityCode: volunteers.communityCode })
    .from(serviceRecords)
    .innerJoin(volunteers, eq(volunteers.id, serviceRecords.volunteerId))
    .where(and(eq(serviceRecords.demandId, demandId), ne(serviceRecords.status, "rejected")))
    .orderBy(volunteers.id);
}

export interface MoveOutcome {
  id: number;
  state: DemandState;
  version: number;
  eventId: number;
  /** reward: what was posted per volunteer (duplicates are skipped by the ledger's dedupe key). */
  rewards?: { volunteerId: number; points: number; posted: boolean; balance: number | null }[];
}

/** A conflict found inside a transaction, thrown so that the transaction rolls back. */
const abort = (f: Failure) => new DomainError(f.code, f.message, { status: f.status, currentVersion: f.currentVersion });

/** One move (`move`) on one need (`id`), made from `version`, in its own transaction: the outcome, or 404/403/409/422. */
export async function moveDemand(db: Db, actor: Actor | RequesterProof, input: MoveBody & { id: number; move: MoveName }): Promise<Result<MoveOutcome>> {
  const { id, move, ...body } = input;
  return inTx(db, async (tx) => {
    const d = await loadInReach(tx, actor, id);
    if (!d) throw refuse(404, "not_found", isRequester(actor) ? "未找到该需求，请核对编号和手机号码" : NOT_FOUND_MESSAGE);
    if (d.version !== body.version) throw abort(await conflict(tx, d));
    const user = isRequester(actor) ? null : actor;

    let team: (TeamFacts & { name: string }) | null = null;
    if (move === "dispatch" && body.teamId) team = await teamFacts(tx, body.teamId);
    if (move === "grab" && user?.organizationId) team = await teamFacts(tx, user.organizationId);
    const volunteerIds = [...new Set(body.volunteerIds ?? [])];
    const decision = decideMove({
      move,
      actor,
      demand: { state: d.state, communityCode: d.communityCode, teamId: d.teamId, openForGrab: d.openForGrab },
      team,
      reason: body.reason ?? null,
      note: body.note ?? null,
      rating: body.rating ?? null,
      assignees: volunteerIds.length,
    });
    if (!decision.ok) throw refuse(decision.status, decision.code, decision.message, decision.fields);
    const teamForMembers = move === "grab" ? team?.id : d.teamId;
    if ((move === "accept" || move === "grab") && teamForMembers) await checkMembers(tx, teamForMembers, volunteerIds);

    const now = new Date();
    const set: Partial<typeof demands.$inferInsert> = { state: decision.to };
    let eventTeam: number | null = d.teamId;
    let note: string | null = null;
    switch (move) {
      case "dispatch":
        set.teamId = team!.id;
        set.dispatchedAt = now;
        eventTeam = team!.id;
        note = `派给 ${team!.name}`;
        break;
      case "open":
        set.openForGrab = true;
        note = "开放抢单";
        break;
      case "accept":
        set.acceptedAt = now;
        break;
      case "decline":
        set.teamId = null;
        set.dispatchedAt = null;
        note = body.reason!.trim();
        break;
      case "grab":
        set.teamId = team!.id;
        set.dispatchedAt = now;
        set.acceptedAt = now;
        set.openForGrab = false;
        eventTeam = team!.id;
        note = `${team!.name} 抢单`;
        break;
      case "complete":
        set.completedAt = now;
        set.completionNote = body.note!.trim();
        set.completionPhoto = body.photo?.trim() || null;
        if (body.peopleServed !== undefined) set.peopleServed = body.peopleServed;
        note = body.note!.trim();
        break;
      case "rate":
        set.rating = body.rating!;
        set.ratingComment = body.comment?.trim() || null;
        set.ratingSource = user ? "phone" : "requester";
        set.ratedAt = now;
        note = `${body.rating} 星${body.comment?.trim() ? `：${body.comment.trim()}` : ""}${user ? "（电话回访）" : ""}`;
        break;
      case "reward":
        set.rewardedAt = now;
        break;
      case "cancel":
        set.cancelledAt = now;
        set.cancelReason = body.reason!.trim();
        note = body.reason!.trim();
        break;
    }
    const [u] = await tx
      .update(demands)
      .set({ ...set, version: sql`${demands.version} + 1` })
      .where(and(eq(demands.id, d.id), eq(demands.version, body.version)))
      .returning({ version: demands.version, state: demands.state, peopleServed: demands.peopleServed });
    if (!u) {
      const [cur] = await tx.select({ id: demands.id, version: demands.version, state: demands.state }).from(demands).where(eq(demands.id, d.id)).limit(1);
      throw cur ? abort(await conflict(tx, cur)) : refuse(404, "not_found", NOT_FOUND_MESSAGE);
    }
    if (move === "accept" || move === "grab") {
      if (volunteerIds.length) await tx.insert(demandAssignees).values(volunteerIds.map((v) => ({ demandId: d.id, volunteerId: v, assignedAt: now }))).onConflictDoNothing();
      note = `指派志愿者 ${volunteerIds.length} 名`;
    }

    let rewards: MoveOutcome["rewards"];
    if (move === "reward") {
      const points = rewardPoints(await readSetting(tx, rewardSettingKey(d.category)));
      rewards = [];
      for (const v of await rewardRecipients(tx, d.id)) {
        const p = await postPoints(tx, {
          volunteerId: v.id,
          amount: points,
          kind: "dispatch_reward",
          communityCode: v.communityCode,
          dedupeKey: rewardDedupeKey(d.id, v.id),
          note: `网约奖单 ${d.reference}`,
          createdBy: user?.id ?? null,
          demandId: d.id,
        });
        rewards.push({ volunteerId: v.id, points, posted: p.posted, balance: p.posted ? p.balance : null });
      }
      note = `${rewards.length} 名志愿者各 ${points} 积分`;
    }

    const [ev] = await tx
      .insert(demandEvents)
      .values({ demandId: d.id, fromState: d.state, toState: decision.to, actorUserId: user?.id ?? null, teamId: eventTeam, note, createdAt: now })
      .returning({ id: demandEvents.id });

    if (move === "complete") await addToRollup(tx, { day: cstDate(now), communityCode: d.communityCode, demands_completed: 1, people_served: u.peopleServed });
    if (move === "rate") await addToRollup(tx, { day: cstDate(now), communityCode: d.communityCode, rating_sum: body.rating!, rating_count: 1 });

    await writeAudit(tx, {
      userId: user?.id ?? null,
      username: user?.username ?? "需求人",
      role: user?.role ?? null,
      ip: actor.ip ?? null,
      action: `demand.${move}`,
      objectType: "demand",
      objectId: d.id,
      summary: { reference: d.reference, from: d.state, to: decision.to, version: u.version, team: eventTeam ?? undefined, note: note ?? undefined },
    });
    return { id: d.id, state: u.state, version: u.version, eventId: ev!.id, rewards };
  });
}
