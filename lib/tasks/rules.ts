/**
 * Rectification tasks (整改任务): the state machine and the overdue/督办 rules, pure. Every path that
 * changes a task — page forms (server actions), the JSON API, the import — asks `decideTransition`
 * (status moves) or `decideManage` (register, reassign, extend) before it writes; nothing else
 * decides. Messages are Chinese and name what is wrong.
 *
 *   reported 登记 → assigned 交办 → in_progress 整改中 → submitted 已反馈 → closed 已销号
 *                                         ↑                    └→ returned 退回 ┘
 */
import type { Role } from "@/lib/auth/rules";

export const TASK_STATUSES = ["reported", "assigned", "in_progress", "submitted", "returned", "closed"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_TYPES = ["sanitation", "flyposting", "parking", "street_vending", "psa_damage", "facility_damage", "illegal_building"] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** Chinese names, for messages and import files (the UI reads its labels from the message files). */
export const STATUS_LABELS: Record<TaskStatus, string> = {
  reported: "登记",
  assigned: "交办",
  in_progress: "整改中",
  submitted: "已反馈",
  returned: "退回",
  closed: "已销号",
};

export const TYPE_LABELS: Record<TaskType, string> = {
  sanitation: "环境卫生",
  flyposting: "小广告",
  parking: "乱停乱放",
  street_vending: "占道经营",
  psa_damage: "公益广告破损",
  facility_damage: "基础设施破损",
  illegal_building: "违法建设",
};

/** Who makes a move: the responsible street office, or a 文明办 reviewer above the street. */
export type Actor = "street" | "reviewer";

interface Move {
  actor: Actor;
  /** after: ≥ 1 after-photo and a note; reason: a reason. */
  evidence?: "after" | "reason";
}

/** The only legal moves. Anything not listed here is refused. */
export const MOVES: Readonly<Record<string, Move>> = {
  "reported>assigned": { actor: "reviewer" },
  "assigned>in_progress": { actor: "street" },
  "in_progress>submitted": { actor: "street", evidence: "after" },
  "submitted>closed": { actor: "reviewer" },
  "submitted>returned": { actor: "reviewer", evidence: "reason" },
  "returned>in_progress": { actor: "street" },
};

export function moveOf(from: TaskStatus, to: TaskStatus): Move | undefined {
  return MOVES[`${from}>${to}`];
}

/** Statuses reachable from `from` in one legal move. */
export function nextStatuses(from: TaskStatus): TaskStatus[] {
  return TASK_STATUSES.filter((to) => moveOf(from, to));
}

export interface TransitionInput {
  from: TaskStatus;
  to: TaskStatus;
  role: Role;
  /** The actor's region scope code (3702, 370285, 370285001 …). */
  actorScope: string;
  /** The task's responsible street code (9 digits). */
  taskStreet: string;
  /** After-photos that come with this move (submit). */
  afterPhotos?: number;
  note?: string | null;
  reason?: string | null;
}

export type RefusalCode = "forbidden_role" | "out_of_scope" | "illegal_move" | "missing_evidence" | "invalid";

export interface Refusal {
  ok: false;
  /** HTTP-ish: 403 the role (or place) may not do this; 422 the move is illegal or evidence is missing. */
  status: 403 | 422;
  code: RefusalCode;
  message: string;
  /** Fields the message is about (photoIds, note, reason, deadline …). */
  fields?: string[];
}

export type Decision = { ok: true } | Refusal;

const OK: Decision = { ok: true };

function refuse(status: 403 | 422, code: RefusalCode, message: string, fields?: string[]): Refusal {
  return fields ? { ok: false, status, code, message, fields } : { ok: false, status, code, message };
}

const blank = (s: string | null | undefined) => !s || s.trim() === "";

/** Is `code` at or under `scope` (GB/T 2260 codes nest by prefix)? */
function covers(scope: string, code: string): boolean {
  return /^\d{4,12}$/.test(scope) && /^\d{9}$/.test(code) && code.startsWith(scope);
}

/** A 文明办 reviewer of this task: wmb_staff of the city or of the task's district — never a street. */
export function isReviewerOf(role: Role, actorScope: string, taskStreet: string): boolean {
  return role === "wmb_staff" && (actorScope.length === 4 || actorScope.length === 6) && covers(actorScope, taskStreet);
}

/** Who may register problems, import lists, reassign and extend: 文明办 of a district or the city. */
export function isRegistrar(role: Role, actorScope: string): boolean {
  return role === "wmb_staff" && (actorScope.length === 4 || actorScope.length === 6);
}

/** The responsible street office of this task. */
export function isStreetOf(role: Role, actorScope: string, taskStreet: string): boolean {
  return role === "street_officer" && actorScope === taskStreet;
}

/** Roles that take part in the task workflow at all (leaders read only; the rest never see tasks). */
function roleRefusal(role: Role): Refusal | null {
  if (role === "wmb_staff" || role === "street_officer") return null;
  if (role === "leader") return refuse(403, "forbidden_role", "领导账号为只读，不能变更整改任务");
  return refuse(403, "forbidden_role", "当前角色无权处理整改任务");
}

/**
 * The one decision on a status change: may this role, with this scope, move this task from → to
 * with this evidence? Order: role at all (403) → place (403) → legal move (422) → who makes that move
 * (403) → evidence (422).
 */
export function decideTransition(i: TransitionInput): Decision {
  const byRole = roleRefusal(i.role);
  if (byRole) return byRole;
  if (!covers(i.actorScope, i.taskStreet)) return refuse(403, "out_of_scope", "该任务不在您的管辖范围内");
  const move = moveOf(i.from, i.to);
  if (!move) {
    if (i.from === "closed") return refuse(422, "illegal_move", "任务已销号，不能再变更状态");
    if (i.from === i.to) return refuse(422, "illegal_move", `任务已是「${STATUS_LABELS[i.to]}」状态`);
    const allowed = nextStatuses(i.from).map((s) => `「${STATUS_LABELS[s]}」`);
    return refuse(422, "illegal_move", `不能从「${STATUS_LABELS[i.from]}」变为「${STATUS_LABELS[i.to]}」${allowed.length ? `，只能变为${allowed.join("或")}` : ""}`);
  }
  if (move.actor === "reviewer" && !isReviewerOf(i.role, i.actorScope, i.taskStreet)) {
    if (i.role === "street_officer") {
      if (i.to === "closed") return refuse(403, "forbidden_role", "街道不能为本街道的任务销号：须由上级文明办复查后销号");
      if (i.to === "returned") return refuse(403, "forbidden_role", "退回须由上级文明办复查后操作");
      return refuse(403, "forbidden_role", "交办须由区（市）或市文明办操作");
    }
    return refuse(403, "forbidden_role", "交办、复查销号和退回须由街道以上的文明办操作");
  }
  if (move.actor === "street" && !isStreetOf(i.role, i.actorScope, i.taskStreet)) {
    return refuse(403, "forbidden_role", i.to === "submitted" ? "整改反馈须由责任街道提交" : "开始整改须由责任街道操作");
  }
  if (move.evidence === "after") {
    const noPhoto = (i.afterPhotos ?? 0) < 1;
    const noNote = blank(i.note);
    if (noPhoto && noNote) return refuse(422, "missing_evidence", "提交反馈须上传至少一张整改后照片，并填写整改说明", ["photoIds", "note"]);
    if (noPhoto) return refuse(422, "missing_evidence", "提交反馈须上传至少一张整改后照片", ["photoIds"]);
    if (noNote) return refuse(422, "missing_evidence", "提交反馈须填写整改说明", ["note"]);
  }
  if (move.evidence === "reason" && blank(i.reason)) return refuse(422, "missing_evidence", "退回须填写退回原因", ["reason"]);
  return OK;
}

/**
 * The moves this actor could make on a task now (evidence aside): which action buttons a page shows.
 * The server decides again, with the evidence, when the move is made.
 */
export function availableMoves(t: { status: TaskStatus; streetCode: string }, role: Role, actorScope: string): TaskStatus[] {
  return nextStatuses(t.status).filter((to) => {
    const d = decideTransition({ from: t.status, to, role, actorScope, taskStreet: t.streetCode, afterPhotos: 1, note: "x", reason: "x" });
    return d.ok;
  });
}

// ---------------------------------------------------------------------------- management

export type ManageAction = "create" | "reassign" | "extend";

export interface ManageInput {
  action: ManageAction;
  role: Role;
  actorScope: string;
  /** The task's street (for create and reassign: the new responsible street as well). */
  taskStreet: string;
  status?: TaskStatus;
  reason?: string | null;
  /** extend: the current and the new deadline (YYYY-MM-DD). */
  deadline?: string;
  newDeadline?: string;
  /** reassign: the street it goes to. */
  newStreet?: string;
}

/**
 * Registering problems, reassigning them to another street and extending deadlines: 文明办 of the
 * district or the city only, inside their scope, never on a closed task, always with a reason
 * (except registering).
 */
export function decideManage(i: ManageInput): Decision {
  const byRole = roleRefusal(i.role);
  if (byRole) return byRole;
  const what = i.action === "create" ? "登记问题" : i.action === "reassign" ? "改派任务" : "延期";
  if (!isRegistrar(i.role, i.actorScope)) return refuse(403, "forbidden_role", `${what}须由区（市）或市文明办操作`);
  if (!covers(i.actorScope, i.taskStreet)) return refuse(403, "out_of_scope", "该街道不在您的管辖范围内");
  if (i.action === "create") return OK;
  if (i.status === "closed") return refuse(422, "illegal_move", `任务已销号，不能${what}`);
  if (blank(i.reason)) return refuse(422, "missing_evidence", `${what}须填写原因`, ["reason"]);
  if (i.action === "reassign") {
    if (!i.newStreet || !covers(i.actorScope, i.newStreet)) return refuse(403, "out_of_scope", "改派的街道不在您的管辖范围内", ["street"]);
    if (i.newStreet === i.taskStreet) return refuse(422, "invalid", "任务已属于该街道，无需改派", ["street"]);
  }
  if (i.action === "extend") {
    if (!i.newDeadline || !i.deadline) return refuse(422, "invalid", "请填写新的整改期限", ["deadline"]);
    if (i.newDeadline <= i.deadline) return refuse(422, "invalid", `新的整改期限须晚于原期限 ${i.deadline}`, ["deadline"]);
  }
  return OK;
}

// ---------------------------------------------------------------------------- overdue / 督办

export const DEFAULT_ESCALATION_DAYS = 3;

export interface Urgency {
  /** Past the deadline and not closed (超期). */
  overdue: boolean;
  /** Whole days past the deadline (0 when not overdue). */
  daysOverdue: number;
  /** Overdue for more than N days (督办) — the cockpit's definition: deadline < today − N. */
  escalated: boolean;
  /** Days until the deadline for an open task that is not overdue (0 = due today); null otherwise. */
  daysLeft: number | null;
}

function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

/**
 * Overdue and 督办 for one task on `today` (YYYY-MM-DD, China time). The deadline day itself is still
 * on time; the day after it the task is 超期 1 天; after N days overdue (N from the setting
 * `overdue_escalation_days`, default 3) it is flagged 督办. Closed tasks are never overdue.
 */
export function urgency(t: { deadline: string; status: TaskStatus }, today: string, escalationDays: number = DEFAULT_ESCALATION_DAYS): Urgency {
  if (t.status === "closed") return { overdue: false, daysOverdue: 0, escalated: false, daysLeft: null };
  const diff = dayNumber(today) - dayNumber(t.deadline);
  if (diff <= 0) return { overdue: false, daysOverdue: 0, escalated: false, daysLeft: 0 - diff || 0 };
  return { overdue: true, daysOverdue: diff, escalated: diff > escalationDays, daysLeft: null };
}
