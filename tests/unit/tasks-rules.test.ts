import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/auth/rules";
import { availableMoves, decideManage, decideTransition, nextStatuses, TASK_STATUSES, type TaskStatus, urgency } from "@/lib/tasks/rules";

const STREET = "370285001"; // 水集街道, in 莱西市 370285

/** The spec (PRODUCT.md §3), written out independently of the implementation. */
const LEGAL: Record<string, "street" | "reviewer"> = {
  "reported>assigned": "reviewer",
  "assigned>in_progress": "street",
  "in_progress>submitted": "street",
  "submitted>closed": "reviewer",
  "submitted>returned": "reviewer",
  "returned>in_progress": "street",
};

interface ActorCase {
  name: string;
  role: Role;
  scope: string;
  /** What this actor is for a task in 水集街道. */
  kind: "street" | "reviewer" | "none" | "outside" | "no-role";
}

const ACTORS: ActorCase[] = [
  { name: "city 文明办", role: "wmb_staff", scope: "3702", kind: "reviewer" },
  { name: "莱西 文明办", role: "wmb_staff", scope: "370285", kind: "reviewer" },
  { name: "another district's 文明办", role: "wmb_staff", scope: "370202", kind: "outside" },
  { name: "a street-level 文明办 (not above the street)", role: "wmb_staff", scope: STREET, kind: "none" },
  { name: "水集 街道办", role: "street_officer", scope: STREET, kind: "street" },
  { name: "望城 街道办", role: "street_officer", scope: "370285002", kind: "outside" },
  { name: "a 街道办 scoped to the district", role: "street_officer", scope: "370285", kind: "none" },
  ...ROLES.filter((r) => r !== "wmb_staff" && r !== "street_officer").map((r) => ({ name: r, role: r, scope: r === "org_admin" ? STREET : "3702", kind: "no-role" as const })),
];

function expected(from: TaskStatus, to: TaskStatus, a: ActorCase): { ok: true } | { status: 403 | 422; code: string } {
  if (a.kind === "no-role") return { status: 403, code: "forbidden_role" };
  if (a.kind === "outside") return { status: 403, code: "out_of_scope" };
  const who = LEGAL[`${from}>${to}`];
  if (!who) return { status: 422, code: "illegal_move" };
  if (who !== a.kind) return { status: 403, code: "forbidden_role" };
  return { ok: true };
}

describe("the task state machine: every from × to × role", () => {
  const full = { afterPhotos: 2, note: "已清理", reason: "未清理干净" };
  const cases = TASK_STATUSES.flatMap((from) => TASK_STATUSES.flatMap((to) => ACTORS.map((a) => [from, to, a] as const)));
  it(`covers ${cases.length} combinations`, () => expect(cases.length).toBe(6 * 6 * ACTORS.length));
  it.each(cases.map(([from, to, a]) => [`${from} → ${to} by ${a.name}`, from, to, a] as const))("%s", (_label, from, to, a) => {
    const d = decideTransition({ from, to, role: a.role, actorScope: a.scope, taskStreet: STREET, ...full });
    const e = expected(from, to, a);
    if ("ok" in e) expect(d).toEqual({ ok: true });
    else {
      expect(d.ok).toBe(false);
      if (d.ok) return;
      expect({ status: d.status, code: d.code }).toEqual(e);
      expect(d.message).toMatch(/[\u4e00-\u9fff]/); // a Chinese message
    }
  });

  it("allows exactly the six moves of the workflow, each by exactly its actor", () => {
    const allowed = cases.filter(([from, to, a]) => decideTransition({ from, to, role: a.role, actorScope: a.scope, taskStreet: STREET, ...full }).ok).map(([f, t, a]) => `${f}>${t}:${a.name}`);
    expect(allowed.sort()).toEqual(
      [
        "reported>assigned:city 文明办",
        "reported>assigned:莱西 文明办",
        "assigned>in_progress:水集 街道办",
        "in_progress>submitted:水集 街道办",
        "submitted>closed:city 文明办",
        "submitted>closed:莱西 文明办",
        "submitted>returned:city 文明办",
        "submitted>returned:莱西 文明办",
        "returned>in_progress:水集 街道办",
      ].sort(),
    );
  });
});

describe("evidence", () => {
  const submit = (e: { afterPhotos?: number; note?: string | null }) =>
    decideTransition({ from: "in_progress", to: "submitted", role: "street_officer", actorScope: STREET, taskStreet: STREET, ...e });
  it("submitting needs at least one after-photo and a note (422 naming what is missing)", () => {
    expect(submit({ afterPhotos: 1, note: "已整改" })).toEqual({ ok: true });
    expect(submit({ afterPhotos: 0, note: "已整改" })).toMatchObject({ ok: false, status: 422, code: "missing_evidence", fields: ["photoIds"], message: "提交反馈须上传至少一张整改后照片" });
    expect(submit({ afterPhotos: 3, note: "   " })).toMatchObject({ status: 422, fields: ["note"], message: "提交反馈须填写整改说明" });
    expect(submit({})).toMatchObject({ status: 422, fields: ["photoIds", "note"] });
  });
  it("returning needs a reason; closing does not", () => {
    const review = (to: TaskStatus, reason?: string) => decideTransition({ from: "submitted", to, role: "wmb_staff", actorScope: "370285", taskStreet: STREET, reason });
    expect(review("returned")).toMatchObject({ status: 422, fields: ["reason"], message: "退回须填写退回原因" });
    expect(review("returned", " ")).toMatchObject({ status: 422 });
    expect(review("returned", "照片不清楚")).toEqual({ ok: true });
    expect(review("closed")).toEqual({ ok: true });
  });
  it("evidence is only asked for once the move itself is allowed (a 403 is not hidden behind a 422)", () => {
    expect(decideTransition({ from: "in_progress", to: "submitted", role: "wmb_staff", actorScope: "370285", taskStreet: STREET })).toMatchObject({ status: 403 });
  });
});

describe("honest closure and read-only roles", () => {
  it("a street office can never close (or return) its own task", () => {
    const d = decideTransition({ from: "submitted", to: "closed", role: "street_officer", actorScope: STREET, taskStreet: STREET });
    expect(d).toMatchObject({ ok: false, status: 403, code: "forbidden_role" });
    expect(!d.ok && d.message).toContain("销号");
    expect(decideTransition({ from: "submitted", to: "returned", role: "street_officer", actorScope: STREET, taskStreet: STREET, reason: "x" })).toMatchObject({ status: 403 });
  });
  it("leaders read only", () => {
    for (const from of TASK_STATUSES) for (const to of nextStatuses(from)) {
      expect(decideTransition({ from, to, role: "leader", actorScope: "370285", taskStreet: STREET, afterPhotos: 1, note: "x", reason: "x" })).toMatchObject({ status: 403, message: "领导账号为只读，不能变更整改任务" });
    }
  });
  it("closed is final; explains which moves are possible otherwise", () => {
    expect(decideTransition({ from: "closed", to: "in_progress", role: "wmb_staff", actorScope: "3702", taskStreet: STREET })).toMatchObject({ status: 422, message: "任务已销号，不能再变更状态" });
    expect(decideTransition({ from: "assigned", to: "closed", role: "wmb_staff", actorScope: "3702", taskStreet: STREET })).toMatchObject({ status: 422, message: "不能从「交办」变为「已销号」，只能变为「整改中」" });
  });
});

describe("availableMoves (which buttons a page shows)", () => {
  it("gives each actor only their own next steps", () => {
    const task = (status: TaskStatus) => ({ status, streetCode: STREET });
    expect(availableMoves(task("reported"), "wmb_staff", "370285")).toEqual(["assigned"]);
    expect(availableMoves(task("reported"), "street_officer", STREET)).toEqual([]);
    expect(availableMoves(task("assigned"), "street_officer", STREET)).toEqual(["in_progress"]);
    expect(availableMoves(task("in_progress"), "street_officer", STREET)).toEqual(["submitted"]);
    expect(availableMoves(task("submitted"), "wmb_staff", "3702").sort()).toEqual(["closed", "returned"]);
    expect(availableMoves(task("submitted"), "street_officer", STREET)).toEqual([]);
    expect(availableMoves(task("returned"), "street_officer", STREET)).toEqual(["in_progress"]);
    expect(availableMoves(task("closed"), "wmb_staff", "3702")).toEqual([]);
    expect(availableMoves(task("submitted"), "leader", "3702")).toEqual([]);
  });
});

describe("register / reassign / extend", () => {
  const base = { role: "wmb_staff" as Role, actorScope: "370285", taskStreet: STREET, status: "in_progress" as TaskStatus, reason: "街道调整" };
  it("only district or city 文明办, inside their scope", () => {
    expect(decideManage({ ...base, action: "create" })).toEqual({ ok: true });
    expect(decideManage({ ...base, action: "create", role: "street_officer", actorScope: STREET })).toMatchObject({ status: 403 });
    expect(decideManage({ ...base, action: "create", actorScope: "370202" })).toMatchObject({ status: 403, code: "out_of_scope" });
    expect(decideManage({ ...base, action: "create", role: "leader" })).toMatchObject({ status: 403 });
  });
  it("reassign: another street in scope, with a reason, not on closed tasks", () => {
    expect(decideManage({ ...base, action: "reassign", newStreet: "370285002" })).toEqual({ ok: true });
    expect(decideManage({ ...base, action: "reassign", newStreet: "370285002", reason: "" })).toMatchObject({ status: 422, fields: ["reason"] });
    expect(decideManage({ ...base, action: "reassign", newStreet: STREET })).toMatchObject({ status: 422 });
    expect(decideManage({ ...base, action: "reassign", newStreet: "370202001" })).toMatchObject({ status: 403 });
    expect(decideManage({ ...base, action: "reassign", newStreet: "370285002", status: "closed" })).toMatchObject({ status: 422 });
  });
  it("extend: a later deadline, with a reason", () => {
    expect(decideManage({ ...base, action: "extend", deadline: "2026-12-01", newDeadline: "2026-12-10" })).toEqual({ ok: true });
    expect(decideManage({ ...base, action: "extend", deadline: "2026-12-01", newDeadline: "2026-12-01" })).toMatchObject({ status: 422, fields: ["deadline"] });
    expect(decideManage({ ...base, action: "extend", deadline: "2026-12-01", newDeadline: "2026-12-10", reason: " " })).toMatchObject({ status: 422, fields: ["reason"] });
  });
});

describe("overdue (超期) and 督办", () => {
  const today = "2026-11-30";
  const open = (deadline: string, n?: number) => urgency({ deadline, status: "in_progress" }, today, n);
  it("the deadline day is still on time, with the days left counted down", () => {
    expect(open("2026-11-30")).toEqual({ overdue: false, daysOverdue: 0, escalated: false, daysLeft: 0 });
    expect(open("2026-12-01")).toMatchObject({ overdue: false, daysLeft: 1 });
    expect(open("2027-01-01")).toMatchObject({ daysLeft: 32 });
  });
  it("the day after the deadline it is 超期 1 天; after N days overdue it is 督办 (default N = 3)", () => {
    expect(open("2026-11-29")).toEqual({ overdue: true, daysOverdue: 1, escalated: false, daysLeft: null });
    expect(open("2026-11-27")).toMatchObject({ daysOverdue: 3, escalated: false });
    expect(open("2026-11-26")).toMatchObject({ daysOverdue: 4, escalated: true });
    expect(open("2026-10-31")).toMatchObject({ daysOverdue: 30, escalated: true });
  });
  it("N is configurable", () => {
    expect(open("2026-11-29", 0)).toMatchObject({ escalated: true });
    expect(open("2026-11-20", 10)).toMatchObject({ daysOverdue: 10, escalated: false });
    expect(open("2026-11-19", 10)).toMatchObject({ daysOverdue: 11, escalated: true });
  });
  it("matches the cockpit's definition: overdue ⇔ deadline < today, 督办 ⇔ deadline < today − N", () => {
    const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    for (let k = -10; k <= 10; k++) {
      const deadline = addDays(today, k);
      const u = open(deadline, 3);
      expect(u.overdue).toBe(deadline < today);
      expect(u.escalated).toBe(deadline < addDays(today, -3));
    }
  });
  it("every open status can be overdue; a closed task never is", () => {
    for (const s of TASK_STATUSES) {
      const u = urgency({ deadline: "2026-11-01", status: s }, today);
      expect(u.overdue).toBe(s !== "closed");
    }
    expect(urgency({ deadline: "2026-11-01", status: "closed" }, today)).toEqual({ overdue: false, daysOverdue: 0, escalated: false, daysLeft: null });
  });
});
