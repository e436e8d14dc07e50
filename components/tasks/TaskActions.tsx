"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/Notice";
import type { ActionState } from "@/lib/auth/action";
import { transitionAction } from "@/lib/tasks/actions";
import type { TaskStatus } from "@/lib/tasks/rules";
import { PhotoUploader } from "./PhotoUploader";

const area = "mt-1 block w-full rounded-md border-gray-300 text-base shadow-sm focus:border-red-600 focus:ring-red-600 sm:text-sm";
const btn = "w-full rounded-md px-4 py-3 text-base font-medium text-white disabled:opacity-50 sm:w-auto sm:py-2 sm:text-sm";

/**
 * The moves this user may make on the task now (computed on the server by lib/tasks/rules.ts):
 * 交办, 开始整改, 提交反馈 (after-photos + note), 销号 / 退回 (reason). The server decides again on
 * submit; its message (missing evidence, not allowed, changed by someone else) is shown as is.
 */
export function TaskActions({ task, moves, pendingAfter }: { task: { id: number; version: number; status: TaskStatus }; moves: TaskStatus[]; pendingAfter: number[] }) {
  const t = useTranslations("tasks");
  const [state, act, pending] = useActionState<ActionState & { to?: TaskStatus }, FormData>(async (prev, fd) => {
    const r = await transitionAction(prev, fd);
    return { ...r, to: String(fd.get("to")) as TaskStatus };
  }, { status: "idle" });
  const hidden = (
    <>
      <input type="hidden" name="id" value={task.id} />
      <input type="hidden" name="version" value={task.version} />
    </>
  );
  const review = moves.includes("closed") || moves.includes("returned");
  return (
    <div className="space-y-4" data-testid="task-actions">
      {state.status === "error" && (
        <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200" data-testid="action-error">
          <p className="font-medium">{t("actions.errorTitle")}</p>
          <p>{state.message}</p>
          {state.message?.includes("刷新") && (
            <button type="button" onClick={() => window.location.reload()} className="mt-1 underline" data-testid="action-reload">
              {t("actions.reload")}
            </button>
          )}
        </div>
      )}
      {state.status === "ok" && state.to && (
        <Notice tone="ok" testId="action-ok">
          {t(`actions.done.${state.to}`)}
        </Notice>
      )}

      {moves.includes("assigned") && (
        <form action={act} className="space-y-2" data-testid="form-assign">
          {hidden}
          <input type="hidden" name="to" value="assigned" />
          <label className="block text-sm text-gray-700">
            {t("actions.note")}
            <textarea name="note" rows={2} maxLength={1000} className={area} data-testid="assign-note" />
          </label>
          <button type="submit" disabled={pending} className={`${btn} bg-red-700 hover:bg-red-800`} data-testid="action-assigned">
            {pending ? t("actions.working") : t("actions.to.assigned")}
          </button>
        </form>
      )}

      {moves.includes("in_progress") && (
        <form action={act} data-testid="form-start">
          {hidden}
          <input type="hidden" name="to" value="in_progress" />
          <button type="submit" disabled={pending} className={`${btn} bg-amber-600 hover:bg-amber-700`} data-testid="action-in_progress">
            {pending ? t("actions.working") : t("actions.to.in_progress")}
          </button>
        </form>
      )}

      {moves.includes("submitted") && (
        <form action={act} className="space-y-3" data-testid="form-submit">
          {hidden}
          <input type="hidden" name="to" value="submitted" />
          <PhotoUploader phase="after" taskId={task.id} initial={pendingAfter} label={t("actions.afterPhotos")} testId="after-photo" />
          <label className="block text-sm font-medium text-gray-700">
            {t("actions.submitNote")}
            <textarea
              name="note"
              rows={3}
              maxLength={1000}
              aria-required="true"
              placeholder={t("actions.submitNotePlaceholder")}
              className={area}
              data-testid="submit-note"
            />
          </label>
          <button type="submit" disabled={pending} className={`${btn} bg-violet-700 hover:bg-violet-800`} data-testid="action-submitted">
            {pending ? t("actions.working") : t("actions.to.submitted")}
          </button>
        </form>
      )}

      {review && (
        <form action={act} className="space-y-2" data-testid="form-review">
          {hidden}
          <label className="block text-sm text-gray-700">
            {t("actions.closeNote")} / {t("actions.reason")}
            <textarea name="note" rows={3} maxLength={1000} placeholder={t("actions.reasonPlaceholder")} className={area} data-testid="review-note" />
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            {moves.includes("closed") && (
              <button type="submit" name="to" value="closed" disabled={pending} className={`${btn} bg-emerald-700 hover:bg-emerald-800`} data-testid="action-closed">
                {pending ? t("actions.working") : t("actions.to.closed")}
              </button>
            )}
            {moves.includes("returned") && (
              <button type="submit" name="to" value="returned" disabled={pending} className={`${btn} bg-orange-600 hover:bg-orange-700`} data-testid="action-returned">
                {pending ? t("actions.working") : t("actions.to.returned")}
              </button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
