import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/Notice";
import { Pager } from "@/components/ui/Pager";
import { TaskFilters } from "@/components/tasks/TaskFilters";
import { TaskHeader } from "@/components/tasks/TaskHeader";
import { TaskList } from "@/components/tasks/TaskList";
import { requireReadPage } from "@/lib/auth/session";
import type { SearchParams } from "@/lib/search-params";
import { getPlaces, getTaskSummary, listTasks } from "@/lib/tasks/queries";
import { isRegistrar } from "@/lib/tasks/rules";
import { filtersToQuery, parseTaskFilters } from "@/lib/tasks/schema";
import { pageTitle } from "@/lib/i18n/title";

export const generateMetadata = () => pageTitle(["tasks.title"]);

/** 整改任务: the scope's tasks, overdue first, with the filters in the URL and bulk actions for 文明办. */
export default async function TasksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor, db } = await requireReadPage("tasks");
  const { filters, error } = parseTaskFilters(await searchParams);
  const manager = isRegistrar(actor.role, actor.scopeCode);
  const [list, streets, summary] = await Promise.all([listTasks(db, actor, filters), getPlaces(db, actor, { withCommunities: manager }), getTaskSummary(db, actor)]);
  const t = await getTranslations("tasks");
  const filtered = (["status", "type", "street", "overdue", "dueFrom", "dueTo", "q"] as const).some((k) => filters[k]);
  const pager = (
    <Pager
      page={list.page}
      pages={list.pageCount}
      total={list.total}
      href={(p) => `/tasks${filtersToQuery({ ...filters, page: p })}`}
      labels={{ prev: t("list.prev"), next: t("list.next"), summary: `${t("list.total", { n: list.total })} · ${t("list.page", { page: list.page, pages: list.pageCount })}`, nav: t("list.page", { page: list.page, pages: list.pageCount }) }}
    />
  );
  return (
    <div className="space-y-4" data-testid="tasks-page">
      <TaskHeader user={actor} summary={summary} active="list" />
      {error && <Notice testId="filter-error">{t("filters.badParams", { message: error })}</Notice>}
      <TaskFilters action="/tasks" filters={filters} streets={streets} />
      <div className="flex flex-wrap justify-end gap-2 text-sm" data-testid="task-exports">
        <a href={`/api/v1/tasks/export${filtersToQuery({ ...filters, page: 1 })}`} className="rounded-md px-3 py-1.5 text-gray-700 ring-1 ring-gray-300 hover:bg-gray-50" data-testid="export-list" download>
          {t("list.export")}
        </a>
        <a href={`/api/v1/tasks/export?kind=overdue${filters.street ? `&street=${filters.street}` : ""}`} className="rounded-md px-3 py-1.5 text-gray-700 ring-1 ring-gray-300 hover:bg-gray-50" data-testid="export-overdue" download>
          {t("list.exportOverdue")}
        </a>
      </div>
      {list.items.length === 0 ? (
        <p className="rounded-lg bg-white p-8 text-center text-gray-600 shadow-sm ring-1 ring-gray-100" data-testid="tasks-empty">
          {filtered ? t("list.emptyFiltered") : t("list.empty")}
        </p>
      ) : (
        <>
          {pager}
          <TaskList items={list.items} canBulk={manager} streets={streets} today={list.today} />
          {list.pageCount > 1 && pager}
        </>
      )}
    </div>
  );
}
