import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { DataTable } from "@/components/ui/DataTable";
import { EmptyState, Notice } from "@/components/ui/Notice";
import { Pager } from "@/components/ui/Pager";
import { FIELD_CLASS, FilterSelect } from "@/components/ui/FilterSelect";
import { RegionPicker } from "@/components/volunteers/RegionPicker";
import { canWrite } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { formatCount } from "@/lib/format";
import { listProjects } from "@/lib/projects/queries";
import { parseProjectFilters, PROJECT_STATUSES, projectFiltersToQuery } from "@/lib/projects/rules";
import type { SearchParams } from "@/lib/search-params";
import { SECTOR_KEYS } from "@/lib/volunteers/rules";

export const metadata = { title: "公益项目" };

/** Projects in the six sectors, by region, sector, status and organization (filters in the URL). */
export default async function ProjectsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor: user, db } = await requirePage("organizations");
  const { filters, errors } = parseProjectFilters(await searchParams);
  const r = await listProjects(db, user, filters);
  const t = await getTranslations("volunteers");
  const tc = await getTranslations("cockpit.sectors");
  const locale = await getLocale();
  const sel = FIELD_CLASS;
  return (
    <div className="space-y-4" data-testid="projects-page">
      <OrgHeader current="projects" />
      {errors.length > 0 && <Notice testId="filter-error">{t("badParams", { message: errors.join("；") })}</Notice>}
      <form method="get" action="/organizations/projects" role="search" className="space-y-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100" data-testid="project-filters">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <label className="text-sm text-gray-700">
            {t("projects.name")}
            <input name="q" defaultValue={filters.q} className={sel} />
          </label>
          <FilterSelect label={t("projects.sector")} name="sector" value={filters.sector} allLabel={t("filters.allSectors")} options={SECTOR_KEYS.map((s) => ({ value: s, label: tc(s) }))} testId="project-filter-sector" />
          <FilterSelect label={t("projects.status")} name="status" value={filters.status} allLabel={t("projects.allStatuses")} options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`projectStatus.${s}`) }))} testId="project-filter-status" />
        </div>
        {filters.org && <input type="hidden" name="org" value={filters.org} />}
        {filters.partner && <input type="hidden" name="partner" value={filters.partner} />}
        <div className="grid grid-cols-1 items-end gap-3 lg:grid-cols-4">
          <fieldset className="lg:col-span-3">
            <legend className="text-sm text-gray-700">{t("orgs.region")}</legend>
            <RegionPicker root={user.scopeCode} name="region" value={filters.region} testId="project-filter-region" />
          </fieldset>
          <div className="flex gap-2">
            <button type="submit" className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800" data-testid="project-filter-apply">
              {t("filters.apply")}
            </button>
            <Link href="/organizations/projects" className="rounded-md px-3 py-2 text-sm text-gray-700 ring-1 ring-gray-300 hover:bg-gray-50">
              {t("filters.reset")}
            </Link>
          </div>
        </div>
      </form>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-gray-700" data-testid="project-count" data-count={r.total}>
          {t("projects.count", { n: formatCount(r.total, locale) })}
        </p>
        {canWrite(user.role) && (
          <Link href="/organizations/projects/new" className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800" data-testid="project-new">
            + {t("projects.new")}
          </Link>
        )}
      </div>
      {r.items.length === 0 ? (
        <EmptyState title={t("projects.empty")} body={t("emptyHint")} testId="projects-empty" />
      ) : (
        <DataTable
          testId="project-table"
          caption={t("projects.caption")}
          captionHidden
          rows={r.items}
          rowKey={(p) => p.id}
          rowTestId={() => "project-row"}
          columns={[
            {
              key: "name",
              header: t("projects.name"),
              cell: (p) => (
                <Link href={`/organizations/projects/${p.id}`} className="font-medium text-red-700 hover:underline">
                  {p.name}
                </Link>
              ),
            },
            { key: "sector", header: t("projects.sector"), nowrap: true, cell: (p) => tc(p.sector) },
            { key: "region", header: t("projects.region"), nowrap: true, className: "text-gray-700", cell: (p) => p.regionPath },
            {
              key: "org",
              header: t("projects.organization"),
              cell: (p) => (
                <Link href={`/organizations/${p.organizationId}`} className="hover:underline">
                  {p.organization}
                </Link>
              ),
            },
            { key: "partner", header: t("projects.partner"), className: "text-gray-700", cell: (p) => p.partner ?? "—" },
            { key: "period", header: t("projects.period"), nowrap: true, className: "tabular", cell: (p) => `${p.startDate} — ${p.endDate ?? t("projects.ongoing")}` },
            {
              key: "status",
              header: t("projects.status"),
              nowrap: true,
              cell: (p) => (
                <span className={`rounded px-1.5 py-0.5 text-xs ${p.status === "active" ? "bg-green-50 text-green-800" : p.status === "planned" ? "bg-blue-50 text-blue-800" : "bg-gray-100 text-gray-600"}`}>
                  {t(`projectStatus.${p.status}`)}
                </span>
              ),
            },
          ]}
        />
      )}
      {r.pages > 1 && (
        <Pager
          page={r.page}
          pages={r.pages}
          href={(p) => `/organizations/projects${projectFiltersToQuery(filters, { page: p })}`}
          labels={{ prev: t("pagination.prev"), next: t("pagination.next"), summary: t("pagination.page", { page: r.page, pages: r.pages }), nav: t("pagination.label") }}
        />
      )}
    </div>
  );
}
