import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RegionPicker } from "@/components/volunteers/RegionPicker";
import { ORG_TYPES, type OrgFilters as F } from "@/lib/organizations/rules";
import { SECTOR_KEYS } from "@/lib/volunteers/rules";

export async function OrgFilters({ filters, root }: { filters: F; root: string }) {
  const t = await getTranslations("volunteers");
  const tc = await getTranslations("cockpit.sectors");
  const sel = "mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-red-600 focus:ring-red-600";
  return (
    <form method="get" action="/organizations" className="space-y-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100" role="search" data-testid="org-filters">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <label className="text-sm text-gray-700">
          {t("orgs.q")}
          <input name="q" defaultValue={filters.q} className={sel} data-testid="org-filter-q" />
        </label>
        <label className="text-sm text-gray-700">
          {t("orgs.type")}
          <select name="type" defaultValue={filters.type ?? ""} className={sel} data-testid="org-filter-type">
            <option value="">{t("orgs.allTypes")}</option>
            {ORG_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`orgTypes.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm text-gray-700">
          {t("orgs.sector")}
          <select name="sector" defaultValue={filters.sector ?? ""} className={sel} data-testid="org-filter-sector">
            <option value="">{t("filters.allSectors")}</option>
            {SECTOR_KEYS.map((s) => (
              <option key={s} value={s}>
                {tc(s)}
              </option>
            ))}
          </select>
        </label>
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
