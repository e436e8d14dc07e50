import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { Notice } from "@/components/ui/Notice";
import { requirePage } from "@/lib/auth/session";
import { getCampaign } from "@/lib/campaign/queries";
import { today } from "@/lib/metrics/clock";
import { parseCockpitParams } from "@/lib/metrics/params";
import { getCoverage } from "@/lib/projects/queries";
import { getBreadcrumb } from "@/lib/regions/queries";
import { one, type SearchParams } from "@/lib/search-params";
import { SECTOR_KEYS } from "@/lib/volunteers/rules";

export const metadata = { title: "六大板块覆盖" };

/**
 * Regions × six sectors: active projects per child region, gaps highlighted, drill down by region.
 * Same period rules (URL `period`/`from`/`to`, default: the campaign so far) and the same definition
 * as the cockpit's coverage matrix, so the numbers agree.
 */
export default async function CoveragePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor, db } = await requirePage("organizations");
  const sp = await searchParams;
  const region = one(sp.region) || actor.scopeCode;
  const campaign = await getCampaign(db);
  const params = parseCockpitParams(sp, today(), campaign);
  const cov = await getCoverage(db, actor, { code: region, from: params.period.from, to: params.period.to });
  if (!cov) notFound();
  const crumbs = await getBreadcrumb(db, actor, { code: region });
  const t = await getTranslations("volunteers");
  const tc = await getTranslations("cockpit.sectors");
  const name = crumbs[crumbs.length - 1]?.name ?? region;
  const gaps = cov.rows.reduce((n, r) => n + r.gaps, 0);
  const keep = new URLSearchParams();
  for (const k of ["period", "from", "to"]) {
    const v = one(sp[k]);
    if (v) keep.set(k, v);
  }
  const q = (code: string) => {
    const k = new URLSearchParams(keep);
    k.set("region", code);
    return `/organizations/coverage?${k.toString()}`;
  };
  const totals = Object.fromEntries(SECTOR_KEYS.map((s) => [s, cov.rows.reduce((n, r) => n + r.bySector[s], 0)]));
  return (
    <div className="space-y-4" data-testid="coverage-page">
      <OrgHeader current="coverage" />
      <nav aria-label="当前位置" className="text-sm text-gray-600" data-testid="coverage-breadcrumb">
        <ol className="flex flex-wrap items-center gap-1">
          {crumbs.map((c, i) => (
            <li key={c.code} className="flex items-center gap-1">
              {i > 0 && <span aria-hidden>›</span>}
              {i < crumbs.length - 1 ? (
                <Link href={q(c.code)} className="text-red-700 hover:underline">
                  {c.name}
                </Link>
              ) : (
                <span aria-current="page" className="font-medium text-gray-900">
                  {c.name}
                </span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      {params.error && <Notice testId="filter-error">{t("badParams", { message: params.error })}</Notice>}
      <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100" data-testid="coverage-matrix">
        <h2 className="text-lg font-semibold text-gray-900">{t("coverage.title", { region: name })}</h2>
        <p className="mt-1 text-xs text-gray-600">
          {t("coverage.period", { from: params.period.from, to: params.period.to })} · {t("coverage.hint")} ·{" "}
          <span className="font-medium text-red-700" data-testid="coverage-gaps">
            {t("coverage.gaps", { n: gaps })}
          </span>
        </p>
        <div className="relative mt-3 overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="bg-gray-50 text-gray-600">
              <tr>
                <th scope="col" className="px-2 py-2 text-left">
                  {t("coverage.region")}
                </th>
                {SECTOR_KEYS.map((s) => (
                  <th key={s} scope="col" className="whitespace-nowrap px-2 py-2 text-center">
                    {tc(s)}
                  </th>
                ))}
                <th scope="col" className="px-2 py-2 text-right">
                  {t("coverage.total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {cov.rows.map((r) => (
                <tr key={r.code} className="border-t border-gray-100" data-testid={`coverage-row-${r.code}`}>
                  <th scope="row" className="whitespace-nowrap px-2 py-1 text-left font-normal">
                    {r.code.length < 12 && r.code !== region ? (
                      <Link href={q(r.code)} className="text-red-700 hover:underline" data-testid={`coverage-drill-${r.code}`}>
                        {r.name}
                      </Link>
                    ) : (
                      r.name
                    )}
                  </th>
                  {SECTOR_KEYS.map((s) => {
                    const n = r.bySector[s];
                    const href = `/organizations/projects?region=${r.code}&sector=${s}&status=active`;
                    return (
                      <td
                        key={s}
                        className={`px-2 py-1 text-center tabular ${n === 0 ? "bg-red-50 font-medium text-red-700" : ""}`}
                        data-testid={n === 0 ? "coverage-gap" : "coverage-cell"}
                        data-sector={s}
                        data-value={n}
                      >
                        {n === 0 ? (
                          t("coverage.gap")
                        ) : (
                          <Link href={href} className="hover:underline">
                            {n}
                          </Link>
                        )}
                      </td>
                    );
                  })}
                  <td className="px-2 py-1 text-right font-medium tabular">{r.total}</td>
                </tr>
              ))}
              <tr className="border-t-2 border-gray-200 bg-gray-50 font-medium">
                <th scope="row" className="px-2 py-1 text-left">
                  {t("coverage.total")}
                </th>
                {SECTOR_KEYS.map((s) => (
                  <td key={s} className="px-2 py-1 text-center tabular" data-testid={`coverage-total-${s}`}>
                    {totals[s]}
                  </td>
                ))}
                <td className="px-2 py-1 text-right tabular" data-testid="coverage-total">
                  {cov.rows.reduce((n, r) => n + r.total, 0)}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
        <p className="mt-3 text-sm">
          <Link href={`/organizations/projects?region=${region}&status=active`} className="text-red-700 hover:underline">
            {t("coverage.projectsHere")} →
          </Link>
        </p>
      </section>
    </div>
  );
}
