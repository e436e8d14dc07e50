"use client";
/**
 * Tremor chart wrappers. They receive small, already-aggregated arrays from server components and
 * never fetch anything themselves. Each chart has a text alternative rendered next to it by the
 * server component that uses it.
 *
 * Readability rules (issue 17 item 9): bar charts with named categories lie horizontally with one
 * row per category, so every bar keeps its label; counts get integer ticks; every value axis names
 * its unit; multi-series charts carry their own legend (a plain list) instead of Tremor's.
 */
import { AreaChart, BarChart, LineChart } from "@tremor/react";
import Link from "next/link";

const nf = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 1 });
const intf = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });

/** Height for a horizontal bar chart: one readable row per category. */
const rowsHeight = (n: number, per = 30) => ({ height: Math.max(120, n * per + 48) });

/** Tremor colour names → the swatch colours of our own legends (Tailwind 500). */
const SWATCH: Record<string, string> = { red: "#ef4444", gray: "#6b7280", orange: "#f97316", slate: "#64748b", blue: "#3b82f6", amber: "#f59e0b", violet: "#8b5cf6", rose: "#f43f5e", emerald: "#10b981" };

/** A legend as a list: swatch + name per series. */
export function SeriesLegend({ items, testId }: { items: { name: string; color: string }[]; testId?: string }) {
  return (
    <ul className="mb-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-700" data-testid={testId}>
      {items.map((i) => (
        <li key={i.name} className="flex items-center gap-1">
          <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: SWATCH[i.color] ?? i.color }} aria-hidden />
          {i.name}
        </li>
      ))}
    </ul>
  );
}

export function HoursAreaChart({ data, label, unit }: { data: { date: string; hours: number }[]; label: string; unit: string }) {
  return (
    <AreaChart
      className="h-56"
      data={data.map((d) => ({ date: d.date.slice(5), [label]: d.hours }))}
      index="date"
      categories={[label]}
      colors={["red"]}
      valueFormatter={(v) => nf.format(v)}
      showLegend={false}
      yAxisWidth={64}
      yAxisLabel={unit}
    />
  );
}

export function BurnupChart({ data, labels }: { data: { date: string; closed: number; plan: number }[]; labels: { closed: string; plan: string; unit: string } }) {
  return (
    <>
      <SeriesLegend items={[{ name: labels.closed, color: "red" }, { name: labels.plan, color: "gray" }]} testId="burnup-legend" />
      <LineChart
        className="h-56"
        data={data.map((d) => ({ date: d.date.slice(5), [labels.closed]: Number.isNaN(d.closed) ? null : d.closed, [labels.plan]: d.plan }))}
        index="date"
        categories={[labels.closed, labels.plan]}
        colors={["red", "gray"]}
        valueFormatter={(v) => intf.format(v)}
        allowDecimals={false}
        connectNulls={false}
        showLegend={false}
        yAxisWidth={64}
        yAxisLabel={labels.unit}
      />
    </>
  );
}

/** One horizontal bar per sector, every bar named; integer ticks (a count of projects). */
export function SectorBarChart({ data, label, unit }: { data: { name: string; value: number }[]; label: string; unit: string }) {
  return (
    <BarChart
      style={rowsHeight(data.length, 34)}
      layout="vertical"
      data={data.map((d) => ({ name: d.name, [label]: d.value }))}
      index="name"
      categories={[label]}
      colors={["orange"]}
      valueFormatter={(v) => intf.format(v)}
      allowDecimals={false}
      showLegend={false}
      yAxisWidth={104}
      xAxisLabel={unit}
    />
  );
}

/**
 * A sorted ranking as a plain list of links with a bar each (accessible markup, unlike Tremor's
 * BarList): the bar is decoration, the value is text.
 */
export function RankingBarList({ data, format }: { data: { name: string; value: number; href: string }[]; format: "percent" | "number" }) {
  const max = Math.max(0, ...data.map((d) => d.value));
  const fmt = (v: number) => (format === "percent" ? `${(v * 100).toFixed(1)}%` : nf.format(v));
  return (
    <ol className="space-y-1 text-sm" data-testid="ranking-list">
      {data.map((d, i) => (
        <li key={d.href} className="flex items-center gap-2">
          <span className="w-6 shrink-0 text-right text-xs text-gray-600 tabular">{i + 1}</span>
          <Link href={d.href} className="relative flex min-w-0 flex-1 items-center rounded px-2 py-1 hover:bg-red-50">
            <span className="absolute inset-y-0 left-0 rounded bg-red-100" style={{ width: `${max > 0 ? (d.value / max) * 100 : 0}%` }} aria-hidden />
            <span className="relative truncate text-gray-900">{d.name}</span>
          </Link>
          <span className="w-16 shrink-0 text-right text-gray-800 tabular">{fmt(d.value)}</span>
        </li>
      ))}
    </ol>
  );
}

const STATUS_COLORS = ["slate", "blue", "amber", "violet", "rose", "emerald"];

/** Task states per region, one horizontal stacked bar per region (every region named), integer ticks. */
export function StackedStatusChart({ data, categories, unit }: { data: Record<string, string | number>[]; categories: string[]; unit: string }) {
  return (
    <>
      <SeriesLegend items={categories.map((c, i) => ({ name: c, color: STATUS_COLORS[i]! }))} testId="status-legend" />
      <BarChart
        style={rowsHeight(data.length)}
        layout="vertical"
        data={data}
        index="name"
        categories={categories}
        colors={STATUS_COLORS}
        valueFormatter={(v) => intf.format(v)}
        allowDecimals={false}
        stack
        showLegend={false}
        yAxisWidth={96}
        xAxisLabel={unit}
      />
    </>
  );
}

/** Registration share against the target per region, two bars per region, every region named; the axis is in %. */
export function ShareVsTargetChart({ data, labels }: { data: { name: string; share: number; target: number }[]; labels: { share: string; target: string; unit: string } }) {
  return (
    <>
      <SeriesLegend items={[{ name: labels.share, color: "red" }, { name: labels.target, color: "gray" }]} testId="share-legend" />
      <BarChart
        style={rowsHeight(data.length, 40)}
        layout="vertical"
        data={data.map((d) => ({ name: d.name, [labels.share]: Math.round(d.share * 1000) / 10, [labels.target]: Math.round(d.target * 1000) / 10 }))}
        index="name"
        categories={[labels.share, labels.target]}
        colors={["red", "gray"]}
        valueFormatter={(v) => `${v}%`}
        showLegend={false}
        yAxisWidth={96}
        xAxisLabel={labels.unit}
      />
    </>
  );
}
