import { getTranslations } from "next-intl/server";
import { TaskFilters } from "@/components/tasks/TaskFilters";
import { TaskHeader } from "@/components/tasks/TaskHeader";
import { TaskList } from "@/components/tasks/TaskList";
import { Pager } from "@/components/tasks/Pager";
import { requireArea } from "@/lib/auth/session";
import { getPlaces, listTasks } from "@/lib/tasks/queries";
import { isRegistrar } from "@/lib/tasks/rules";
import { parseTaskFilters } from "@/lib/tasks/schema";

/** 整改任务: the scope's tasks, overdue first, with the filters in the URL and bulk actions for 文明办. */
export default async function TasksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("tasks");
  const { filters, error } = parseTaskFilters(await searchParams);
  const manager = isRegistrar(user.role, user.scopeCode);
  const [list, streets] = await Promise.all([listTasks({ user, filters }), getPlaces({ user, withCommunities: manager })]);
  const t = await getTranslations("tasks");
  const filtered = (["status", "type", "street", "overdue", "dueFrom", "dueTo", "q"] as const).some((k) => filters[k]);
  return (
    <div className="space-y-4" data-testid="tasks-page">
      <TaskHeader user={user} active="list" />
      {error && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="filter-error">
          {t("filters.badParams", { message: error })}
        </p>
      )}
      <TaskFilters action="/tasks" filters={filters} streets={streets} />
      {list.items.length === 0 ? (
        <p className="rounded-lg bg-white p-8 text-center text-gray-600 shadow-sm ring-1 ring-gray-100" data-testid="tasks-empty">
          {filtered ? t("list.emptyFiltered") : t("list.empty")}
        </p>
      ) : (
        <>
          <Pager base="/tasks" filters={filters} page={list.page} pageCount={list.pageCount} total={list.total} />
          <TaskList items={list.items} canBulk={manager} streets={streets} today={list.today} />
          {list.pageCount > 1 && <Pager base="/tasks" filters={filters} page={list.page} pageCount={list.pageCount} total={list.total} />}
        </>
      )}
    </div>
  );
}
