"use server";
/**
 * Server actions of the task pages. Each one authorizes first (requireArea + the role/scope rules
 * inside the service), validates the FormData with zod, and calls the same lib/tasks/service.ts
 * functions as the JSON API.
 */
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { canWrite } from "@/lib/auth/rules";
import { type CurrentUser, requireArea } from "@/lib/auth/session";
import { clientIpFrom } from "@/lib/security/ip";
import { BulkSchema, CreateTaskSchema, firstIssue, TransitionSchema } from "./schema";
import { bulkUpdate, createTask, type TaskActor, transitionTask } from "./service";

export interface ActionState {
  status: "idle" | "ok" | "error";
  message?: string;
  fields?: string[];
  /** Bulk: the tasks that were not changed, and why. */
  failed?: { id: number; message: string }[];
  /** Bumped on each answer so forms can reset after a success. */
  at?: number;
}

async function actorOf(user: CurrentUser): Promise<TaskActor> {
  const h = await headers();
  const ip = clientIpFrom((n) => h.get(n));
  return { id: user.id, username: user.username, role: user.role, scopeCode: user.scopeCode, ip };
}

const error = (message: string, fields?: string[]): ActionState => ({ status: "error", message, fields, at: Date.now() });

const numbers = (fd: FormData, name: string) =>
  fd
    .getAll(name)
    .map((v) => String(v).trim())
    .filter(Boolean);

/** 开始整改 / 提交反馈 / 交办 / 销号 / 退回 from the task page and the review queue. */
export async function transitionAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireArea("tasks");
  if (!canWrite(user.role)) return error("当前角色为只读");
  const id = Number(fd.get("id"));
  if (!Number.isSafeInteger(id) || id <= 0) return error("任务编号无效");
  const parsed = TransitionSchema.safeParse({
    to: fd.get("to"),
    version: fd.get("version"),
    note: fd.get("note") ?? undefined,
    reason: fd.get("reason") ?? undefined,
    photoIds: numbers(fd, "photoIds"),
  });
  if (!parsed.success) {
    const i = firstIssue(parsed.error);
    return error(i.message, [i.field]);
  }
  const r = await transitionTask(await getDb(), await actorOf(user), id, parsed.data);
  if (!r.ok) return error(r.message, r.fields);
  revalidatePath("/tasks", "layout");
  revalidatePath("/cockpit");
  return { status: "ok", message: "ok", at: Date.now() };
}

/** 登记问题 (optionally 交办 at once). */
export async function createTaskAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireArea("tasks");
  if (!canWrite(user.role)) return error("当前角色为只读");
  const parsed = CreateTaskSchema.safeParse({
    type: fd.get("type") ?? undefined,
    pointName: fd.get("pointName") ?? undefined,
    address: fd.get("address") ?? undefined,
    description: fd.get("description") ?? undefined,
    streetCode: fd.get("streetCode") ?? undefined,
    communityCode: fd.get("communityCode") ?? undefined,
    responsibleUnit: fd.get("responsibleUnit") ?? undefined,
    deadline: fd.get("deadline") ?? undefined,
    assignNow: fd.get("assignNow") ?? undefined,
    note: fd.get("note") ?? undefined,
    photoIds: numbers(fd, "photoIds"),
  });
  if (!parsed.success) {
    const i = firstIssue(parsed.error);
    return error(i.message, [i.field]);
  }
  const r = await createTask(await getDb(), await actorOf(user), parsed.data);
  if (!r.ok) return error(r.message, r.fields);
  revalidatePath("/tasks", "layout");
  redirect(`/tasks/${r.id}?created=1`);
}

/** Bulk reassign / extend for the selected tasks (`items` = "id:version"). */
export async function bulkAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireArea("tasks");
  if (!canWrite(user.role)) return error("当前角色为只读");
  const items = numbers(fd, "items").map((s) => {
    const [id, version] = s.split(":");
    return { id, version };
  });
  const action = fd.get("action");
  const parsed = BulkSchema.safeParse(
    action === "reassign"
      ? { action, items, streetCode: fd.get("streetCode") ?? undefined, communityCode: fd.get("communityCode") ?? undefined, reason: fd.get("reason") ?? undefined }
      : { action, items, deadline: fd.get("deadline") || undefined, reason: fd.get("reason") ?? undefined },
  );
  if (!parsed.success) {
    const i = firstIssue(parsed.error);
    return error(i.field === "action" ? "请选择批量操作：改派或延期" : i.message, [i.field]);
  }
  const r = await bulkUpdate(await getDb(), await actorOf(user), parsed.data);
  if (!r.ok) return error(r.message, r.fields);
  revalidatePath("/tasks", "layout");
  const verb = parsed.data.action === "reassign" ? "改派" : "延期";
  const msg = r.failed.length
    ? `已${verb} ${r.updated.length} 个任务；${r.failed.length} 个未${verb}`
    : `已${verb} ${r.updated.length} 个任务`;
  return { status: r.failed.length && !r.updated.length ? "error" : "ok", message: msg, failed: r.failed.map((f) => ({ id: f.id, message: f.message })), at: Date.now() };
}
