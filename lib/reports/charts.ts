/**
 * The report's charts as plain SVG (no client code): shown inline on the preview and print page,
 * and rasterised to PNG with sharp for the Word file. Every bar carries its value; a target, when
 * there is one, is a dashed line with its value. Axis labels use the CJK system font.
 */
import type { ChartPoint, MonthlyReport } from "./types";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const FONT = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','Microsoft YaHei',sans-serif";

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export interface BarChartOptions {
  title: string;
  unit: string;
  width?: number;
  height?: number;
  /** Fixed maximum (e.g. 100 for percentages). */
  max?: number;
  color?: string;
  /** Show every n-th category label (long daily series). */
  labelEvery?: number;
  /** A dashed horizontal line (e.g. the campaign's target), in the chart's unit. */
  target?: { value: number; label: string } | null;
  /** How a bar's value label is written (default: up to 1 decimal). */
  valueText?: (v: number) => string;
}

const defaultValueText = (v: number) => (Number.isInteger(v) || Math.abs(v) >= 100 ? String(Math.round(v)) : v.toFixed(1));

/** A vertical bar chart with a y axis, gridlines, category labels and an accessible title. */
export function barChartSvg(points: ChartPoint[], o: BarChartOptions): string {
  const W = o.width ?? 720;
  const H = o.height ?? 300;
  const left = 56, right = 16, bottom = 64;
  const top = points.length > 16 ? 70 : 44; // room for the upright value labels of long series
  const iw = W - left - right, ih = H - top - bottom;
  const max = o.max ?? niceMax(Math.max(0, o.target?.value ?? 0, ...points.map((p) => p.value)));
  const valueText = o.valueText ?? defaultValueText;
  const n = Math.max(points.length, 1);
  const slot = iw / n;
  const bw = Math.max(2, Math.min(40, slot * 0.7));
  const every = o.labelEvery ?? Math.max(1, Math.ceil(n / 16));
  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const y = top + ih - f * ih;
    const v = max * f;
    return `<line x1="${left}" x2="${W - right}" y1="${y}" y2="${y}" stroke="#e5e7eb"/><text x="${left - 6}" y="${y + 4}" font-size="11" text-anchor="end" fill="#6b7280">${esc(Number.isInteger(v) ? String(v) : v.toFixed(1))}</text>`;
  });
  const bars = points.map((p, i) => {
    const h = max > 0 ? (Math.max(0, p.value) / max) * ih : 0;
    const x = left + i * slot + (slot - bw) / 2;
    const y = top + ih - h;
    const label = i % every === 0 ? `<text x="${x + bw / 2}" y="${top + ih + 16}" font-size="11" text-anchor="end" transform="rotate(-35 ${x + bw / 2} ${top + ih + 16})" fill="#374151">${esc(p.label)}</text>` : "";
    // Value on every bar: above it, turned upright for long series where the bars are narrow.
    const cx = x + bw / 2;
    const vy = y - 4;
    const value =
      n > 16
        ? `<text x="${cx.toFixed(1)}" y="${vy.toFixed(1)}" font-size="9" text-anchor="start" transform="rotate(-90 ${cx.toFixed(1)} ${vy.toFixed(1)})" dy="3" fill="#111827">${esc(valueText(p.value))}</text>`
        : `<text x="${cx.toFixed(1)}" y="${vy.toFixed(1)}" font-size="11" text-anchor="middle" fill="#111827">${esc(valueText(p.value))}</text>`;
    return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}" fill="${o.color ?? "#c2410c"}"><title>${esc(`${p.label}: ${p.value}${o.unit}`)}</title></rect>${value}${label}`;
  });
  const target =
    o.target && max > 0
      ? (() => {
          const ty = top + ih - (Math.min(o.target.value, max) / max) * ih;
          return `<line x1="${left}" x2="${W - right}" y1="${ty.toFixed(1)}" y2="${ty.toFixed(1)}" stroke="#b91c1c" stroke-width="1.5" stroke-dasharray="6 4"/><text x="${W - right}" y="${(ty - 5).toFixed(1)}" font-size="11" text-anchor="end" fill="#b91c1c">${esc(o.target.label)}</text>`;
        })()
      : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(o.title)}" font-family="${FONT}">
<rect width="${W}" height="${H}" fill="#ffffff"/>
<text x="${left}" y="20" font-size="14" font-weight="bold" fill="#111827">${esc(o.title)}</text>
<text x="${W - right}" y="20" font-size="11" text-anchor="end" fill="#6b7280">单位：${esc(o.unit)}</text>
${grid.join("\n")}
${bars.join("\n")}
${target}
<line x1="${left}" x2="${W - right}" y1="${top + ih}" y2="${top + ih}" stroke="#9ca3af"/>
</svg>`;
}

export function hoursTrendSvg(points: ChartPoint[]): string {
  return barChartSvg(points, { title: "认定服务时长日趋势", unit: "小时", color: "#c2410c" });
}

export function closureSvg(points: ChartPoint[], childLabel: string): string {
  return barChartSvg(points, { title: `各${childLabel}整改率`, unit: "%", max: 100, color: "#0f766e", labelEvery: 1, valueText: (v) => `${v.toFixed(1)}%` });
}

/** Registration share by child region against the campaign's target (from the report's first table). */
export function registrationSvg(r: MonthlyReport, childLabel: string): string | null {
  const t = r.tables.find((x) => x.id === "volunteers");
  if (!t || t.rows.length === 0) return null;
  const points = t.rows.map((row) => ({ label: String(row.name ?? ""), value: Math.round(Number(row.share ?? 0) * 1000) / 10 }));
  const target = r.key.targetShare === null ? null : { value: Math.round(r.key.targetShare * 1000) / 10, label: `目标 ${(r.key.targetShare * 100).toFixed(1)}%` };
  return barChartSvg(points, { title: `各${childLabel}志愿者注册率`, unit: "%", color: "#b45309", labelEvery: 1, target, valueText: (v) => `${v.toFixed(1)}%` });
}
