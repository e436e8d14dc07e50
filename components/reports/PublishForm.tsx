"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/auth/action";
import { publishAction } from "@/lib/reports/actions";

/** Publish (freeze) the month; a republication asks for the reason, which is audited. */
export function PublishForm({ month, region, revision }: { month: string; region: string; revision: number | null }) {
  const t = useTranslations("reports.publish");
  const [state, act, pending] = useActionState<ActionState, FormData>(publishAction, { status: "idle" });
  return (
    <form action={act} className="space-y-2 rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100 no-print" data-testid="publish-form">
      <input type="hidden" name="month" value={month} />
      <input type="hidden" name="region" value={region} />
      {revision !== null && (
        <label className="block text-sm text-gray-700">
          {t("reason")}
          <textarea name="reason" required rows={2} maxLength={500} className="mt-1 block w-full rounded-md border-gray-300 text-sm" data-testid="publish-reason" />
        </label>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-red-800 px-4 py-2 text-sm font-medium text-white hover:bg-red-900 disabled:opacity-50" data-testid="publish-submit">
          {revision === null ? t("publish") : t("republish", { n: revision + 1 })}
        </button>
        <span className="text-xs text-gray-500">{revision === null ? t("hint") : t("hintRepublish")}</span>
      </div>
      {state.status !== "idle" && (
        <p role={state.status === "error" ? "alert" : "status"} className={`text-sm ${state.status === "error" ? "text-red-700" : "text-emerald-700"}`} data-testid="publish-result">
          {state.message}
        </p>
      )}
    </form>
  );
}
