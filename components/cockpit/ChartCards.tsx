import { getTranslations } from "next-intl/server";
import { BurnupChart, HoursAreaChart, RankingBarList, SectorBarChart, ShareVsTargetChart, StackedStatusChart } from "@/components/charts/Charts";
import { formatNumber, formatPercent } from "@/lib/format";
import { type CockpitParams, toQuery } from "@/lib/metrics/params";
import { SECTORS } from "@/lib/metrics/rules";
import { childLevel, levelOf } from "@/lib/auth/rules";
import { Card } from "@/components/ui/Card";
import { loadBurnup, loadHours, loadMetrics, loadStatus } from "./data";
import { isRatio, mapMetricValue } from "./metric-value";


/** The table a chart summarizes, folded under it: the chart's text alternative. */
function TextAlt({ label, head, rows }: { label: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <details className="mt-2 text-xs text-gray-600">
      <summary className="cursor-pointer">{label}</summary>
      <table className="mt-1 w-full">
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} className="text-left font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j} className="tabular">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export async function HoursCard({ code, params }: { code: string; params: CockpitParams }) {
  const p = params.period;
  const data = await loadHours(code, p.kind, p.from, p.to, params.sector);
  const t = await getTranslations("cockpit");
  const total = data.reduce((s, d) => s + d.hours, 0);
  return (
    <Card title={t("charts.hours")} testId="chart-hours">
      {total === 0 ? <p className="py-10 text-center text-gray-500">{t("empty")}</p> : <HoursAreaChart data={data} label={t("charts.hoursLabel")} />}
      <TextAlt label={t("charts.textAlt")} head={["日期", t("charts.hoursLabel")]} rows={data.map((d) => [d.date, d.hours])} />
    </Card>
  );
}

export async function BurnupCard({ code }: { code: string }) {
  const data = await loadBurnup(code);
  const t = await getTranslations("cockpit");
  const last = [...data].reverse().find((d) => !Number.isNaN(d.closed));
  return (
    <Card title={t("charts.burnup")} testId="chart-burnup">
      <BurnupChart data={data} labels={{ closed: t("charts.closed"), plan: t("charts.plan") }} />
      {last && (
        <p className="mt-1 text-xs text-gray-600">
          {last.date}：{t("charts.closed")} {formatNumber(last.closed)} · {t("charts.plan")} {formatNumber(last.plan)}
        </p>
      )}
    </Card>
  );
}

export async function SectorCard({ code, params }: { code: string; params: CockpitParams }) {
  const p = params.period;
  const m = await loadMetrics(code, p.kind, p.from, p.to, params.sector);
  if (!m) return null;
  const t = await getTranslations("cockpit");
  const data = SECTORS.map((s) => ({ name: t(`sectors.${s}`), value: m.projectsBySector[s] }));
  return (
    <Card title={t("charts.coverage")} testId="chart-sectors">
      <SectorBarChart data={data} label={t("charts.projects")} />
      <TextAlt label={t("charts.textAlt")} head={[t("sector"), t("charts.projects")]} rows={data.map((d) => [d.name, d.value])} />
    </Card>
  );
}

export async function RankingCard({ code, params }: { code: string; params: CockpitParams }) {
  const p = params.period;
  const m = await loadMetrics(code, p.kind, p.from, p.to, params.sector);
  if (!m || m.children.length === 0) return null;
  const t = await getTranslations();
  const qs = toQuery({ period: p, sector: params.sector, metric: params.metric });
  const data = m.children
    .map((c) => ({ name: c.name, value: mapMetricValue(c, params.metric) ?? 0, href: `/regions/${c.code}${qs}` }))
    .sort((a, b) => b.value - a.value);
  const level = t(`levels.${childLevel(m.level)}`);
  return (
    <Card title={t("cockpit.charts.ranking", { level, metric: t(`cockpit.metrics.${params.metric}`) })} testId="chart-ranking">
      <div className="max-h-72 overflow-y-auto">
        <RankingBarList data={data} format={isRatio(params.metric) ? "percent" : "number"} />
      </div>
    </Card>
  );
}

export async function StatusCard({ code }: { code: string }) {
  const [rows, t, tl] = await Promise.all([loadStatus(code), getTranslations("cockpit"), getTranslations("levels")]);
  const statuses = ["reported", "assigned", "in_progress", "submitted", "returned", "closed"] as const;
  const labels = statuses.map((s) => t(`status.${s}`));
  const data = rows.map((r) => ({ name: r.name, ...Object.fromEntries(statuses.map((s, i) => [labels[i]!, r.counts[s]])) }));
  const level = tl(childLevel(levelOf(code)));
  return (
    <Card title={t("charts.status", { level })} testId="chart-status">
      {data.length === 0 ? <p className="py-10 text-center text-gray-500">{t("empty")}</p> : <StackedStatusChart data={data} categories={labels} />}
      <TextAlt label={t("charts.textAlt")} head={["", ...labels]} rows={data.map((d) => [d.name as string, ...labels.map((l) => (d as Record<string, string | number>)[l]!)])} />
    </Card>
  );
}

export async function ShareCard({ code, params }: { code: string; params: CockpitParams }) {
  const p = params.period;
  const m = await loadMetrics(code, p.kind, p.from, p.to, params.sector);
  if (!m || m.children.length === 0) return null;
  const t = await getTranslations("cockpit");
  const tl = await getTranslations("levels");
  const data = m.children.map((c) => ({ name: c.name, share: c.registrationShare ?? 0, target: c.target?.registrationShare ?? 0 }));
  return (
    <Card title={t("charts.share", { level: tl(childLevel(m.level)) })} testId="chart-share">
      <ShareVsTargetChart data={data} labels={{ share: t("charts.shareLabel"), target: t("charts.targetLabel") }} />
      <TextAlt label={t("charts.textAlt")} head={["", t("charts.shareLabel"), t("charts.targetLabel")]} rows={data.map((d) => [d.name, formatPercent(d.share), formatPercent(d.target)])} />
    </Card>
  );
}
