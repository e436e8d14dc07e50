import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { bucket, qingdaoDistrictShapes } from "@/lib/geo/map";
import { formatNumber, formatPercent } from "@/lib/format";
import { type CockpitParams, toQuery } from "@/lib/metrics/params";
import { loadMetrics } from "./data";
import { Card } from "@/components/ui/Card";
import { isRatio, mapMetricValue } from "./metric-value";

const FILLS = ["#fee2e2", "#fca5a5", "#f87171", "#dc2626", "#991b1b"];

/** Qingdao's ten districts as server-rendered SVG, coloured by the chosen metric, each a link. */
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
  const fmt = (v: number | null) => (v === null ? "—" : isRatio(params.metric) ? formatPercent(v) : formatNumber(v));
  const qs = toQuery({ period: p, sector: params.sector, metric: params.metric });
  const metricName = t(`metrics.${params.metric}`);
  return (
    <Card title={t("charts.map", { metric: metricName })} testId="district-map">
      <div className="flex flex-col gap-4 lg:flex-row">
        <svg viewBox={`0 0 ${width} ${height}`} className="mx-auto w-full max-w-md" role="img" aria-label={t("charts.map", { metric: metricName })}>
          {shapes.map((s) => {
            const v = values.get(s.code) ?? null;
            const b = bucket(v, min, max);
            return (
              <Link key={s.code} href={`/regions/${s.code}${qs}`} data-testid={`map-district-${s.code}`}>
                <path d={s.d} fill={b === null ? "#e5e7eb" : FILLS[b]} stroke="#ffffff" strokeWidth={1.2} className="hover:opacity-80">
                  <title>{`${s.name}：${fmt(v)}`}</title>
                </path>
                <text x={s.labelX} y={s.labelY} textAnchor="middle" fontSize={12} fill={b !== null && b >= 3 ? "#ffffff" : "#111827"} pointerEvents="none">
                  {s.name}
                </text>
              </Link>
            );
          })}
        </svg>
        <div className="min-w-48 text-sm">
          <p className="mb-2 text-gray-500">{t("charts.mapLegend")}</p>
          <div className="mb-3 flex" aria-hidden>
            {FILLS.map((f) => (
              <span key={f} className="h-3 w-8" style={{ background: f }} />
            ))}
          </div>
          <table className="w-full" aria-label={t("charts.textAlt")}>
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
