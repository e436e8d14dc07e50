/**
 * The report's two charts as plain SVG (no client code): shown inline on the preview and print page,
 * and rasterised to PNG with sharp for the Word file. Axis labels use the CJK system font.
 */
import type { ChartPoint } from "./types";

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
}

/** A vertical bar chart with a y axis, gridlines, category labels and an accessible title. */
export function barChartSvg(points: ChartPoint[], o: BarChartOptions): string {
  const W = o.width ?? 720;
  const H = o.height ?? 300;
  const left = 56, right = 16, top = 36, bottom = 64;
  const iw = W - left - right, ih = H - top - bottom;
  const max = o.max ?? niceMax(Math.max(0, ...points.map((p) => p.value)));
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
    return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}" fill="${o.color ?? "#c2410c"}"><title>${esc(`${p.label}: ${p.value}${o.unit}`)}</title></rect>${label}`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(o.title)}" font-family="${FONT}">
<rect width="${W}" height="${H}" fill="#ffffff"/>
<text x="${left}" y="20" font-size="14" font-weight="bold" fill="#111827">${esc(o.title)}</text>
<text x="${W - right}" y="20" font-size="11" text-anchor="end" fill="#6b7280">单位：${esc(o.unit)}</text>
${grid.join("\n")}
${bars.join("\n")}
<line x1="${left}" x2="${W - right}" y1="${top + ih}" y2="${top + ih}" stroke="#9ca3af"/>
</svg>`;
}

export function hoursTrendSvg(points: ChartPoint[]): string {
  return barChartSvg(points, { title: "认定服务时长日趋势", unit: "小时", color: "#c2410c" });
}

export function closureSvg(points: ChartPoint[], childLabel: string): string {
  return barChartSvg(points, { title: `各${childLabel}整改率`, unit: "%", max: 100, color: "#0f766e", labelEvery: 1 });
}
