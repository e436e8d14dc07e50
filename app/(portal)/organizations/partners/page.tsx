import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { EmptyState } from "@/components/ui/Notice";
import { requirePage } from "@/lib/auth/session";
import { formatNumber } from "@/lib/format";
import { listPartners } from "@/lib/projects/queries";

export const metadata = { title: "合作伙伴" };

/** Enterprises and foundations that signed a cooperation agreement: date, funding or in-kind support. */
export default async function PartnersPage() {
  const { actor, db } = await requirePage("organizations");
  const partners = await listPartners(db, actor);
  const t = await getTranslations("volunteers.partners");
  const locale = await getLocale();
  const th = "whitespace-nowrap px-3 py-2 text-left font-medium";
  return (
    <div className="space-y-4" data-testid="partners-page">
      <OrgHeader current="partners" />
      <p className="text-sm text-gray-700" data-testid="partner-count">
        {t("count", { n: partners.length })}
      </p>
      {partners.length === 0 ? (
        <EmptyState title={t("empty")} testId="partners-empty" />
      ) : (
        <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-100">
          <table className="min-w-full text-sm" data-testid="partner-table">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="bg-gray-50 text-gray-600">
              <tr>
                <th scope="col" className={th}>{t("name")}</th>
                <th scope="col" className={th}>{t("kind")}</th>
                <th scope="col" className={th}>{t("region")}</th>
                <th scope="col" className={th}>{t("agreementDate")}</th>
                <th scope="col" className={`${th} text-right`}>{t("amount")}</th>
                <th scope="col" className={th}>{t("inKind")}</th>
                <th scope="col" className={`${th} text-right`}>{t("projects")}</th>
              </tr>
            </thead>
            <tbody>
              {partners.map((p) => (
                <tr key={p.id} className="border-t border-gray-100" data-testid="partner-row">
                  <td className="px-3 py-2 font-medium">{p.name}</td>
                  <td className="whitespace-nowrap px-3 py-2">{p.kind === "foundation" ? t("foundation") : t("enterprise")}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-gray-700">{p.region}</td>
                  <td className="whitespace-nowrap px-3 py-2 tabular">{p.agreementDate ?? "—"}</td>
                  <td className="px-3 py-2 text-right tabular">{p.amountYuan === null ? "—" : formatNumber(p.amountYuan, 0, locale)}</td>
                  <td className="px-3 py-2 text-gray-700">{p.inKind ?? "—"}</td>
                  <td className="px-3 py-2 text-right tabular">
                    {p.projects > 0 ? (
                      <Link href={`/organizations/projects?partner=${p.id}`} className="text-red-700 hover:underline">
                        {p.projects}
                      </Link>
                    ) : (
                      0
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
