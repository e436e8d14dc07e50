import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { type CockpitParams, toQuery } from "@/lib/metrics/params";
import { SECTORS } from "@/lib/metrics/rules";
import { childLevel } from "@/lib/auth/rules";
import { Card } from "@/components/ui/Card";
import { loadMetrics } from "./data";


/** Children × six sectors: active project counts, gaps marked with text and colour. */
export async function CoverageMatrix({ code, params }: { code: string; params: CockpitParams }) {
  const p = params.period;
  // Coverage is about all six sectors, whatever sector the rest of the page is filtered to.
  const m = await loadMetrics(code, p.kind, p.from, p.to, null);
  if (!m || m.children.length === 0) return null;
  const t = await getTranslations();
  const gaps = m.children.reduce((n, c) => n + SECTORS.filter((s) => c.projectsBySector[s] === 0).length, 0);
  const qs = toQuery({ period: p, sector: params.sector, metric: params.metric });
  return (
    <Card title={t("cockpit.coverage.title", { level: t(`levels.${childLevel(m.level)}`) })} testId="coverage-matrix">
      <p className="mb-2 text-xs text-gray-600">
        {t("cockpit.coverage.gapHint")} · <span data-testid="coverage-gaps">{t("cockpit.coverage.gaps", { n: gaps })}</span>
      </p>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-gray-50 text-gray-600">
            <tr>
              <th scope="col" className="px-2 py-2 text-left">
                {t("cockpit.table.name")}
              </th>
              {SECTORS.map((s) => (
                <th key={s} scope="col" className="whitespace-nowrap px-2 py-2 text-center">
                  {t(`cockpit.sectors.${s}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.children.map((c) => (
              <tr key={c.code} className="border-t border-gray-100">
                <th scope="row" className="whitespace-nowrap px-2 py-1 text-left font-normal">
                  <Link href={`/regions/${c.code}${qs}`} className="text-red-700 hover:underline">
                    {c.name}
                  </Link>
                </th>
                {SECTORS.map((s) => {
                  const n = c.projectsBySector[s];
                  return (
                    <td key={s} className={`px-2 py-1 text-center tabular ${n === 0 ? "bg-red-50 font-medium text-red-700" : ""}`} data-testid={n === 0 ? "coverage-gap" : undefined}>
                      {n === 0 ? t("cockpit.coverage.gap") : n}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
