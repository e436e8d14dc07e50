import { getTranslations } from "next-intl/server";
import { MAP_METRICS, type CockpitParams } from "@/lib/metrics/params";
import { SECTORS } from "@/lib/metrics/rules";
import { PeriodFields } from "./PeriodFields";

/**
 * The cockpit's filters as a plain GET form: the state lives in the URL, so every view can be
 * linked, bookmarked, reloaded as seen — and it works without JavaScript.
 */
export async function Filters({ action, params, showMetric }: { action: string; params: CockpitParams; showMetric: boolean }) {
  const t = await getTranslations("cockpit");
  const p = params.period;
  const sel = "mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-red-600 focus:ring-red-600";
  return (
    <form method="get" action={action} className="grid grid-cols-2 items-end gap-3 rounded-lg bg-white p-3 shadow-sm sm:grid-cols-3 lg:grid-cols-6" data-testid="filters">
      <PeriodFields
        kind={p.kind}
        from={p.from}
        to={p.to}
        className={sel}
        labels={{ period: t("period"), from: t("from"), to: t("to"), kinds: Object.fromEntries((["campaign", "week", "month", "custom"] as const).map((k) => [k, t(`periods.${k}`)])) }}
      />
      <label className="text-sm text-gray-700">
        {t("sector")}
        <select name="sector" defaultValue={params.sector ?? ""} className={sel} data-testid="filter-sector">
          <option value="">{t("allSectors")}</option>
          {SECTORS.map((s) => (
            <option key={s} value={s}>
              {t(`sectors.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {showMetric ? (
        <label className="text-sm text-gray-700">
          {t("metric")}
          <select name="metric" defaultValue={params.metric} className={sel} data-testid="filter-metric">
            {MAP_METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`metrics.${m}`)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <input type="hidden" name="metric" value={params.metric} />
      )}
      <button type="submit" className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800" data-testid="filter-apply">
        {t("apply")}
      </button>
    </form>
  );
}
