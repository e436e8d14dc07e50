import { getTranslations } from "next-intl/server";
import { BurnupChart, HoursAreaChart, RankingBarList, SectorBarChart, ShareVsTargetChart, StackedStatusChart } from "@/components/charts/Charts";
import { formatNumber, formatPercent } from "@/lib/format";
import { type CockpitParams, toQuery } from "@/lib/metrics/params";
import { SECTORS } from "@/lib/metrics/rules";
import { childLevel, levelOf } from "@/lib/auth/rules";
import { Card } from "@/components/ui/Card";
import { loadBurnup, loadHours, loadMetrics, loadStatus } from "./data";
import { isRatio, mapMetricValue } from "./metric-value";

/** More regions than this and a chart shows only the top and bottom {@link TOP_N}, with the full table open below. */
const MANY = 12;
const TOP_N = 5;

/** The top and bottom n of a list sorted high → low (all of it when short). */
function topBottom<T>(sorted: T[], n = TOP_N): T[] {
  return sorted.length > MANY ? [...sorted.slice(0, n), ...sorted.slice(-n)] : sorted;
}

function NoData({ text }: { text: string }) {
  return (
    <p className="py-10 text-center text-gray-600" data-testid="chart-empty">
      {text}
    </p>
  );
}

/** The table a chart summarizes, folded under it (open when the chart shows only part): the chart's text alternative. */
function TextAlt({ label, head, rows, open = false }: { label: string; head: string[]; rows: (string | number)[][]; open?: boolean }) {
  return (
    <details className="mt-2 text-xs text-gray-600" open={open}>
      <summary className="cursor-pointer">{label}</summary>
      <table className="mt-1 w-full">
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={`${h}-${i}`} scope="col" className="text-left font-medium">
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
      {total === 0 ? <NoData text={t("empty")} /> : <HoursAreaChart data={data} label={t("charts.hoursLabel")} unit={t("charts.unitHours")} />}
      <TextAlt label={t("charts.textAlt")} head={[t("charts.date"), t("charts.hoursLabel")]} rows={data.map((d) => [d.date, d.hours])} />
    </Card>
  );
}

export async function BurnupCard({ code }: { code: string }) {
  const data = await loadBurnup(code);
  const t = await getTranslations("cockpit");
  const last = [...data].reverse().find((d) => !Number.isNaN(d.closed));
  return (
    <Card title={t("charts.burnup")} testId="chart-burnup">
      {data.length === 0 || data.every((d) => d.plan === 0 && !(d.closed > 0)) ? <NoData text={t("empty")} /> : <BurnupChart data={data} labels={{ closed: t("charts.closed"), plan: t("charts.plan"), unit: t("charts.unitTasks") }} />}
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
      {data.every((d) => d.value === 0) ? <NoData text={t("empty")} /> : <SectorBarChart data={data} label={t("charts.projects")} unit={t("charts.unitProjects")} />}
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
  const sum = (d: Record<string, string | number>) => labels.reduce((s, l) => s + Number(d[l] ?? 0), 0);
  // many regions (a street's communities): the ten with the most and the fewest tasks, the full table below
  const shown = topBottom([...data].sort((a, b) => sum(b) - sum(a)));
  const partial = shown.length < data.length;
  return (
    <Card title={t("charts.status", { level })} testId="chart-status">
      {partial && <p className="mb-1 text-xs text-gray-600">{t("charts.topBottom", { total: data.length, level, n: TOP_N })}</p>}
      {data.length === 0 || data.every((d) => sum(d) === 0) ? <NoData text={t("empty")} /> : <StackedStatusChart data={shown} categories={labels} unit={t("charts.unitTasks")} />}
      <TextAlt open={partial} label={partial ? t("charts.fullTable") : t("charts.textAlt")} head={[level, ...labels]} rows={data.map((d) => [d.name as string, ...labels.map((l) => (d as Record<string, string | number>)[l]!)])} />
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
  const level = tl(childLevel(m.level));
  const shown = topBottom([...data].sort((a, b) => b.share - a.share));
  const partial = shown.length < data.length;
  return (
    <Card title={t("charts.share", { level })} testId="chart-share">
      {partial && <p className="mb-1 text-xs text-gray-600">{t("charts.topBottom", { total: data.length, level, n: TOP_N })}</p>}
      {data.every((d) => d.share === 0 && d.target === 0) ? <NoData text={t("empty")} /> : <ShareVsTargetChart data={shown} labels={{ share: t("charts.shareLabel"), target: t("charts.targetLabel"), unit: t("charts.unitShare") }} />}
      <TextAlt open={partial} label={partial ? t("charts.fullTable") : t("charts.textAlt")} head={[level, t("charts.shareLabel"), t("charts.targetLabel")]} rows={data.map((d) => [d.name, formatPercent(d.share), formatPercent(d.target)])} />
    </Card>
  );
}
