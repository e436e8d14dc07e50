import { closureSvg, hoursTrendSvg } from "@/lib/reports/charts";
import { formatCell, headerLabel } from "@/lib/reports/format";
import { monthLabel } from "@/lib/reports/rules";
import type { MonthlyReport, ReportTable } from "@/lib/reports/types";

function Table({ t }: { t: ReportTable }) {
  return (
    <section className="break-inside-avoid-page space-y-2" data-testid={`report-table-${t.id}`} aria-labelledby={`h-${t.id}`}>
      <h2 id={`h-${t.id}`} className="text-base font-semibold text-gray-900">
        {t.title}
      </h2>
      {t.rows.length === 0 ? (
        <p className="rounded-md bg-gray-50 px-3 py-4 text-center text-sm text-gray-500" data-testid={`report-empty-${t.id}`}>
          本月无数据
        </p>
      ) : (
        // Its own scroll box (tall tables stop at ~60% of the screen; the header row and the first
        // column stay in view); printing shows it whole.
        <div
          tabIndex={0}
          role="region"
          aria-labelledby={`h-${t.id}`}
          className="max-h-[60vh] overflow-auto rounded-sm ring-1 ring-gray-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-600 print:max-h-none print:overflow-visible print:ring-0"
          data-testid={`report-scroll-${t.id}`}
        >
          <table className="min-w-full border-separate border-spacing-0 text-sm tabular [&_td:first-child]:sticky [&_td:first-child]:left-0 [&_td:first-child]:z-[1] [&_td:first-child]:min-w-[7rem] [&_td:first-child]:bg-white [&_th:first-child]:left-0 [&_th:first-child]:z-[2] [&_th:first-child]:min-w-[7rem] [&_th]:sticky [&_th]:top-0 [&_th]:bg-gray-100 print:[&_td:first-child]:static print:[&_th]:static">
            <thead>
              <tr className="bg-gray-100">
                {t.columns.map((c) => (
                  <th key={c.key} scope="col" className={`border border-gray-200 px-2 py-1 font-medium ${c.kind === "text" ? "text-left" : "text-right"}`}>
                    {headerLabel(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((r, i) => (
                <tr key={i} className={r.list === "红榜" ? "bg-red-50" : r.list === "黑榜" ? "bg-gray-100" : undefined}>
                  {t.columns.map((c) => (
                    <td key={c.key} className={`border border-gray-200 px-2 py-1 ${c.kind === "text" ? "text-left" : "text-right"}`}>
                      {formatCell(r[c.key] ?? null, c.kind)}
                    </td>
                  ))}
                </tr>
              ))}
              {t.total && (
                <tr className="bg-gray-50 font-semibold" data-testid={`report-total-${t.id}`}>
                  {t.columns.map((c) => (
                    <td key={c.key} className={`border border-gray-200 px-2 py-1 ${c.kind === "text" ? "text-left" : "text-right"}`}>
                      {formatCell(t.total![c.key] ?? null, c.kind)}
                    </td>
                  ))}
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      {t.note && <p className="text-xs text-gray-500">说明：{t.note}</p>}
    </section>
  );
}

function Svg({ svg, testId }: { svg: string; testId: string }) {
  // Built on the server from numbers only (labels escaped in charts.ts), no script.
  return <div className="max-w-full overflow-x-auto [&>svg]:h-auto [&>svg]:max-w-full" data-testid={testId} dangerouslySetInnerHTML={{ __html: svg }} />;
}

/** The report laid out as the document staff print or export: title, summary, sections, charts. */
export function ReportView({ report: r, sourceLabel }: { report: MonthlyReport; sourceLabel: string }) {
  const childLabel = r.meta.level === "city" ? "区（市）" : "街道（镇）";
  return (
    <article className="space-y-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100 print:p-0 print:shadow-none print:ring-0 md:p-8" data-testid="report-document">
      <header className="space-y-1 text-center">
        <h1 className="text-xl font-bold text-gray-900 md:text-2xl" data-testid="report-title">
          {r.meta.regionName}
          {monthLabel(r.meta.month)}志愿服务与创城工作月报
        </h1>
        <p className="text-sm text-gray-600">
          统计期 {r.meta.from} 至 {r.meta.to}
          {r.meta.partial ? "（月未结束）" : ""} · {r.meta.campaign.name} 第 {r.meta.campaign.day} 天 / 共 {r.meta.campaign.days} 天
        </p>
        <p className="text-sm font-medium text-emerald-800" data-testid="report-source">
          {sourceLabel}
        </p>
      </header>
      <section aria-labelledby="h-summary" className="space-y-2">
        <h2 id="h-summary" className="text-base font-semibold">
          综述
        </h2>
        <p className="leading-7 text-gray-800" data-testid="report-summary">
          {r.summary}
        </p>
      </section>
      {r.tables.map((t) => (
        <div key={t.id} className="space-y-3">
          {t.id === "volunteers" && <Svg svg={hoursTrendSvg(r.charts.hoursTrend)} testId="chart-hours" />}
          {t.id === "rectification" && <Svg svg={closureSvg(r.charts.closureByChild, childLabel)} testId="chart-closure" />}
          {t.id === "ranking" && (
            <div className="grid gap-3 md:grid-cols-2" data-testid="ranking-lists">
              <div className="rounded-md bg-red-50 p-3">
                <p className="font-semibold text-red-800">红榜</p>
                <ol className="mt-1 text-sm" data-testid="red-list">
                  {r.ranking.red.length === 0 ? <li>无</li> : r.ranking.red.map((x) => <li key={x.rank}>{x.rank}. {x.name}（{formatCell(x.closureRate, "percent")}）</li>)}
                </ol>
              </div>
              <div className="rounded-md bg-gray-100 p-3">
                <p className="font-semibold text-gray-900">黑榜</p>
                <ol className="mt-1 text-sm" data-testid="black-list">
                  {r.ranking.black.length === 0 ? <li>无</li> : r.ranking.black.map((x) => <li key={x.rank}>{x.rank}. {x.name}（{formatCell(x.closureRate, "percent")}）</li>)}
                </ol>
              </div>
            </div>
          )}
          <Table t={t} />
          {t.id === "problems" && r.problems.length > 0 && (
            <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="problem-photos">
              {r.problems.map((p) => (
                <li key={p.id} className="rounded-md border border-gray-200 p-2 text-sm">
                  {p.photoId ? (
                    // eslint-disable-next-line @next/next/no-img-element
                    <img src={`/api/v1/task-photos/${p.photoId}`} alt={p.title} className="mb-2 h-32 w-full rounded object-cover" />
                  ) : (
                    <p className="mb-2 flex h-16 items-center justify-center rounded bg-gray-50 text-xs text-gray-500">暂无现场照片</p>
                  )}
                  <p className="font-medium">{p.title}</p>
                  <p className="text-gray-600">
                    {p.place} · 超期 {p.days} 天
                  </p>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </article>
  );
}
