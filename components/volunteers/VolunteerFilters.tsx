import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { VolunteerFilters as F } from "@/lib/volunteers/filters";
import { SECTOR_KEYS } from "@/lib/volunteers/rules";
import { RegionPicker } from "./RegionPicker";

/** The search as a plain GET form: every filter is in the URL. */
export async function VolunteerFilters({ filters, root, orgs }: { filters: F; root: string; orgs: { id: number; name: string }[] }) {
  const t = await getTranslations("volunteers");
  const tc = await getTranslations("cockpit.sectors");
  const sel = "mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-red-600 focus:ring-red-600";
  return (
    <form method="get" action="/volunteers" className="space-y-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100" data-testid="volunteer-filters" role="search">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <label className="text-sm text-gray-700 lg:col-span-2">
          {t("filters.q")}
          <input name="q" defaultValue={filters.q} placeholder={t("filters.qHint")} className={sel} data-testid="filter-q" />
        </label>
        <label className="text-sm text-gray-700">
          {t("filters.org")}
          <select name="org" defaultValue={filters.org ?? ""} className={sel} data-testid="filter-org">
            <option value="">{t("filters.allOrgs")}</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm text-gray-700">
          {t("filters.star")}
          <select name="star" defaultValue={filters.star ?? ""} className={sel} data-testid="filter-star">
            <option value="">{t("filters.anyStar")}</option>
            <option value="0">{t("filters.star0")}</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {t("filters.starN", { n })}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm text-gray-700">
          {t("filters.sector")}
          <select name="sector" defaultValue={filters.sector ?? ""} className={sel} data-testid="filter-sector">
            <option value="">{t("filters.allSectors")}</option>
            {SECTOR_KEYS.map((s) => (
              <option key={s} value={s}>
                {tc(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="grid grid-cols-1 items-end gap-3 lg:grid-cols-5">
        <fieldset className="lg:col-span-3">
          <legend className="text-sm text-gray-700">{t("filters.region")}</legend>
          <RegionPicker root={root} name="region" value={filters.region} testId="filter-region" />
        </fieldset>
        <label className="text-sm text-gray-700">
          {t("filters.active")}
          <select name="active" defaultValue={filters.active === null ? "" : filters.active ? "1" : "0"} className={sel} data-testid="filter-active">
            <option value="">{t("filters.any")}</option>
            <option value="1">{t("filters.activeYes")}</option>
            <option value="0">{t("filters.activeNo")}</option>
          </select>
        </label>
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
