import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/auth/rules";
import { haversineKm, placeTier, rankTeams } from "@/lib/dispatch/ranking";
import {
  availableMoves,
  daytimeMinutes,
  decideMove,
  DEMAND_STATES,
  type DemandState,
  type DispatchActor,
  isOverdue,
  MOVES,
  type MoveName,
  rewardDedupeKey,
  rewardPoints,
  type TeamFacts,
} from "@/lib/dispatch/rules";

const COMMUNITY = "370285001001"; // a community of 水集街道 (370285001), 莱西市 370285
const TEAM_ID = 1;
const HOME_TEAM: TeamFacts = { id: TEAM_ID, isTeam: true, regionCode: "370285001001", supervisorCode: "370285001" };
const OTHER_STREET_TEAM: TeamFacts = { id: 58, isTeam: true, regionCode: "370285007311", supervisorCode: "370285007" };

/** The spec written out independently: from-states, the move's result, and who makes it. */
const LEGAL: Record<MoveName, { from: DemandState[]; to: DemandState; by: ("dispatcher" | "team" | "requester")[] }> = {
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

interface ActorCase {
  name: string;
  actor: DispatchActor;
  kind: "dispatcher" | "team" | "requester" | "outside" | "readonly" | "none" | "otherTeam";
}

const user = (role: Role, scopeCode: string, organizationId: number | null = null): DispatchActor => ({ kind: "user", role, scopeCode, organizationId });
const ACTORS: ActorCase[] = [
  { name: "水集 street officer", actor: user("street_officer", "370285001"), kind: "dispatcher" },
  { name: "莱西 文明办", actor: user("wmb_staff", "370285"), kind: "dispatcher" },
  { name: "city 文明办", actor: user("wmb_staff", "3702"), kind: "dispatcher" },
  { name: "望城 street officer", actor: user("street_officer", "370285002"), kind: "outside" },
  { name: "市南 文明办", actor: user("wmb_staff", "370202"), kind: "outside" },
  { name: "team 1 admin", actor: user("org_admin", "370285001", TEAM_ID), kind: "team" },
  { name: "another team's admin", actor: user("org_admin", "370285007", 58), kind: "otherTeam" },
  { name: "the requester", actor: { kind: "requester" }, kind: "requester" },
  { name: "莱西 leader", actor: user("leader", "370285"), kind: "readonly" },
  ...ROLES.filter((r) => ["sysadmin", "secadmin", "auditor"].includes(r)).map((r) => ({ name: r, actor: user(r, "3702"), kind: "readonly" as const })),
];

function expected(move: MoveName, from: DemandState, a: ActorCase): { ok: true; to: DemandState } | { status: 403 | 422; code: string } {
  if (a.kind === "readonly") return { status: 403, code: "forbidden_role" };
  if (a.kind === "outside") return { status: 403, code: "out_of_scope" };
  const l = LEGAL[move];
  if (!l.from.includes(from)) return { status: 422, code: "illegal_move" };
  const kind = a.kind === "otherTeam" ? (move === "grab" ? "team-elsewhere" : "none") : a.kind;
  if (kind === "team-elsewhere") return { status: 403, code: "out_of_scope" }; // a team claims only in its own area
  if (!l.by.includes(kind as "team")) return { status: 403, code: "forbidden_role" };
  return { ok: true, to: l.to };
}

describe("the dispatch state machine: every move × state × actor", () => {
  const cases = MOVES.flatMap((m) => DEMAND_STATES.flatMap((s) => ACTORS.map((a) => [m, s, a] as const)));
  it(`covers ${cases.length} combinations`, () => expect(cases.length).toBe(MOVES.length * DEMAND_STATES.length * ACTORS.length));
  it.each(cases.map(([m, s, a]) => [`${m} from ${s} by ${a.name}`, m, s, a] as const))("%s", (_l, move, state, a) => {
    const ownTeam = a.kind === "otherTeam" ? OTHER_STREET_TEAM : HOME_TEAM;
    const d = decideMove({
      move,
      actor: a.actor,
      demand: { state, communityCode: COMMUNITY, teamId: state === "posted" ? null : TEAM_ID, openForGrab: move !== "open" },
      team: move === "dispatch" ? HOME_TEAM : move === "grab" ? ownTeam : undefined,
      reason: "人手不足",
      note: "已送医",
      rating: 5,
      assignees: 2,
    });
    const e = expected(move, state, a);
    if ("ok" in e) expect(d).toEqual({ ok: true, to: e.to });
    else expect(d).toMatchObject({ ok: false, ...e });
    if (!d.ok) expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe("evidence and details each move needs", () => {
  const street = user("street_officer", "370285001");
  const team = user("org_admin", "370285001", TEAM_ID);
  const posted = { state: "posted" as const, communityCode: COMMUNITY, teamId: null, openForGrab: false };
  const dispatched = { ...posted, state: "dispatched" as const, teamId: TEAM_ID };

  it("dispatch needs a team; a street may not send to a team in another street, the district may", () => {
    expect(decideMove({ move: "dispatch", actor: street, demand: posted })).toMatchObject({ status: 422, fields: ["teamId"] });
    expect(decideMove({ move: "dispatch", actor: street, demand: posted, team: { ...HOME_TEAM, isTeam: false } })).toMatchObject({ status: 422 });
    const cross = decideMove({ move: "dispatch", actor: street, demand: posted, team: OTHER_STREET_TEAM });
    expect(cross).toMatchObject({ status: 403, code: "out_of_scope" });
    expect(!cross.ok && cross.message).toContain("跨街道");
    expect(decideMove({ move: "dispatch", actor: user("wmb_staff", "370285"), demand: posted, team: OTHER_STREET_TEAM })).toEqual({ ok: true, to: "dispatched" });
    expect(decideMove({ move: "dispatch", actor: user("wmb_staff", "370285"), demand: posted, team: { ...OTHER_STREET_TEAM, regionCode: "370202002011" } })).toMatchObject({ status: 403 });
  });
  it("re-dispatch after a decline: decline returns the need to posted, which may be dispatched again", () => {
    const dec = decideMove({ move: "decline", actor: team, demand: dispatched, reason: "人手不足" });
    expect(dec).toEqual({ ok: true, to: "posted" });
    expect(decideMove({ move: "dispatch", actor: street, demand: { ...posted, teamId: null }, team: HOME_TEAM })).toEqual({ ok: true, to: "dispatched" });
  });
  it("accept names at least one volunteer; decline and cancel need a reason; complete a note; rate 1–5", () => {
    expect(decideMove({ move: "accept", actor: team, demand: dispatched, assignees: 0 })).toMatchObject({ status: 422, fields: ["volunteerIds"] });
    expect(decideMove({ move: "decline", actor: team, demand: dispatched, reason: "  " })).toMatchObject({ status: 422, fields: ["reason"] });
    expect(decideMove({ move: "cancel", actor: street, demand: posted })).toMatchObject({ status: 422, fields: ["reason"] });
    expect(decideMove({ move: "complete", actor: team, demand: { ...dispatched, state: "accepted" } })).toMatchObject({ status: 422, fields: ["note"] });
    for (const rating of [0, 6, 2.5, null]) expect(decideMove({ move: "rate", actor: { kind: "requester" }, demand: { ...dispatched, state: "completed" }, rating })).toMatchObject({ status: 422, fields: ["rating"] });
    expect(decideMove({ move: "rate", actor: { kind: "requester" }, demand: { ...dispatched, state: "completed" }, rating: 1 })).toEqual({ ok: true, to: "rated" });
  });
  it("grab only when opened for grabbing, only by a team of the area, naming volunteers", () => {
    expect(decideMove({ move: "grab", actor: team, demand: posted, team: HOME_TEAM, assignees: 1 })).toMatchObject({ status: 422, code: "illegal_move" });
    const open = { ...posted, openForGrab: true };
    expect(decideMove({ move: "grab", actor: team, demand: open, team: HOME_TEAM, assignees: 0 })).toMatchObject({ status: 422, fields: ["volunteerIds"] });
    expect(decideMove({ move: "grab", actor: team, demand: open, team: { ...HOME_TEAM, isTeam: false }, assignees: 1 })).toMatchObject({ status: 403 });
    expect(decideMove({ move: "grab", actor: team, demand: open, team: HOME_TEAM, assignees: 1 })).toEqual({ ok: true, to: "accepted" });
    expect(decideMove({ move: "open", actor: street, demand: open })).toMatchObject({ status: 422 });
  });
  it("a team admin acts only on needs dispatched to their own team", () => {
    expect(decideMove({ move: "accept", actor: user("org_admin", "370285001", 99), demand: dispatched, assignees: 1 })).toMatchObject({ status: 403, code: "forbidden_role" });
  });
  it("the buttons a page shows follow the same decision", () => {
    expect(availableMoves(posted, street)).toEqual(["dispatch", "open", "cancel"]);
    expect(availableMoves(dispatched, team)).toEqual(["accept", "decline"]);
    expect(availableMoves({ ...posted, openForGrab: true }, team, HOME_TEAM)).toEqual(["grab"]);
    expect(availableMoves({ ...dispatched, state: "completed" }, { kind: "requester" })).toEqual(["rate"]);
    expect(availableMoves({ ...dispatched, state: "rated" }, street)).toEqual(["reward"]);
    expect(availableMoves({ ...dispatched, state: "rewarded" }, street)).toEqual([]);
    expect(availableMoves(posted, user("leader", "3702"))).toEqual([]);
  });
});

describe("overdue: 2 hours of daytime (08:00–20:00 China time) without dispatch", () => {
  const cst = (s: string) => new Date(`${s}+08:00`);
  it("counts daytime minutes only", () => {
    expect(daytimeMinutes(cst("2026-11-30T09:00:00"), cst("2026-11-30T11:00:00"))).toBe(120);
    expect(daytimeMinutes(cst("2026-11-30T19:00:00"), cst("2026-12-01T09:00:00"))).toBe(120);
    expect(daytimeMinutes(cst("2026-11-30T21:00:00"), cst("2026-12-01T07:59:00"))).toBe(0);
    expect(daytimeMinutes(cst("2026-11-30T11:00:00"), cst("2026-11-30T09:00:00"))).toBe(0);
  });
  it("flags a posted need after 2 daytime hours, never a dispatched one", () => {
    const postedAt = cst("2026-11-30T21:00:00");
    expect(isOverdue({ state: "posted", postedAt }, cst("2026-12-01T09:59:00"))).toBe(false);
    expect(isOverdue({ state: "posted", postedAt }, cst("2026-12-01T10:00:00"))).toBe(true);
    expect(isOverdue({ state: "dispatched", postedAt }, cst("2026-12-02T10:00:00"))).toBe(false);
    expect(isOverdue({ state: "posted", postedAt: cst("2026-11-30T09:00:00") }, cst("2026-11-30T10:30:00"), 1)).toBe(true);
  });
});

describe("reward rule", () => {
  it("points from the setting when it is a positive whole number, else the default", () => {
    expect(rewardPoints("30")).toBe(30);
    expect(rewardPoints(null)).toBe(rewardPoints("abc"));
    expect(rewardPoints("-5")).toBe(rewardPoints(undefined));
    expect(rewardPoints(undefined)).toBeGreaterThan(0);
  });
  it("one dedupe key per need and volunteer", () => {
    expect(rewardDedupeKey(7, 311)).toBe("dispatch:7:311");
  });
});

describe("team suggestions", () => {
  const need = { communityCode: "370285001001", lat: 36.97, lng: 120.59, category: "elderly" as const };
  const t = (id: number, regionCode: string, lat: number | null, lng: number | null, load = 0, sectors: string[] = []) => ({ id, name: `队${id}`, regionCode, lat, lng, load, sectors });
  it("haversine distance", () => {
    expect(haversineKm({ lat: 36, lng: 120 }, { lat: 37, lng: 120 })).toBeCloseTo(111.2, 0);
  });
  it("same community first, then street, then district, then elsewhere — whatever the distance", () => {
    expect(placeTier("370285001001", "370285001001")).toBe(0);
    expect(placeTier("370285001001", "370285001")).toBe(1);
    const r = rankTeams(need, [t(4, "370202002011", 36.97, 120.59), t(3, "370285007311", 36.97, 120.59), t(2, "370285001009", 37.1, 120.8), t(1, "370285001001", 37.2, 120.9)]);
    expect(r.map((s) => s.teamId)).toEqual([1, 2, 3, 4]);
    expect(r[0]!.reason).toContain("同社区");
    expect(r[3]!.reason).toContain("跨区");
  });
  it("within a place: nearer, less loaded and sector-fitting teams first, with the reason", () => {
    const r = rankTeams(need, [t(1, "370285001002", 36.99, 120.59, 0), t(2, "370285001003", 36.975, 120.59, 0)]);
    expect(r[0]!.teamId).toBe(2);
    const busy = rankTeams(need, [t(1, "370285001002", 36.975, 120.59, 4), t(2, "370285001003", 36.98, 120.59, 0)]);
    expect(busy[0]!.teamId).toBe(2);
    expect(busy[1]!.reason).toContain("在办 4 单");
    const fit = rankTeams(need, [t(1, "370285001002", 36.975, 120.59, 0), t(2, "370285001003", 36.98, 120.59, 0, ["elderly"])]);
    expect(fit[0]!.teamId).toBe(2);
    expect(fit[0]!.sectorFit).toBe(true);
    expect(fit[0]!.reason).toContain("擅长帮老");
    expect(rankTeams({ ...need, lat: null, lng: null }, [t(1, "370285001002", 36.9, 120.5)])[0]!.distanceKm).toBeNull();
  });
});
