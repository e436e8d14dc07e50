import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { DataTable } from "@/components/ui/DataTable";
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
  return (
    <div className="space-y-4" data-testid="partners-page">
      <OrgHeader current="partners" />
      <p className="text-sm text-gray-700" data-testid="partner-count">
        {t("count", { n: partners.length })}
      </p>
      {partners.length === 0 ? (
        <EmptyState title={t("empty")} testId="partners-empty" />
      ) : (
        <DataTable
          testId="partner-table"
          caption={t("caption")}
          captionHidden
          rows={partners}
          rowKey={(p) => p.id}
          rowTestId={() => "partner-row"}
          columns={[
            { key: "name", header: t("name"), className: "font-medium", cell: (p) => p.name },
            { key: "kind", header: t("kind"), nowrap: true, cell: (p) => (p.kind === "foundation" ? t("foundation") : t("enterprise")) },
            { key: "region", header: t("region"), nowrap: true, className: "text-gray-700", cell: (p) => p.region },
            { key: "date", header: t("agreementDate"), nowrap: true, className: "tabular", cell: (p) => p.agreementDate ?? "—" },
            { key: "amount", header: t("amount"), align: "right", cell: (p) => (p.amountYuan === null ? "—" : formatNumber(p.amountYuan, 0, locale)) },
            { key: "inKind", header: t("inKind"), className: "text-gray-700", cell: (p) => p.inKind ?? "—" },
            {
              key: "projects",
              header: t("projects"),
              align: "right",
              cell: (p) =>
                p.projects > 0 ? (
                  <Link href={`/organizations/projects?partner=${p.id}`} className="text-red-700 hover:underline">
                    {p.projects}
                  </Link>
                ) : (
                  0
                ),
            },
          ]}
        />
      )}
    </div>
  );
}
