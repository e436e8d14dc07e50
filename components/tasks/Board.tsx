import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { BoardColumn } from "@/lib/tasks/queries";
import { filtersToQuery, type TaskFilters } from "@/lib/tasks/schema";
import { StatusBadge, UrgencyBadge } from "./Badges";

/** One column per status, its count and the most urgent cards; scrolls sideways on a phone. */
export async function Board({ columns, filters }: { columns: BoardColumn[]; filters: Partial<TaskFilters> }) {
  const t = await getTranslations("tasks");
  return (
    <div className="-mx-4 flex snap-x snap-mandatory items-start gap-3 overflow-x-auto px-4 pb-2 md:mx-0 md:px-0 xl:grid xl:grid-cols-6 xl:overflow-visible" data-testid="task-board">
      {columns.map((c) => (
        <section key={c.status} className={`${c.count === 0 ? "w-28" : "w-72"} shrink-0 snap-start rounded-lg bg-gray-100 p-2 xl:w-auto`} data-testid={`board-col-${c.status}`} data-count={c.count}>
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
                  <p className="mt-0.5 text-xs text-gray-500">
                    {t(`type.${task.type}`)} · {task.streetName}
                  </p>
                  <div className="mt-1 flex flex-wrap items-center gap-1 text-xs text-gray-500">
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
  );
}
