import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FIELD_CLASS, FilterSelect } from "@/components/ui/FilterSelect";
import { RegionPicker } from "@/components/volunteers/RegionPicker";
import { ORG_TYPES, type OrgFilters as F } from "@/lib/organizations/rules";
import { SECTOR_KEYS } from "@/lib/volunteers/rules";

export async function OrgFilters({ filters, root }: { filters: F; root: string }) {
  const t = await getTranslations("volunteers");
  const tc = await getTranslations("cockpit.sectors");
  const sel = FIELD_CLASS;
  return (
    <form method="get" action="/organizations" className="space-y-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100" role="search" data-testid="org-filters">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <label className="text-sm text-gray-700">
          {t("orgs.q")}
          <input name="q" defaultValue={filters.q} className={sel} data-testid="org-filter-q" />
        </label>
        <FilterSelect label={t("orgs.type")} name="type" value={filters.type} allLabel={t("orgs.allTypes")} options={ORG_TYPES.map((x) => ({ value: x, label: t(`orgTypes.${x}`) }))} testId="org-filter-type" />
        <FilterSelect label={t("orgs.sector")} name="sector" value={filters.sector} allLabel={t("filters.allSectors")} options={SECTOR_KEYS.map((s) => ({ value: s, label: tc(s) }))} testId="org-filter-sector" />
      </div>
      <div className="grid grid-cols-1 items-end gap-3 lg:grid-cols-4">
        <fieldset className="lg:col-span-3">
          <legend className="text-sm text-gray-700">{t("orgs.region")}</legend>
          <RegionPicker root={root} name="region" value={filters.region} testId="org-filter-region" />
        </fieldset>
        <div className="flex gap-2">
          <button type="submit" className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800" data-testid="org-filter-apply">
            {t("filters.apply")}
          </button>
          <Link href="/organizations" className="rounded-md px-3 py-2 text-sm text-gray-700 ring-1 ring-gray-300 hover:bg-gray-50">
            {t("filters.reset")}
          </Link>
        </div>
      </div>
    </form>
  );
}
