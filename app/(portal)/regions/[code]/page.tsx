import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Breadcrumb } from "@/components/regions/Breadcrumb";
import { requireArea, requireRegionInScope } from "@/lib/auth/session";
import { getBreadcrumb, getRegionChildren } from "@/lib/regions/queries";
import { formatCount } from "@/lib/format";

export default async function RegionPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const user = await requireArea("regions");
  const region = await requireRegionInScope(user, code);
  const [children, crumbs] = await Promise.all([getRegionChildren({ user, code }), getBreadcrumb({ user, code })]);
  const t = await getTranslations();
  return (
    <div className="space-y-4">
      <Breadcrumb items={crumbs} />
      <h1 className="text-2xl font-semibold" data-testid="region-name">
        {region.name}
        <span className="ml-2 text-base font-normal text-gray-500">
          {t(`levels.${region.level}`)} · {region.code}
        </span>
      </h1>
      <p className="text-gray-700">
        {t("regions.population")}：<span className="tabular">{formatCount(region.population)}</span>
      </p>
      {children.length === 0 ? (
        <p className="rounded-md bg-white p-4 text-gray-600">{t("regions.noChildren")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="min-w-full text-sm" data-testid="region-children">
            <caption className="sr-only">{t("regions.children")}</caption>
            <thead className="bg-gray-50 text-left text-gray-600">
              <tr>
                <th scope="col" className="px-4 py-2">{t("regions.name")}</th>
                <th scope="col" className="px-4 py-2">{t("regions.code")}</th>
                <th scope="col" className="px-4 py-2 text-right">{t("regions.population")}</th>
                <th scope="col" className="px-4 py-2 text-right">{t("regions.count")}</th>
              </tr>
            </thead>
            <tbody>
              {children.map((c) => (
                <tr key={c.code} className="border-t border-gray-100">
                  <td className="px-4 py-2">
                    <Link href={`/regions/${c.code}`} className="text-red-700 hover:underline">
                      {c.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2 tabular text-gray-500">{c.code}</td>
                  <td className="px-4 py-2 text-right tabular">{formatCount(c.population)}</td>
                  <td className="px-4 py-2 text-right tabular">{c.childCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
