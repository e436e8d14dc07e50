import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { OrgFilters } from "@/components/organizations/OrgFilters";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { EmptyState, Notice } from "@/components/ui/Notice";
import { Pager } from "@/components/ui/Pager";
import { requirePage } from "@/lib/auth/session";
import { formatCount, formatNumber } from "@/lib/format";
import { listOrganizations } from "@/lib/organizations/queries";
import { orgFiltersToQuery, parseOrgFilters } from "@/lib/organizations/rules";
import type { SearchParams } from "@/lib/search-params";

export const metadata = { title: "组织与项目" };

/** 查组织: organizations and teams in scope, by region, type and sector. */
export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor, db } = await requirePage("organizations");
  const { filters, errors } = parseOrgFilters(await searchParams);
  const r = await listOrganizations(db, actor, filters);
  const t = await getTranslations("volunteers");
  const tc = await getTranslations("cockpit.sectors");
  const locale = await getLocale();
  const th = "whitespace-nowrap px-3 py-2 text-left font-medium";
  return (
    <div className="space-y-4" data-testid="orgs-page">
      <OrgHeader current="orgs" />
      {errors.length > 0 && <Notice testId="filter-error">{t("badParams", { message: errors.join("；") })}</Notice>}
      <OrgFilters filters={filters} root={actor.scopeCode} />
      <p className="text-sm text-gray-700" data-testid="org-count" data-count={r.total}>
        {t("orgs.count", { n: formatCount(r.total, locale) })}
      </p>
      {r.items.length === 0 ? (
        <EmptyState title={t("orgs.empty")} body={t("emptyHint")} testId="orgs-empty" />
      ) : (
        <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-100">
          <table className="min-w-full text-sm" data-testid="org-table">
            <caption className="sr-only">{t("orgs.caption")}</caption>
            <thead className="bg-gray-50 text-gray-600">
              <tr>
                <th scope="col" className={th}>{t("orgs.name")}</th>
                <th scope="col" className={th}>{t("orgs.type")}</th>
                <th scope="col" className={th}>{t("orgs.location")}</th>
                <th scope="col" className={th}>{t("orgs.sectors")}</th>
                <th scope="col" className={`${th} text-right`}>{t("orgs.members")}</th>
                <th scope="col" className={`${th} text-right`}>{t("orgs.projects")}</th>
                <th scope="col" className={`${th} text-right`}>{t("orgs.hours")}</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((o) => (
                <tr key={o.id} className="border-t border-gray-100 hover:bg-gray-50" data-testid="org-row">
                  <td className="px-3 py-2">
                    <Link href={`/organizations/${o.id}`} className="font-medium text-red-700 hover:underline" data-testid="org-link">
                      {o.name}
                    </Link>
                    <span className="ml-2 whitespace-nowrap rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-600">{o.isTeam ? t("orgs.team") : t("orgs.org")}</span>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{t(`orgTypes.${o.type}`)}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-gray-700">{o.regionPath}</td>
                  <td className="px-3 py-2 text-xs text-gray-700">{o.sectors.map((s) => tc(s as "elderly")).join("、")}</td>
                  <td className="px-3 py-2 text-right tabular">{formatNumber(o.members, 0, locale)}</td>
                  <td className="px-3 py-2 text-right tabular">{o.activeProjects}</td>
                  <td className="px-3 py-2 text-right tabular">{formatNumber(o.verifiedHours, 1, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {r.pages > 1 && (
        <Pager
          page={r.page}
          pages={r.pages}
          href={(p) => `/organizations${orgFiltersToQuery(filters, { page: p })}`}
          labels={{ prev: t("pagination.prev"), next: t("pagination.next"), summary: t("pagination.page", { page: r.page, pages: r.pages }), nav: t("pagination.label") }}
        />
      )}
    </div>
  );
}
