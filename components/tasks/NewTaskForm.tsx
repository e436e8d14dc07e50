"use client";
import Link from "next/link";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/Notice";
import type { ActionState } from "@/lib/auth/action";
import { createTaskAction } from "@/lib/tasks/actions";
import type { StreetPlace } from "@/lib/tasks/queries";
import { TASK_TYPES } from "@/lib/tasks/rules";
import { PhotoUploader } from "./PhotoUploader";

const input = "mt-1 block w-full rounded-md border-gray-300 text-base shadow-sm focus:border-red-600 focus:ring-red-600 sm:text-sm";
const bad = "border-red-500 ring-1 ring-red-500";

/**
 * 登记问题: type, point, description, responsible street → community, unit, deadline, before-photos,
 * and "assign at once". The server validates again and answers with a Chinese message naming the
 * field, which is highlighted here.
 */
export function NewTaskForm({ streets, today }: { streets: StreetPlace[]; today: string }) {
  const t = useTranslations("tasks.form");
  const tt = useTranslations("tasks.type");
  const [state, act, pending] = useActionState<ActionState, FormData>(createTaskAction, { status: "idle" });
  const [street, setStreet] = useState(streets.length === 1 ? streets[0]!.code : "");
  const [assign, setAssign] = useState(true);
  const communities = streets.find((s) => s.code === street)?.communities ?? [];
  const err = (f: string) => (state.status === "error" && state.fields?.includes(f) ? bad : "");
  return (
    <form action={act} className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100" data-testid="new-task-form" noValidate>
      {state.status === "error" && (
        <Notice tone="error" testId="form-error">
          {state.message}
        </Notice>
      )}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <label className="text-sm font-medium text-gray-700">
          {t("type")}
          <select name="type" required defaultValue="" className={`${input} ${err("type")}`} data-testid="new-type">
            <option value="">{t("choose")}</option>
            {TASK_TYPES.map((k) => (
              <option key={k} value={k}>
                {tt(k)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-gray-700">
          {t("deadline")}
          <input type="date" name="deadline" required min={today} className={`${input} ${err("deadline")}`} data-testid="new-deadline" />
        </label>
        <label className="text-sm font-medium text-gray-700 md:col-span-2">
          {t("pointName")}
          <input name="pointName" required maxLength={200} placeholder={t("pointPlaceholder")} className={`${input} ${err("pointName")}`} data-testid="new-point" />
        </label>
        <label className="text-sm text-gray-700 md:col-span-2">
          {t("address")}
          <input name="address" maxLength={300} className={`${input} ${err("address")}`} data-testid="new-address" />
        </label>
        <label className="text-sm font-medium text-gray-700 md:col-span-2">
          {t("description")}
          <textarea name="description" required rows={3} maxLength={2000} className={`${input} ${err("description")}`} data-testid="new-description" />
        </label>
        <label className="text-sm font-medium text-gray-700">
          {t("street")}
          <select name="streetCode" required value={street} onChange={(e) => setStreet(e.target.value)} className={`${input} ${err("streetCode")}`} data-testid="new-street">
            <option value="">{t("choose")}</option>
            {streets.map((s) => (
              <option key={s.code} value={s.code}>
                {s.districtName} {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-gray-700">
          {t("community")}
          <select name="communityCode" required defaultValue="" key={street} disabled={!street} className={`${input} ${err("communityCode")}`} data-testid="new-community">
            <option value="">{street ? t("choose") : t("chooseStreetFirst")}</option>
            {communities.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm text-gray-700 md:col-span-2">
          {t("unit")}
          <input name="responsibleUnit" maxLength={200} className={`${input} ${err("responsibleUnit")}`} data-testid="new-unit" />
        </label>
      </div>
      <PhotoUploader phase="before" label={t("beforePhotos")} capture={false} testId="before-photo" />
      <label className="flex items-center gap-2 text-sm text-gray-800">
        <input type="checkbox" name="assignNow" checked={assign} onChange={(e) => setAssign(e.target.checked)} className="h-5 w-5 rounded border-gray-300 text-red-700 focus:ring-red-600" data-testid="new-assign" />
        {t("assignNow")}
      </label>
      {assign && (
        <label className="block text-sm text-gray-700">
          {t("assignNote")}
          <textarea name="note" rows={2} maxLength={1000} className={input} data-testid="new-note" />
        </label>
      )}
      <div className="flex flex-col gap-2 sm:flex-row">
        <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-6 py-3 text-base font-medium text-white hover:bg-red-800 disabled:opacity-50 sm:py-2 sm:text-sm" data-testid="new-submit">
          {pending ? t("submitting") : t("submit")}
        </button>
        <Link href="/tasks" className="rounded-md px-6 py-3 text-center text-base text-gray-700 ring-1 ring-gray-300 sm:py-2 sm:text-sm">
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}
