import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState, Notice } from "@/components/ui/Notice";
import { Pager } from "@/components/ui/Pager";
import { VolunteerHeader } from "@/components/volunteers/Tabs";
import { VolunteerFilters } from "@/components/volunteers/VolunteerFilters";
import { VolunteerTable } from "@/components/volunteers/VolunteerTable";
import { requirePage } from "@/lib/auth/session";
import { formatCount } from "@/lib/format";
import { filtersToQuery, parseVolunteerFilters } from "@/lib/volunteers/filters";
import type { SearchParams } from "@/lib/search-params";
import { organizationOptions, searchVolunteers } from "@/lib/volunteers/queries";

export const metadata = { title: "志愿者" };

/** 志愿者查询: filters in the URL, scoped on the server, masked numbers, paginated. */
export default async function VolunteersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor, db } = await requirePage("volunteers");
  const { filters, errors } = parseVolunteerFilters(await searchParams);
  const result = await searchVolunteers(db, actor, filters);
  const orgs = await organizationOptions(db, actor);
  const t = await getTranslations("volunteers");
  const locale = await getLocale();
  const exportHref = `/api/v1/volunteers/export${filtersToQuery({ ...filters, page: 1 })}`;
  return (
    <div className="space-y-4" data-testid="volunteers-page">
      <VolunteerHeader user={actor} current="search" />
      {errors.length > 0 && <Notice testId="filter-error">{t("badParams", { message: errors.join("；") })}</Notice>}
      <VolunteerFilters filters={filters} root={actor.scopeCode} orgs={orgs} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-gray-700" data-testid="volunteer-count" data-count={result.total}>
          {t("count", { n: formatCount(result.total, locale) })}
        </p>
        {result.total > 0 && (
          <a href={exportHref} className="rounded-md bg-white px-3 py-1.5 text-sm text-gray-800 ring-1 ring-gray-300 hover:bg-gray-50" data-testid="volunteer-export">
            {t("export")}
          </a>
        )}
      </div>
      {result.items.length === 0 ? (
        <EmptyState title={t("empty")} body={t("emptyHint")} testId="volunteers-empty" />
      ) : (
        <VolunteerTable items={result.items} />
      )}
      {result.pages > 1 && (
        <Pager
          page={result.page}
          pages={result.pages}
          href={(p) => `/volunteers${filtersToQuery(filters, { page: p })}`}
          labels={{ prev: t("pagination.prev"), next: t("pagination.next"), summary: t("pagination.page", { page: result.page, pages: result.pages }), nav: t("pagination.label") }}
        />
      )}
    </div>
  );
}
