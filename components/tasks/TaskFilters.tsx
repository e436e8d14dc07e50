import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FIELD_CLASS, FilterSelect } from "@/components/ui/FilterSelect";
import type { StreetPlace } from "@/lib/tasks/queries";
import { StreetPicker } from "./StreetPicker";
import { TASK_STATUSES, TASK_TYPES } from "@/lib/tasks/rules";
import type { TaskFilters as Filters } from "@/lib/tasks/schema";

/**
 * The list's filters as a plain GET form: the state lives in the URL (linkable, reloadable, works
 * without JavaScript). Collapsed on phones unless a filter is set.
 */
export async function TaskFilters({ action, filters, streets, showStatus = true }: { action: string; filters: Filters; streets: StreetPlace[]; showStatus?: boolean }) {
  const t = await getTranslations("tasks");
  const active = (["status", "type", "street", "overdue", "dueFrom", "dueTo", "q"] as const).filter((k) => filters[k] && (showStatus || k !== "status")).length;
  const sel = FIELD_CLASS;
  return (
    <details className="group rounded-lg bg-white shadow-sm ring-1 ring-gray-100" open={active > 0 ? true : undefined} data-testid="task-filters">
      <summary className="flex cursor-pointer list-none items-center justify-between px-3 py-2 text-sm font-medium text-gray-800">
        <span>
          {t("filters.title")}
          {active > 0 && <span className="ml-2 rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-800">{t("filters.active", { n: active })}</span>}
        </span>
        <span aria-hidden className="text-gray-400 group-open:rotate-180">▾</span>
      </summary>
      <form method="get" action={action} className="grid grid-cols-2 items-end gap-3 border-t border-gray-100 p-3 sm:grid-cols-3 lg:grid-cols-8">
        <label className="col-span-2 text-sm text-gray-700 sm:col-span-3 lg:col-span-2">
          {t("filters.q")}
          <input type="search" name="q" defaultValue={filters.q ?? ""} placeholder={t("filters.qPlaceholder")} className={sel} data-testid="filter-q" />
        </label>
        {showStatus && (
          <FilterSelect label={t("filters.status")} name="status" value={filters.status} allLabel={t("filters.all")} options={[{ value: "open", label: t("summary.open") }, ...TASK_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]} testId="filter-status" />
        )}
        <FilterSelect label={t("filters.type")} name="type" value={filters.type} allLabel={t("filters.all")} options={TASK_TYPES.map((s) => ({ value: s, label: t(`type.${s}`) }))} testId="filter-type" />
        {streets.length > 1 && (
          <StreetPicker
            label={t("filters.street")}
            name="street"
            defaultValue={filters.street ?? ""}
            allLabel={t("filters.all")}
            streets={streets.map(({ code, name, districtName }) => ({ code, name, districtName }))}
            className={streets.length > 12 ? "col-span-2 sm:col-span-1 lg:col-span-2" : undefined}
            testId="filter-street"
          />
        )}
        <FilterSelect
          label={t("filters.overdue")}
          name="overdue"
          value={filters.overdue}
          allLabel={t("filters.overdueAll")}
          options={[
            { value: "1", label: t("filters.overdueYes") },
            { value: "escalated", label: t("filters.overdueEscalated") },
            { value: "0", label: t("filters.overdueNo") },
          ]}
          testId="filter-overdue"
        />
        <label className="text-sm text-gray-700">
          {t("filters.dueFrom")}
          <input type="date" name="dueFrom" defaultValue={filters.dueFrom ?? ""} className={sel} data-testid="filter-due-from" />
        </label>
        <label className="text-sm text-gray-700">
          {t("filters.dueTo")}
          <input type="date" name="dueTo" defaultValue={filters.dueTo ?? ""} className={sel} data-testid="filter-due-to" />
        </label>
        <div className="col-span-2 flex gap-2 sm:col-span-1">
          <button type="submit" className="flex-1 rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800" data-testid="filter-apply">
            {t("filters.apply")}
          </button>
          <Link href={action} className="rounded-md px-3 py-2 text-sm text-gray-600 ring-1 ring-gray-300 hover:bg-gray-50" data-testid="filter-reset">
            {t("filters.reset")}
          </Link>
        </div>
      </form>
    </details>
  );
}
