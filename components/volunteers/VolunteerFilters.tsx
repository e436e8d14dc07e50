import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { VolunteerFilters as F } from "@/lib/volunteers/filters";
import { SECTOR_KEYS } from "@/lib/volunteers/rules";
import { FIELD_CLASS, FilterSelect } from "@/components/ui/FilterSelect";
import { RegionPicker } from "./RegionPicker";

/** The search as a plain GET form: every filter is in the URL. */
export async function VolunteerFilters({ filters, root, orgs }: { filters: F; root: string; orgs: { id: number; name: string }[] }) {
  const t = await getTranslations("volunteers");
  const tc = await getTranslations("cockpit.sectors");
  const sel = FIELD_CLASS;
  return (
    <form method="get" action="/volunteers" className="space-y-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100" data-testid="volunteer-filters" role="search">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <label className="text-sm text-gray-700 lg:col-span-2">
          {t("filters.q")}
          <input name="q" defaultValue={filters.q} placeholder={t("filters.qHint")} className={sel} data-testid="filter-q" />
        </label>
        <FilterSelect label={t("filters.org")} name="org" value={filters.org} allLabel={t("filters.allOrgs")} options={orgs.map((o) => ({ value: o.id, label: o.name }))} testId="filter-org" />
        <FilterSelect
          label={t("filters.star")}
          name="star"
          value={filters.star}
          allLabel={t("filters.anyStar")}
          options={[{ value: 0, label: t("filters.star0") }, ...[1, 2, 3, 4, 5].map((n) => ({ value: n, label: t("filters.starN", { n }) }))]}
          testId="filter-star"
        />
        <FilterSelect label={t("filters.sector")} name="sector" value={filters.sector} allLabel={t("filters.allSectors")} options={SECTOR_KEYS.map((s) => ({ value: s, label: tc(s) }))} testId="filter-sector" />
      </div>
      <div className="grid grid-cols-1 items-end gap-3 lg:grid-cols-5">
        <fieldset className="lg:col-span-3">
          <legend className="text-sm text-gray-700">{t("filters.region")}</legend>
          <RegionPicker root={root} name="region" value={filters.region} testId="filter-region" />
        </fieldset>
        <FilterSelect
          label={t("filters.active")}
          name="active"
          value={filters.active === null ? "" : filters.active ? "1" : "0"}
          allLabel={t("filters.any")}
          options={[{ value: "1", label: t("filters.activeYes") }, { value: "0", label: t("filters.activeNo") }]}
          testId="filter-active"
        />
        <div className="flex gap-2">
          <button type="submit" className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800" data-testid="filter-apply">
            {t("filters.apply")}
          </button>
          <Link href="/volunteers" className="rounded-md px-3 py-2 text-sm text-gray-700 ring-1 ring-gray-300 hover:bg-gray-50" data-testid="filter-reset">
            {t("filters.reset")}
          </Link>
        </div>
      </div>
    </form>
  );
}
