import { getTranslations } from "next-intl/server";
import type { DispatchFigures } from "@/lib/dispatch/figures";
import { formatNumber } from "@/lib/format";

/** The service-level figures of one region and period (getDispatchFigures), as a grid of tiles. */
export async function FiguresGrid({ f, compact = false }: { f: DispatchFigures; compact?: boolean }) {
  const t = await getTranslations("dispatch.figures");
  const min = (v: number | null) => (v === null ? t("none") : t("minutes", { n: formatNumber(Math.round(v)) }));
  const tiles: [string, string, boolean?][] = [
    ["received", formatNumber(f.received)],
    ["dispatched", formatNumber(f.dispatched)],
    ["completed", formatNumber(f.completed)],
    ["cancelled", formatNumber(f.cancelled)],
    ["toDispatch", min(f.medianMinutesToDispatch)],
    ["toAccept", min(f.medianMinutesToAccept)],
    ["toComplete", min(f.medianMinutesToComplete)],
    ["satisfaction", f.satisfaction === null ? t("none") : t("rating", { n: f.satisfaction.toFixed(2), count: formatNumber(f.ratedCount) })],
    ["overdueOpen", formatNumber(f.overdueOpen), f.overdueOpen > 0],
  ];
  const shown = compact ? tiles.filter(([k]) => ["received", "completed", "toDispatch", "satisfaction", "overdueOpen"].includes(k)) : tiles;
  return (
    <dl className={`grid gap-2 ${compact ? "grid-cols-2 sm:grid-cols-5" : "grid-cols-2 sm:grid-cols-3 xl:grid-cols-9"}`}>
      {shown.map(([k, v, warn]) => (
        <div key={k} className={`rounded-md p-2 ${warn ? "bg-red-50" : "bg-gray-50"}`} data-testid={`figure-${k}`}>
          <dt className="text-xs text-gray-600">{t(k)}</dt>
          <dd className={`tabular text-lg font-semibold ${warn ? "text-red-700" : "text-gray-900"}`}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
