import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { BoardColumn } from "@/lib/tasks/queries";
import type { TaskStatus } from "@/lib/tasks/rules";
import { filtersToQuery, type TaskFilters } from "@/lib/tasks/schema";
import { StatusBadge, UrgencyBadge } from "./Badges";

/**
 * One column per status, its count and the most urgent cards. On a phone it is one list with a state
 * filter (`?col=`, links — no script needed); from md up, the columns side by side.
 */
export async function Board({ columns, filters, col }: { columns: BoardColumn[]; filters: Partial<TaskFilters>; col?: TaskStatus }) {
  const t = await getTranslations("tasks");
  const pick = col ?? columns.find((c) => c.count > 0 && c.status !== "closed")?.status ?? columns[0]?.status;
  const base = filtersToQuery({ ...filters, page: 1 });
  return (
    <>
      <nav aria-label={t("board.filter")} className="flex flex-wrap gap-1 md:hidden" data-testid="board-state-filter">
        {columns.map((c) => (
          <Link
            key={c.status}
            href={`/tasks/board${base}${base ? "&" : "?"}col=${c.status}`}
            aria-current={c.status === pick ? "true" : undefined}
            className={`rounded-full px-3 py-1 text-sm ring-1 ${c.status === pick ? "bg-red-700 text-white ring-red-700" : "bg-white text-gray-800 ring-gray-300"}`}
            data-testid={`board-filter-${c.status}`}
          >
            {t(`status.${c.status}`)} <span className="tabular">{c.count}</span>
          </Link>
        ))}
      </nav>
    <div className="space-y-3 md:flex md:snap-x md:snap-mandatory md:items-start md:gap-3 md:space-y-0 md:overflow-x-auto md:pb-2 xl:grid xl:grid-cols-6 xl:overflow-visible" data-testid="task-board">
      {columns.map((c) => (
        <section key={c.status} className={`${c.status === pick ? "block" : "hidden"} rounded-lg bg-gray-100 p-2 md:block md:shrink-0 md:snap-start ${c.count === 0 ? "md:w-28" : "md:w-72"} xl:w-auto`} data-testid={`board-col-${c.status}`} data-count={c.count}>
          <h2 className="mb-2 flex items-center justify-between px-1 text-sm font-semibold text-gray-800">
            <StatusBadge status={c.status} />
            <span className="tabular">
              {c.count}
              {c.overdue > 0 && <span className="ml-2 text-xs font-medium text-red-700">{t("board.overdueCount", { n: c.overdue })}</span>}
            </span>
          </h2>
          {c.items.length === 0 ? (
            <p className="px-1 py-4 text-center text-xs text-gray-600">{t("board.empty")}</p>
          ) : (
            <ul className="space-y-2">
              {c.items.map((task) => (
                <li key={task.id} className={`rounded-md bg-white p-2 shadow-sm ring-1 ${task.urgency.overdue ? "ring-red-200" : "ring-gray-100"}`} data-testid={`board-card-${task.id}`}>
                  <Link href={`/tasks/${task.id}`} className="block text-sm font-medium text-gray-900 hover:text-red-800">
                    {task.pointName}
                  </Link>
                  <p className="mt-0.5 text-xs text-gray-600">
                    {t(`type.${task.type}`)} · {task.streetName}
                  </p>
                  <div className="mt-1 flex flex-wrap items-center gap-1 text-xs text-gray-600">
                    <UrgencyBadge u={task.urgency} />
                    <span>{t("list.deadline", { date: task.deadline })}</span>
                  </div>
                </li>
              ))}
            </ul>
          )}
          {c.count > c.items.length && (
            <Link href={`/tasks${filtersToQuery({ ...filters, status: c.status, page: 1 })}`} className="mt-2 block px-1 text-xs text-red-800 underline">
              {t("board.more", { n: c.count - c.items.length })}
            </Link>
          )}
        </section>
      ))}
    </div>
    </>
  );
}
