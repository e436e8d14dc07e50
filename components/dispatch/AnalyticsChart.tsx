"use client";
/**
 * The 智慧大脑 bar chart: needs per child region (or per month), stacked by 七帮 category. Receives
 * small, already-aggregated rows from the page; the tables next to it are its text alternative.
 */
import { BarChart } from "@tremor/react";

const nf = new Intl.NumberFormat("zh-CN");
const COLORS = ["red", "orange", "amber", "emerald", "sky", "indigo", "fuchsia"];

export function AnalyticsBarChart({ data, categories }: { data: Record<string, string | number>[]; categories: string[] }) {
  return (
    <div data-testid="analytics-chart">
      <BarChart className="h-64" data={data} index="name" categories={categories} colors={COLORS} stack valueFormatter={(v) => nf.format(v)} yAxisWidth={40} />
    </div>
  );
}
