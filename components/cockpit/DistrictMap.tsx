import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { bucket, type MapShape, qingdaoDistrictShapes } from "@/lib/geo/map";
import { formatNumber, formatPercent } from "@/lib/format";
import { type CockpitParams, toQuery } from "@/lib/metrics/params";
import { loadMetrics } from "./data";
import { Card } from "@/components/ui/Card";
import { isRatio, mapMetricValue } from "./metric-value";
import { HIGHER_IS_WORSE, legendSteps, NO_DATA, paletteFor, pathsBox } from "./map-scale";

/** The dense urban districts, enlarged in an inset so their names stay readable. */
const URBAN = ["370202", "370203", "370213"];

/**
 * Qingdao's ten districts as server-rendered SVG, coloured by the chosen metric in five steps whose
 * ranges the legend states; teal where higher is better, red where higher is worse (overdue). The
 * urban core (市南、市北、李沧) is repeated enlarged beside the map. Each district is a link with
 * its name and value as the accessible name; the table beside it carries the same figures.
 */
export async function DistrictMap({ params }: { params: CockpitParams }) {
  const p = params.period;
  const m = await loadMetrics("3702", p.kind, p.from, p.to, params.sector);
  if (!m) return null;
  const t = await getTranslations("cockpit");
  const { width, height, shapes } = qingdaoDistrictShapes();
  const values = new Map(m.children.map((c) => [c.code, mapMetricValue(c, params.metric)]));
  const nums = [...values.values()].filter((v): v is number => v !== null);
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  const ratio = isRatio(params.metric);
  const fmt = (v: number | null) => (v === null ? "—" : ratio ? formatPercent(v) : formatNumber(v));
  const qs = toQuery({ period: p, sector: params.sector, metric: params.metric });
  const metricName = t(`metrics.${params.metric}`);
  const fills = paletteFor(params.metric);
  const worse = HIGHER_IS_WORSE.has(params.metric);
  const steps = nums.length ? legendSteps(min, max, !ratio) : [];
  const fillOf = (code: string) => {
    const b = bucket(values.get(code) ?? null, min, max);
    return { b, fill: b === null ? NO_DATA : fills[b]! };
  };

  const district = (s: MapShape, scale: number, prefix: string) => {
    const v = values.get(s.code) ?? null;
    const { fill } = fillOf(s.code);
    return (
      <Link key={s.code} href={`/regions/${s.code}${qs}`} data-testid={`${prefix}-${s.code}`} aria-label={`${s.name}：${fmt(v)}`}>
        <path d={s.d} fill={fill} stroke="#ffffff" strokeWidth={1.2 / scale} className="hover:opacity-80">
          <title>{`${s.name}：${fmt(v)}`}</title>
        </path>
      </Link>
    );
  };
  /** A district's name; `size` in the SVG's own units (12 on the main map; the inset scales it to ~13 px as drawn). */
  const label = (s: MapShape, size: number) => {
    const { b } = fillOf(s.code);
    return (
      <text key={`l-${s.code}`} x={s.labelX} y={s.labelY} textAnchor="middle" fontSize={size} fontWeight={600} fill={b !== null && b >= 3 ? "#ffffff" : "#111827"} pointerEvents="none" aria-hidden>
        {s.name}
      </text>
    );
  };
  const urban = shapes.filter((s) => URBAN.includes(s.code));
  const box = pathsBox(urban.map((s) => s.d));
  const pad = box ? Math.max(box.width, box.height) * 0.06 : 0;
  const inset = box && { x: box.x - pad, y: box.y - pad, w: box.width + 2 * pad, h: box.height + 2 * pad };
  const insetScale = inset ? Math.min(width / inset.w, height / inset.h) : 1;

  return (
    <Card title={t("charts.map", { metric: metricName })} testId="district-map">
      <div className="flex flex-col gap-4 xl:flex-row">
        <div className="flex flex-1 flex-col gap-3 sm:flex-row">
          <figure className="flex-1">
            <svg viewBox={`0 0 ${width} ${height}`} className="mx-auto w-full max-w-md" data-testid="map-svg">
              <title>{t("charts.map", { metric: metricName })}</title>
              {shapes.map((s) => district(s, 1, "map-district"))}
              {shapes.filter((s) => !URBAN.includes(s.code)).map((s) => label(s, 12))}
              {inset && <rect x={inset.x} y={inset.y} width={inset.w} height={inset.h} fill="none" stroke="#374151" strokeWidth={1} strokeDasharray="4 3" aria-hidden />}
            </svg>
          </figure>
          {inset && (
            <figure className="sm:w-56" data-testid="map-inset">
              <figcaption className="mb-1 text-xs text-gray-600">{t("charts.mapInset")}</figcaption>
              <svg viewBox={`${inset.x} ${inset.y} ${inset.w} ${inset.h}`} className="w-full rounded ring-1 ring-gray-300">
                <title>{t("charts.mapInset")}</title>
                {urban.map((s) => district(s, insetScale, "map-inset-district"))}
                {urban.map((s) => label(s, inset.w * 0.06))}
              </svg>
            </figure>
          )}
        </div>
        <div className="min-w-56 text-sm">
          <p className="mb-1 font-medium text-gray-700">{worse ? t("charts.mapLegendWorse") : t("charts.mapLegendBetter")}</p>
          <ul className="mb-3 space-y-0.5" data-testid="map-legend" aria-label={t("charts.mapLegendTitle", { metric: metricName })}>
            {steps.map((s, i) => (
              <li key={i} className="flex items-center gap-2">
                <span className="inline-block h-3 w-6 rounded-sm ring-1 ring-gray-300" style={{ background: fills[steps.length === 1 ? 2 : i] }} aria-hidden />
                <span className="tabular" data-testid={`map-legend-${i}`}>
                  {s.from === s.to ? fmt(s.from) : `${fmt(s.from)} – ${fmt(s.to)}`}
                </span>
              </li>
            ))}
            {nums.length < m.children.length && (
              <li className="flex items-center gap-2">
                <span className="inline-block h-3 w-6 rounded-sm ring-1 ring-gray-300" style={{ background: NO_DATA }} aria-hidden />
                {t("charts.mapNoData")}
              </li>
            )}
          </ul>
          <table className="w-full">
            <caption className="sr-only">{t("charts.mapTable", { metric: metricName })}</caption>
            <thead className="sr-only">
              <tr>
                <th scope="col">{t("charts.district")}</th>
                <th scope="col">{metricName}</th>
              </tr>
            </thead>
            <tbody>
              {m.children.map((c) => (
                <tr key={c.code} className="border-t border-gray-100">
                  <td className="py-1">
                    <Link href={`/regions/${c.code}${qs}`} className="text-red-700 hover:underline">
                      {c.name}
                    </Link>
                  </td>
                  <td className="py-1 text-right tabular">{fmt(values.get(c.code) ?? null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </Card>
  );
}
