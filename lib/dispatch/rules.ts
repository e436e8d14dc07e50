/**
 * On-demand dispatch (网约): the one state machine, pure. Every path that changes a need — the board
 * and detail pages, the JSON API, the public follow-up page — asks `decideMove` before it writes;
 * nothing else decides. Messages are Chinese and name what is wrong.
 *
 *   posted 点单 ──dispatch──▶ dispatched 派单 ──accept──▶ accepted 接单 ──complete──▶ completed 完成
 *      ▲  │ (open: 开放抢单)       │ decline (reason) ──▶ posted          ▲                  │ rate
 *      │  └──────────grab (team claims, naming volunteers)───────────────┘                  ▼
 *      │                                                               rewarded 奖单 ◀─reward── rated 评单
 *   cancel (reason) from posted / dispatched / accepted ──▶ cancelled
 */
import type { Actor } from "@/lib/auth/actor";

export const DEMAND_STATES = ["posted", "dispatched", "accepted", "completed", "rated", "rewarded", "cancelled"] as const;
export type DemandState = (typeof DEMAND_STATES)[number];

import type { DemandCategory } from "./categories";

export const STATE_LABELS: Record<DemandState, string> = {
  posted: "待派单",
  dispatched: "已派单",
  accepted: "已接单",
  completed: "已完成",
  rated: "已评价",
  rewarded: "已奖励",
  cancelled: "已取消",
};

export const MOVES = ["dispatch", "open", "accept", "decline", "grab", "complete", "rate", "reward", "cancel"] as const;
export type MoveName = (typeof MOVES)[number];

/** Who makes a move: the dispatching office, the team the need went to, or the requester. */
export type Party = "dispatcher" | "team" | "requester";

interface MoveDef {
  from: readonly DemandState[];
  to: DemandState;
  by: readonly Party[];
}

/** The only legal moves. Anything not listed is refused. */
export const MOVE_TABLE: Readonly<Record<MoveName, MoveDef>> = {
  dispatch: { from: ["posted"], to: "dispatched", by: ["dispatcher"] },
  open: { from: ["posted"], to: "posted", by: ["dispatcher"] },
  accept: { from: ["dispatched"], to: "accepted", by: ["team"] },
  decline: { from: ["dispatched"], to: "posted", by: ["team"] },
  grab: { from: ["posted"], to: "accepted", by: ["team"] },
  complete: { from: ["accepted"], to: "completed", by: ["team", "dispatcher"] },
  rate: { from: ["completed"], to: "rated", by: ["requester", "dispatcher"] },
  reward: { from: ["rated"], to: "rewarded", by: ["dispatcher"] },
  cancel: { from: ["posted", "dispatched", "accepted"], to: "cancelled", by: ["dispatcher"] },
};

export const MOVE_LABELS: Record<MoveName, string> = {
  dispatch: "派单",
  open: "开放抢单",
  accept: "接单",
  decline: "拒单",
  grab: "抢单",
  complete: "完成",
  rate: "评价",
  reward: "奖励积分",
  cancel: "取消",
};

/** The requester of a need, proven by reference number + phone (the follow-up page). */
export type Requester = { kind: "requester" };
/** Who makes a move: a signed-in Actor (lib/auth/actor.ts), or the requester. */
export type DispatchActor = (Pick<Actor, "role" | "scopeCode" | "organizationId"> & { kind?: "user" }) | Requester;

export interface DemandFacts {
  state: DemandState;
  /** 12-digit community code of the need. */
  communityCode: string;
  /** The team it is dispatched to / accepted by (null while posted). */
  teamId: number | null;
  openForGrab: boolean;
}

export interface TeamFacts {
  id: number;
  isTeam: boolean;
  /** Where the team is based (any level). */
  regionCode: string;
  /** The street or district that supervises it. */
  supervisorCode: string;
}

export interface MoveInput {
  move: MoveName;
  actor: DispatchActor;
  demand: DemandFacts;
  /** dispatch: the team it goes to; grab: the claiming team. */
  team?: TeamFacts | null;
  reason?: string | null;
  note?: string | null;
  rating?: number | null;
  /** accept / grab: how many volunteers the team names. */
  assignees?: number;
}

export type RefusalCode = "forbidden_role" | "out_of_scope" | "illegal_move" | "missing_evidence" | "invalid";

export interface Refusal {
  ok: false;
  status: 403 | 422;
  code: RefusalCode;
  message: string;
  fields?: string[];
}
export type Decision = { ok: true; to: DemandState } | Refusal;

function refuse(status: 403 | 422, code: RefusalCode, message: string, fields?: string[]): Refusal {
  return fields ? { ok: false, status, code, message, fields } : { ok: false, status, code, message };
}

const blank = (s: string | null | undefined) => !s || s.trim() === "";
const streetOf = (code: string) => code.slice(0, 9);

/** A dispatching office for this need: the street officer of its street, or 文明办 of its district or the city. */
export function isDispatcherOf(actor: DispatchActor, communityCode: string): boolean {
  if (actor.kind === "requester") return false;
  if (actor.role === "street_officer") return actor.scopeCode.length === 9 && streetOf(communityCode) === actor.scopeCode;
  if (actor.role === "wmb_staff") return (actor.scopeCode.length === 4 || actor.scopeCode.length === 6) && communityCode.startsWith(actor.scopeCode);
  return false;
}

/** The admin of the team the need is with. */
export function isTeamOf(actor: DispatchActor, teamId: number | null): boolean {
  return actor.kind !== "requester" && actor.role === "org_admin" && teamId !== null && actor.organizationId === teamId;
}

/** A team may claim open needs in its area: its own street, or under the street/district that supervises it. */
export function inTeamArea(team: TeamFacts, communityCode: string): boolean {
  return streetOf(communityCode) === streetOf(team.regionCode) || communityCode.startsWith(team.supervisorCode);
}

/**
 * May this dispatcher send the need to this team? A street sends to teams based in its street (or
 * that it supervises); a team elsewhere is a cross-street dispatch for 文明办 of the district (or
 * the city), which may send to any team under its scope.
 */
export function mayDispatchTo(actor: DispatchActor, team: TeamFacts): boolean {
  if (actor.kind === "requester") return false;
  if (actor.role === "street_officer") return team.regionCode.startsWith(actor.scopeCode) || team.supervisorCode === actor.scopeCode;
  if (actor.role === "wmb_staff") return team.regionCode.startsWith(actor.scopeCode);
  return false;
}

function partyOf(actor: DispatchActor, d: DemandFacts, move: MoveName, team?: TeamFacts | null): Party | null {
  if (actor.kind === "requester") return "requester";
  if (isDispatcherOf(actor, d.communityCode)) return "dispatcher";
  if (move === "grab") return actor.role === "org_admin" && team && actor.organizationId === team.id ? "team" : null;
  if (isTeamOf(actor, d.teamId)) return "team";
  return null;
}

/**
 * The one decision: may this actor make this move on this need now, with this evidence? Order:
 * role at all (403) → place (403) → legal from this state (422) → who makes that move (403) →
 * evidence (422).
 */
export function decideMove(i: MoveInput): Decision {
  const def = MOVE_TABLE[i.move];
  if (!def) return refuse(422, "illegal_move", "未知的操作");
  const a = i.actor;
  if (a.kind !== "requester") {
    if (a.role === "leader") return refuse(403, "forbidden_role", "领导账号为只读，不能处理网约需求");
    if (a.role !== "street_officer" && a.role !== "wmb_staff" && a.role !== "org_admin") return refuse(403, "forbidden_role", "当前角色无权处理网约需求");
    if (a.role !== "org_admin" && !i.demand.communityCode.startsWith(a.scopeCode)) return refuse(403, "out_of_scope", "该需求不在您的管辖范围内");
  }
  const d = i.demand;
  if (!def.from.includes(d.state)) {
    if (d.state === "cancelled") return refuse(422, "illegal_move", "该需求已取消，不能再操作");
    if (d.state === "rewarded") return refuse(422, "illegal_move", "该需求已完成奖励，流程已结束");
    const from = def.from.map((s) => `「${STATE_LABELS[s]}」`).join("或");
    return refuse(422, "illegal_move", `需求当前为「${STATE_LABELS[d.state]}」，不能${MOVE_LABELS[i.move]}（仅${from}的需求可以${MOVE_LABELS[i.move]}）`);
  }
  const party = partyOf(a, d, i.move, i.team);
  if (!party || !def.by.includes(party)) {
    switch (i.move) {
      case "dispatch":
      case "open":
      case "cancel":
      case "reward":
        return refuse(403, "forbidden_role", `${MOVE_LABELS[i.move]}须由需求所在街道或上级文明办操作`);
      case "accept":
      case "decline":
        return refuse(403, "forbidden_role", `${MOVE_LABELS[i.move]}须由接到派单的队伍管理员操作`);
      case "grab":
        return refuse(403, "forbidden_role", "抢单须由志愿服务队伍的管理员为本队操作");
      case "complete":
        return refuse(403, "forbidden_role", "完成须由接单队伍或派单单位登记");
      case "rate":
        return refuse(403, "forbidden_role", "评价须由需求人在查询页面填写，或由街道记录电话回访评价");
    }
  }
  switch (i.move) {
    case "dispatch": {
      const t = i.team;
      if (!t || !t.isTeam) return refuse(422, "invalid", "请选择一支志愿服务队伍", ["teamId"]);
      if (!mayDispatchTo(a, t)) {
        return a.kind !== "requester" && a.role === "street_officer"
          ? refuse(403, "out_of_scope", "该队伍不在本街道，跨街道派单须由区（市）文明办操作", ["teamId"])
          : refuse(403, "out_of_scope", "该队伍不在您的管辖范围内", ["teamId"]);
      }
      break;
    }
    case "open":
      if (d.openForGrab) return refuse(422, "illegal_move", "该需求已开放抢单");
      break;
    case "accept":
      if ((i.assignees ?? 0) < 1) return refuse(422, "missing_evidence", "接单须至少指派一名参与服务的志愿者", ["volunteerIds"]);
      break;
    case "decline":
      if (blank(i.reason)) return refuse(422, "missing_evidence", "拒单须填写原因", ["reason"]);
      break;
    case "grab": {
      const t = i.team;
      if (!d.openForGrab) return refuse(422, "illegal_move", "该需求未开放抢单，须等待派单");
      if (!t || !t.isTeam) return refuse(403, "forbidden_role", "只有志愿服务队伍可以抢单");
      if (!inTeamArea(t, d.communityCode)) return refuse(403, "out_of_scope", "该需求不在本队伍的服务区域内");
      if ((i.assignees ?? 0) < 1) return refuse(422, "missing_evidence", "抢单须至少指派一名参与服务的志愿者", ["volunteerIds"]);
      break;
    }
    case "complete":
      if (blank(i.note)) return refuse(422, "missing_evidence", "完成须填写服务情况说明", ["note"]);
      break;
    case "rate":
      if (!Number.isInteger(i.rating) || (i.rating as number) < 1 || (i.rating as number) > 5) return refuse(422, "invalid", "评分须为 1–5 星", ["rating"]);
      break;
    case "cancel":
      if (blank(i.reason)) return refuse(422, "missing_evidence", "取消须填写原因", ["reason"]);
      break;
    case "reward":
      break;
  }
  return { ok: true, to: def.to };
}

/**
 * The moves this actor could make on a need now (evidence aside): which buttons a page shows. The
 * server decides again, with the evidence, when the move is made. `team` is the actor's own team
 * (for grab) — dispatch is offered when any team may be chosen.
 */
export function availableMoves(d: DemandFacts, actor: DispatchActor, ownTeam?: TeamFacts | null): MoveName[] {
  return MOVES.filter((m) => {
    const team: TeamFacts | null | undefined =
      m === "dispatch" ? { id: -1, isTeam: true, regionCode: actor.kind !== "requester" ? actor.scopeCode : "", supervisorCode: "" } : m === "grab" ? ownTeam : undefined;
    const r = decideMove({ move: m, actor, demand: d, team, reason: "x", note: "x", rating: 5, assignees: 1 });
    return r.ok;
  });
}

// ---------------------------------------------------------------------------- overdue (daytime rule)

export const DEFAULT_OVERDUE_HOURS = 2;
/** Daytime, when dispatch is expected to happen: 08:00–20:00 China time. Night hours do not count. */
export const DAY_START_HOUR = 8;
export const DAY_END_HOUR = 20;
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Minutes between two instants that fall in daytime (08:00–20:00 China time). */
export function daytimeMinutes(from: Date, to: Date): number {
  let a = from.getTime() + CST_OFFSET_MS;
  const b = to.getTime() + CST_OFFSET_MS;
  if (b <= a) return 0;
  let ms = 0;
  while (a < b) {
    const dayStart = Math.floor(a / DAY_MS) * DAY_MS;
    const lo = Math.max(a, dayStart + DAY_START_HOUR * 3_600_000);
    const hi = Math.min(b, dayStart + DAY_END_HOUR * 3_600_000);
    if (hi > lo) ms += hi - lo;
    a = dayStart + DAY_MS;
  }
  return Math.floor(ms / 60_000);
}

/**
 * Overdue (超时未派单): still waiting for dispatch (posted) after `hours` of daytime since it was
 * posted. A need posted at 21:00 is overdue at 10:00 the next morning with the default of 2 h.
 */
export function isOverdue(d: { state: DemandState; postedAt: Date }, now: Date, hours: number = DEFAULT_OVERDUE_HOURS): boolean {
  return d.state === "posted" && daytimeMinutes(d.postedAt, now) >= hours * 60;
}

/** Whole minutes a need has waited in its current step (wall clock). */
export function waitingMinutes(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
}

// ---------------------------------------------------------------------------- reward rule

export const DEFAULT_REWARD_POINTS = 20;
export const rewardSettingKey = (c: DemandCategory) => `dispatch_points_${c}`;

/** Points per volunteer for a need of this category: the setting when it is a positive whole number, else the default. */
export function rewardPoints(raw: string | null | undefined): number {
  const n = Number(raw);
  return raw != null && Number.isInteger(n) && n > 0 && n <= 1000 ? n : DEFAULT_REWARD_POINTS;
}

export const rewardDedupeKey = (demandId: number, volunteerId: number) => `dispatch:${demandId}:${volunteerId}`;

/** A timestamp as China time, "11/30 14:05" (board cards, history, conflict messages). */
export function formatCst(d: Date): string {
  return new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).format(d);
}
