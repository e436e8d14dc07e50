import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { filtersToQuery, type TaskFilters } from "@/lib/tasks/schema";

/** Previous / next links that keep every filter in the URL. */
export async function Pager({ base, filters, page, pageCount, total }: { base: string; filters: Partial<TaskFilters>; page: number; pageCount: number; total: number }) {
  const t = await getTranslations("tasks.list");
  const link = (p: number) => `${base}${filtersToQuery({ ...filters, page: p })}`;
  const cls = "rounded-md px-3 py-2 text-sm ring-1 ring-gray-300";
  return (
    <nav className="flex flex-wrap items-center justify-between gap-2" aria-label={t("page", { page, pages: pageCount })} data-testid="pager">
      <span className="text-sm text-gray-600" data-testid="task-total" data-raw={total}>
        {t("total", { n: total })} · {t("page", { page, pages: pageCount })}
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link href={link(page - 1)} className={`${cls} bg-white hover:bg-gray-50`} data-testid="page-prev" rel="prev">
            {t("prev")}
          </Link>
        ) : (
          <span className={`${cls} text-gray-300`} aria-disabled="true">
            {t("prev")}
          </span>
        )}
        {page < pageCount ? (
          <Link href={link(page + 1)} className={`${cls} bg-white hover:bg-gray-50`} data-testid="page-next" rel="next">
            {t("next")}
          </Link>
        ) : (
          <span className={`${cls} text-gray-300`} aria-disabled="true">
            {t("next")}
          </span>
        )}
      </span>
    </nav>
  );
}
