"use client";
/**
 * Tremor chart wrappers. They receive small, already-aggregated arrays from server components and
 * never fetch anything themselves. Each chart has a text alternative rendered next to it by the
 * server component that uses it.
 */
import { AreaChart, BarChart, BarList, LineChart } from "@tremor/react";

const nf = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 1 });

export function HoursAreaChart({ data, label }: { data: { date: string; hours: number }[]; label: string }) {
  return (
    <AreaChart
      className="h-56"
      data={data.map((d) => ({ date: d.date.slice(5), [label]: d.hours }))}
      index="date"
      categories={[label]}
      colors={["red"]}
      valueFormatter={(v) => nf.format(v)}
      showLegend={false}
      yAxisWidth={56}
    />
  );
}

export function BurnupChart({ data, labels }: { data: { date: string; closed: number; plan: number }[]; labels: { closed: string; plan: string } }) {
  return (
    <LineChart
      className="h-56"
      data={data.map((d) => ({ date: d.date.slice(5), [labels.closed]: Number.isNaN(d.closed) ? null : d.closed, [labels.plan]: d.plan }))}
      index="date"
      categories={[labels.closed, labels.plan]}
      colors={["red", "gray"]}
      valueFormatter={(v) => nf.format(v)}
      connectNulls={false}
      yAxisWidth={48}
    />
  );
}

export function SectorBarChart({ data, label }: { data: { name: string; value: number }[]; label: string }) {
  return (
    <BarChart
      className="h-56"
      data={data.map((d) => ({ name: d.name, [label]: d.value }))}
      index="name"
      categories={[label]}
      colors={["orange"]}
      showLegend={false}
      yAxisWidth={40}
    />
  );
}

export function RankingBarList({ data, format }: { data: { name: string; value: number; href: string }[]; format: "percent" | "number" }) {
  return (
    <BarList
      data={data}
      color="red"
      valueFormatter={(v: number) => (format === "percent" ? `${(v * 100).toFixed(1)}%` : nf.format(v))}
    />
  );
}

export function StackedStatusChart({ data, categories }: { data: Record<string, string | number>[]; categories: string[] }) {
  return (
    <BarChart
      className="h-64"
      data={data}
      index="name"
      categories={categories}
      colors={["slate", "blue", "amber", "violet", "rose", "emerald"]}
      stack
      yAxisWidth={48}
    />
  );
}

export function ShareVsTargetChart({ data, labels }: { data: { name: string; share: number; target: number }[]; labels: { share: string; target: string } }) {
  return (
    <BarChart
      className="h-56"
      data={data.map((d) => ({ name: d.name, [labels.share]: Math.round(d.share * 1000) / 10, [labels.target]: Math.round(d.target * 1000) / 10 }))}
      index="name"
      categories={[labels.share, labels.target]}
      colors={["red", "gray"]}
      valueFormatter={(v) => `${v}%`}
      yAxisWidth={44}
    />
  );
}
