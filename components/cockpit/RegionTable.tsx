import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatCount, formatNumber, formatPercent } from "@/lib/format";
import { type CockpitParams, type SortKey, toQuery } from "@/lib/metrics/params";
import type { RegionMetrics } from "@/lib/metrics/queries";
import { Card } from "@/components/ui/Card";
import { loadMetrics } from "./data";
import { sortValue } from "./metric-value";

/** Every child region with every metric; column headers sort (state in the URL); a total row. */
export async function RegionTable({ code, base, params }: { code: string; base: string; params: CockpitParams }) {
  const p = params.period;
  const m = await loadMetrics(code, p.kind, p.from, p.to, params.sector);
  const t = await getTranslations("cockpit");
  if (!m) return null;
  if (m.children.length === 0) {
    return (
      <Card>
        <p className="text-gray-600" data-testid="no-children">
          {t("bottom")}
        </p>
      </Card>
    );
  }
  const locale = await getLocale();
  const rows = [...m.children].sort((a, b) => {
    const va = sortValue(a, params.sort);
    const vb = sortValue(b, params.sort);
    const cmp = va === null ? -1 : vb === null ? 1 : va < vb ? -1 : va > vb ? 1 : 0;
    return params.dir === "desc" ? -cmp : cmp;
  });
  const c = (n: number) => formatCount(n, locale);
  const cols: { key: SortKey; label: string; cell: (r: RegionMetrics) => React.ReactNode; num?: boolean }[] = [
    { key: "population", label: t("table.population"), cell: (r) => c(r.population), num: true },
    { key: "registeredVolunteers", label: t("table.registered"), cell: (r) => c(r.registeredVolunteers), num: true },
    {
      key: "registrationShare",
      label: t("table.share"),
      num: true,
      cell: (r) => (
        <span className={r.target && r.registrationShare !== null && r.registrationShare < r.target.registrationShare ? "text-red-700" : ""}>
          {formatPercent(r.registrationShare)}
        </span>
      ),
    },
    { key: "newVolunteers", label: t("table.new"), cell: (r) => c(r.newVolunteers), num: true },
    { key: "verifiedHours", label: t("table.hours"), cell: (r) => formatNumber(r.verifiedHours, 0, locale), num: true },
    { key: "activeVolunteers", label: t("table.active"), cell: (r) => c(r.activeVolunteers), num: true },
    { key: "peopleServed", label: t("table.served"), cell: (r) => c(r.peopleServed), num: true },
    { key: "activeProjects", label: t("table.projects"), cell: (r) => r.activeProjects, num: true },
    { key: "demandsReceived", label: t("table.demands"), cell: (r) => `${r.demands.received}/${r.demands.completed}`, num: true },
    { key: "avgRating", label: t("table.rating"), cell: (r) => (r.avgRating === null ? "—" : r.avgRating.toFixed(2)), num: true },
    { key: "tasksTotal", label: t("table.tasks"), cell: (r) => `${r.tasks.closed}/${r.tasks.total}`, num: true },
    { key: "closureRate", label: t("table.closure"), cell: (r) => formatPercent(r.closureRate), num: true },
    { key: "onTimeClosureRate", label: t("table.onTime"), cell: (r) => formatPercent(r.onTimeClosureRate), num: true },
    {
      key: "overdue",
      label: t("table.overdue"),
      num: true,
      cell: (r) => (r.tasks.overdue > 0 ? <span className="rounded bg-red-100 px-1 text-red-800">超期 {r.tasks.overdue}</span> : "0"),
    },
    { key: "pointsIssued", label: t("table.points"), cell: (r) => c(r.pointsIssued), num: true },
  ];
  const link = (key: SortKey) => {
    const dir = params.sort === key && params.dir === "asc" ? "desc" : "asc";
    return `${base}${toQuery({ period: p, sector: params.sector, metric: params.metric, sort: key, dir })}`;
  };
  const arrow = (key: SortKey) => (params.sort === key ? (params.dir === "asc" ? " ▲" : " ▼") : "");
  const qs = toQuery({ period: p, sector: params.sector, metric: params.metric });
  return (
    <Card title={t("table.title")} testId="region-table">
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-gray-50 text-gray-600">
            <tr>
              <th scope="col" className="sticky left-0 bg-gray-50 px-2 py-2 text-left" aria-sort={params.sort === "name" ? (params.dir === "asc" ? "ascending" : "descending") : undefined}>
                <Link href={link("name")} title={t("table.sortBy", { col: t("table.name") })}>
                  {t("table.name")}
                  {arrow("name")}
                </Link>
              </th>
              {cols.map((col) => (
                <th key={col.key} scope="col" className="whitespace-nowrap px-2 py-2 text-right" aria-sort={params.sort === col.key ? (params.dir === "asc" ? "ascending" : "descending") : undefined}>
                  <Link href={link(col.key)} title={t("table.sortBy", { col: col.label })} data-testid={`sort-${col.key}`}>
                    {col.label}
                    {arrow(col.key)}
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code} className="border-t border-gray-100" data-testid={`row-${r.code}`}>
                <th scope="row" className="sticky left-0 whitespace-nowrap bg-white px-2 py-1.5 text-left font-normal">
                  <Link href={`/regions/${r.code}${qs}`} className="text-red-700 hover:underline" data-testid={`child-link-${r.code}`}>
                    {r.name}
                  </Link>
                </th>
                {cols.map((col) => (
                  <td key={col.key} className="whitespace-nowrap px-2 py-1.5 text-right tabular">
                    {col.cell(r)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t-2 border-gray-200 font-medium" data-testid="region-table-total">
            <tr>
              <th scope="row" className="sticky left-0 bg-white px-2 py-1.5 text-left">
                {t("table.sum")}
              </th>
              {cols.map((col) => (
                <td key={col.key} className="whitespace-nowrap px-2 py-1.5 text-right tabular">
                  {col.cell(m)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </Card>
  );
}
