import { getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/reports/PrintButton";
import { PublishForm } from "@/components/reports/PublishForm";
import { FilterSelect } from "@/components/ui/FilterSelect";
import { ReportView } from "@/components/reports/ReportView";
import { requirePage } from "@/lib/auth/session";
import { one } from "@/lib/search-params";
import { today } from "@/lib/metrics/clock";
import { reportMonths, reportRegions } from "@/lib/reports/queries";
import { formatCell } from "@/lib/reports/format";
import { defaultMonth, monthLabel, zhDelta } from "@/lib/reports/rules";
import { diffKeys, loadReport } from "@/lib/reports/service";
import { fmtTime } from "@/lib/reports/xlsx";
import { pageTitle } from "@/lib/i18n/title";

export const generateMetadata = () => pageTitle(["nav.reports"]);

/**
 * 月报: pick a month and a scope → the report laid out as the document, the published version beside
 * the live figures, publish, and download .xlsx / .docx / .csv (the same route the API offers).
 */
export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor: user, db } = await requirePage("reports");
  const t = await getTranslations("reports");
  const sp = await searchParams;
  const [regionsList, months] = await Promise.all([reportRegions(db, user), reportMonths(db, user)]);
  if (regionsList.length === 0) {
    return (
      <div className="rounded-lg bg-white p-8 text-center text-gray-600 shadow-sm ring-1 ring-gray-100" data-testid="reports-no-scope">
        {t("noScope")}
      </div>
    );
  }
  const month = one(sp.month) ?? defaultMonth(today());
  const region = one(sp.region) ?? regionsList[0]!.code;
  const wantLive = one(sp.source) === "live";
  const loaded = await loadReport(db, user, { month, code: region });
  const q = (extra: Record<string, string>) => new URLSearchParams({ month, region, ...extra }).toString();
  const diffs = loaded.ok && loaded.published ? diffKeys(loaded.live, loaded.published.report) : null;
  const changed = diffs ? diffs.filter((d) => d.delta).length : 0;

  return (
    <div className="space-y-4" data-testid="reports-page">
      <form method="get" action="/reports" className="grid grid-cols-2 items-end gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100 no-print md:flex md:flex-wrap" data-testid="report-picker">
        <FilterSelect label={t("month")} name="month" value={month} options={months.map((m) => ({ value: m, label: monthLabel(m) }))} testId="report-month" />
        <FilterSelect label={t("region")} name="region" value={region} options={regionsList.map((r) => ({ value: r.code, label: r.name }))} testId="report-region" />
        <button type="submit" className="col-span-2 rounded-md bg-gray-800 px-4 py-2 text-sm font-medium text-white md:col-span-1">
          {t("show")}
        </button>
      </form>

      {!loaded.ok ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="report-error">
          {loaded.message}
        </p>
      ) : (
        <>
          <div className="flex flex-col gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100 no-print md:flex-row md:items-start md:justify-between">
            <div className="space-y-1 text-sm" data-testid="report-status">
              {loaded.published ? (
                <p>
                  <span className="rounded bg-emerald-100 px-2 py-0.5 font-medium text-emerald-900">{t("publishedBadge", { n: loaded.published.revision })}</span>{" "}
                  {t("publishedBy", { who: loaded.published.publishedBy ?? "—", at: fmtTime(loaded.published.publishedAt) })}
                  {loaded.published.reason ? ` · ${t("reasonLabel")}${loaded.published.reason}` : ""}
                </p>
              ) : (
                <p>
                  <span className="rounded bg-amber-100 px-2 py-0.5 font-medium text-amber-900">{t("unpublished")}</span> {t("unpublishedHint")}
                </p>
              )}
              {loaded.published && (
                <p>
                  {wantLive ? <a className="text-red-800 underline" href={`/reports?${q({})}`}>{t("showPublished")}</a> : <a className="text-red-800 underline" href={`/reports?${q({ source: "live" })}`}>{t("showLive")}</a>}
                </p>
              )}
            </div>
            <div className="flex flex-wrap gap-2" data-testid="report-downloads">
              <PrintButton label={t("print")} />
              <a href={`/api/v1/reports/monthly?${q({ format: "xlsx", ...(wantLive ? { source: "live" } : {}) })}`} className="rounded-md bg-emerald-700 px-3 py-2 text-sm font-medium text-white" data-testid="download-xlsx">
                {t("xlsx")}
              </a>
              <a href={`/api/v1/reports/monthly?${q({ format: "docx", ...(wantLive ? { source: "live" } : {}) })}`} className="rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white" data-testid="download-docx">
                {t("docx")}
              </a>
              <details className="relative">
                <summary className="cursor-pointer rounded-md bg-gray-200 px-3 py-2 text-sm font-medium text-gray-900" data-testid="download-csv-menu">
                  {t("csv")}
                </summary>
                <ul className="absolute right-0 z-10 mt-1 w-56 rounded-md bg-white p-1 text-sm shadow-lg ring-1 ring-gray-200">
                  {[{ id: "summary", title: "汇总" }, ...loaded.live.tables].map((tb) => (
                    <li key={tb.id}>
                      <a className="block rounded px-2 py-1 hover:bg-gray-100" href={`/api/v1/reports/monthly?${q({ format: "csv", table: tb.id, ...(wantLive ? { source: "live" } : {}) })}`} data-testid={`download-csv-${tb.id}`}>
                        {tb.title}
                      </a>
                    </li>
                  ))}
                </ul>
              </details>
            </div>
          </div>

          {user.role === "wmb_staff" && !loaded.live.meta.partial && <PublishForm month={month} region={region} revision={loaded.published?.revision ?? null} />}
          {loaded.live.meta.partial && <p className="text-sm text-gray-600 no-print">{t("partial")}</p>}

          {diffs && (
            <section className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100 no-print" data-testid="report-diff" aria-labelledby="h-diff">
              <details open={changed > 0}>
                <summary className="cursor-pointer text-sm font-semibold" id="h-diff" data-testid="report-diff-summary">
                  {changed > 0 ? t("diffChanged", { n: changed }) : t("diffSame", { n: diffs.length })}
                </summary>
                <div className="mt-2 overflow-x-auto">
                  <table className="min-w-full text-sm tabular">
                    <thead>
                      <tr className="text-left text-gray-600">
                        <th className="px-2 py-1">{t("figure")}</th>
                        <th className="px-2 py-1 text-right">{t("publishedCol")}</th>
                        <th className="px-2 py-1 text-right">{t("liveCol")}</th>
                        <th className="px-2 py-1 text-right">{t("deltaCol")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {diffs.map((d) => (
                        <tr key={d.key} className={d.delta ? "bg-amber-50 font-medium" : undefined} data-testid={`diff-${d.key}`}>
                          <td className="px-2 py-1">{d.label}</td>
                          <td className="px-2 py-1 text-right">{formatCell(d.published, d.kind as never)}</td>
                          <td className="px-2 py-1 text-right">{formatCell(d.live, d.kind as never)}</td>
                          <td className="px-2 py-1 text-right">{d.delta === null ? "—" : d.kind === "percent" ? `${zhDelta(Math.round(d.delta * 1000) / 10)} 个百分点` : zhDelta(d.delta)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            </section>
          )}

          {loaded.published && !wantLive ? (
            <ReportView report={loaded.published.report} sourceLabel={t("sourcePublished", { n: loaded.published.revision, at: fmtTime(loaded.published.publishedAt) })} />
          ) : (
            <ReportView report={loaded.live} sourceLabel={t("sourceLive")} />
          )}
        </>
      )}
    </div>
  );
}
