import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { OrgFilters } from "@/components/organizations/OrgFilters";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { DataTable } from "@/components/ui/DataTable";
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
        <DataTable
          testId="org-table"
          caption={t("orgs.caption")}
          captionHidden
          rows={r.items}
          rowKey={(o) => o.id}
          rowTestId={() => "org-row"}
          columns={[
            {
              key: "name",
              header: t("orgs.name"),
              cell: (o) => (
                <>
                  <Link href={`/organizations/${o.id}`} className="font-medium text-red-700 hover:underline" data-testid="org-link">
                    {o.name}
                  </Link>
                  <span className="ml-2 whitespace-nowrap rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-600">{o.isTeam ? t("orgs.team") : t("orgs.org")}</span>
                </>
              ),
            },
            { key: "type", header: t("orgs.type"), nowrap: true, cell: (o) => t(`orgTypes.${o.type}`) },
            { key: "location", header: t("orgs.location"), nowrap: true, className: "text-gray-700", cell: (o) => o.regionPath },
            { key: "sectors", header: t("orgs.sectors"), className: "text-xs text-gray-700", cell: (o) => o.sectors.map((s) => tc(s as "elderly")).join("、") },
            { key: "members", header: t("orgs.members"), align: "right", cell: (o) => formatNumber(o.members, 0, locale) },
            { key: "projects", header: t("orgs.projects"), align: "right", cell: (o) => o.activeProjects },
            { key: "hours", header: t("orgs.hours"), align: "right", cell: (o) => formatNumber(o.verifiedHours, 1, locale) },
          ]}
        />
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
