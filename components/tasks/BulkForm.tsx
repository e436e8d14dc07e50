"use client";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/auth/action";
import { bulkAction } from "@/lib/tasks/actions";
import type { StreetPlace } from "@/lib/tasks/queries";

const sel = "mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-red-600 focus:ring-red-600";

/**
 * 文明办's bulk actions for the selected tasks: reassign to another street (and community) or extend
 * the deadline, always with a reason. Each task is changed with its own version check; the answer
 * lists any that were not changed and why.
 */
export function BulkForm({ items, streets, today, onDone, sticky }: { items: { id: number; version: number }[]; streets: StreetPlace[]; today: string; onDone?: () => void; sticky?: boolean }) {
  const t = useTranslations("tasks.bulk");
  const [state, act, pending] = useActionState<ActionState, FormData>(async (prev, fd) => {
    const r = await bulkAction(prev, fd);
    if (r.status === "ok") onDone?.();
    return r;
  }, { status: "idle" });
  const [action, setAction] = useState<"reassign" | "extend">("extend");
  const [street, setStreet] = useState("");
  const communities = streets.find((s) => s.code === street)?.communities ?? [];
  if (items.length === 0 && state.status === "idle") return null;
  return (
    <form
      action={act}
      className={`space-y-3 rounded-lg bg-white p-3 shadow-lg ring-1 ring-gray-200 ${sticky ? "sticky bottom-2 z-10" : ""}`}
      data-testid="bulk-form"
      aria-label={t("title")}
    >
      <p className="text-sm font-medium text-gray-900" data-testid="bulk-count">
        {t("title")} · {items.length ? t("selected", { n: items.length }) : t("noneSelected")}
      </p>
      {items.map((i) => (
        <input key={i.id} type="hidden" name="items" value={`${i.id}:${i.version}`} />
      ))}
      <div className="grid grid-cols-2 items-end gap-3 lg:grid-cols-5">
        <label className="text-sm text-gray-700">
          {t("action")}
          <select name="action" value={action} onChange={(e) => setAction(e.target.value as "reassign" | "extend")} className={sel} data-testid="bulk-action">
            <option value="extend">{t("extend")}</option>
            <option value="reassign">{t("reassign")}</option>
          </select>
        </label>
        {action === "extend" ? (
          <label className="text-sm text-gray-700">
            {t("deadline")}
            <input type="date" name="deadline" min={today} required className={sel} data-testid="bulk-deadline" />
          </label>
        ) : (
          <>
            <label className="text-sm text-gray-700">
              {t("street")}
              <select name="streetCode" value={street} onChange={(e) => setStreet(e.target.value)} required className={sel} data-testid="bulk-street">
                <option value="">—</option>
                {streets.map((s) => (
                  <option key={s.code} value={s.code}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm text-gray-700">
              {t("community")}
              <select name="communityCode" required className={sel} data-testid="bulk-community" disabled={!street}>
                <option value="">—</option>
                {communities.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <label className="col-span-2 text-sm text-gray-700">
          {t("reason")}
          <input type="text" name="reason" required maxLength={1000} className={sel} data-testid="bulk-reason" />
        </label>
        <button
          type="submit"
          disabled={pending || items.length === 0}
          className="col-span-2 rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-50 lg:col-span-1"
          data-testid="bulk-apply"
        >
          {pending ? t("working") : t("apply")}
        </button>
      </div>
      {state.status !== "idle" && (
        <div role={state.status === "error" ? "alert" : "status"} className={`rounded-md px-3 py-2 text-sm ${state.status === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-900"}`} data-testid="bulk-result">
          <p>{state.message}</p>
          {state.failed && state.failed.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {state.failed.map((f) => (
                <li key={f.id}>{t("failedItem", { id: f.id, message: f.message })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
