import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { DataTable } from "@/components/ui/DataTable";
import { EmptyState } from "@/components/ui/Notice";
import { requirePage } from "@/lib/auth/session";
import { listFunds } from "@/lib/funds/ledger";

export const metadata = { title: "志愿服务基金" };

/** 志愿服务基金: one fund per district in the actor's region, with its balance (= Σ in − Σ out of its ledger). */
export default async function FundsPage() {
  const { actor, db } = await requirePage("organizations");
  const t = await getTranslations("structure.funds");
  const funds = await listFunds(db, actor, {});
  return (
    <div className="space-y-4" data-testid="funds-page">
      <OrgHeader current="funds" />
      {funds.length === 0 ? (
        <EmptyState title={t("empty")} testId="funds-empty" />
      ) : (
        <DataTable
          testId="funds-table"
          caption={t("caption")}
          captionHidden
          rows={funds}
          rowKey={(f) => f.id}
          rowTestId={() => "fund-row"}
          columns={[
            {
              key: "name",
              header: t("name"),
              cell: (f) => (
                <Link href={`/funds/${f.id}`} className="font-medium text-red-700 hover:underline" data-testid="fund-link">
                  {f.name}
                </Link>
              ),
            },
            { key: "region", header: t("region"), nowrap: true, cell: (f) => f.regionName },
            { key: "balance", header: t("balance"), align: "right", className: "tabular-nums", cell: (f) => <span data-testid="fund-balance">{f.balance}</span> },
          ]}
        />
      )}
    </div>
  );
}
