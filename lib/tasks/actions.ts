"use server";
/**
 * Server actions of the task pages, each through `serverAction` (guard → zod parse → call → one
 * answer shape); they call the same lib/tasks/service.ts functions as the JSON API.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actionError, actionOk, serverAction } from "@/lib/auth/action";
import { BulkForm, CreateTaskForm, TransitionForm } from "./schema";
import { bulkUpdate, createTask, transitionTask } from "./service";

/** 开始整改 / 提交反馈 / 交办 / 销号 / 退回 from the task page and the review queue. */
export const transitionAction = serverAction({ area: "tasks", write: true }, TransitionForm, async ({ actor, db }, input) => {
  const r = await transitionTask(db, actor, input);
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath("/tasks", "layout");
  revalidatePath("/cockpit");
  return actionOk();
});

/** 登记问题 (optionally 交办 at once); on success, the new task's page. */
export const createTaskAction = serverAction({ area: "tasks", write: true }, CreateTaskForm, async ({ actor, db }, input) => {
  const r = await createTask(db, actor, input);
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath("/tasks", "layout");
  redirect(`/tasks/${r.id}?created=1`);
});

/** Bulk reassign / extend for the selected tasks: what was changed, and each task that was not (and why). */
export const bulkAction = serverAction({ area: "tasks", write: true }, BulkForm, async ({ actor, db }, input) => {
  const r = await bulkUpdate(db, actor, input);
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath("/tasks", "layout");
  const verb = input.action === "reassign" ? "改派" : "延期";
  const message = r.failed.length ? `已${verb} ${r.updated.length} 个任务；${r.failed.length} 个未${verb}` : `已${verb} ${r.updated.length} 个任务`;
  const failed = r.failed.map((f) => ({ id: f.id, message: f.message }));
  return r.failed.length && !r.updated.length ? actionError(message, undefined, { failed }) : actionOk(message, undefined, { failed });
});
