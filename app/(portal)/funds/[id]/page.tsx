import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { requirePage } from "@/lib/auth/session";
import { CATEGORY_ZH, getFund, listFundEntries } from "@/lib/funds/ledger";
import { parseId } from "@/lib/http";

export const metadata = { title: "基金台账" };

/** One fund's ledger (append-only; reversals name the entry they undo), its balance, and the xlsx export. */
export default async function FundPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, db } = await requirePage("organizations");
  const id = parseId((await params).id);
  const fund = id ? await getFund(db, actor, { id }) : null;
  const entries = fund ? await listFundEntries(db, actor, { id: fund.id }) : null;
  if (!fund || !entries) notFound();
  const t = await getTranslations("structure.funds");
  return (
    <div className="space-y-4" data-testid="fund-page">
      <OrgHeader current="funds" />
      <Link href="/funds" className="text-sm text-red-700 hover:underline">
        ← {t("back")}
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 className="text-xl font-semibold text-gray-900" data-testid="fund-name">
            {fund.name}
          </h2>
          <p className="text-sm text-gray-600">
            {t("balanceLabel")}：<span className="text-lg font-semibold tabular-nums text-gray-900" data-testid="fund-balance">{fund.balance}</span> {t("yuan")}
          </p>
        </div>
        <a href={`/api/v1/funds/${fund.id}/export`} className="rounded-md border border-red-700 px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50" data-testid="fund-export">
          {t("export")}
        </a>
      </div>
      <Card title={t("ledger", { n: entries.length })} testId="fund-ledger">
        <DataTable
          dense
          caption={t("ledgerCaption")}
          captionHidden
          rows={entries}
          rowKey={(e) => e.id}
          rowTestId={() => "fund-entry"}
          columns={[
            { key: "id", header: "#", className: "tabular-nums text-gray-600", cell: (e) => e.id },
            { key: "at", header: t("at"), nowrap: true, className: "tabular-nums", cell: (e) => e.createdAt },
            { key: "cat", header: t("category"), nowrap: true, cell: (e) => CATEGORY_ZH[e.category] ?? e.category },
            { key: "in", header: t("in"), align: "right", nowrap: true, className: "tabular-nums", cell: (e) => (e.kind === "in" ? e.amount : "") },
            { key: "out", header: t("out"), align: "right", nowrap: true, className: "tabular-nums", cell: (e) => (e.kind === "out" ? e.amount : "") },
            { key: "who", header: t("counterparty"), className: "min-w-[10rem]", cell: (e) => e.partner ?? e.project ?? e.counterparty ?? "—" },
            { key: "receipt", header: t("receipt"), className: "font-mono text-xs", cell: (e) => e.receiptNo ?? "" },
            { key: "memo", header: t("memo"), className: "min-w-[10rem] text-gray-700", cell: (e) => `${e.memo ?? ""}${e.reversedBy ? `（${t("reversedBy", { id: e.reversedBy })}）` : ""}` },
          ]}
        />
      </Card>
    </div>
  );
}
