import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/DataTable";
import { formatNumber } from "@/lib/format";
import type { VolunteerListItem } from "@/lib/volunteers/queries";
import { Stars } from "./Stars";

/** The search result: masked numbers only, name links to the volunteer's page (cards on a phone). */
export async function VolunteerTable({ items }: { items: VolunteerListItem[] }) {
  const t = await getTranslations("volunteers");
  const locale = await getLocale();
  const stars = (v: VolunteerListItem) => <Stars n={v.starLevel} label={v.starLevel ? t("filters.starN", { n: v.starLevel }) : t("filters.star0")} />;
  return (
    <>
      <ul className="space-y-2 md:hidden" data-testid="volunteer-cards">
        {items.map((v) => (
          <li key={v.id} className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100" data-testid="volunteer-card">
            <div className="flex items-center justify-between gap-2">
              <Link href={`/volunteers/${v.id}`} className="font-medium text-red-700">
                {v.name}
              </Link>
              {stars(v)}
            </div>
            <p className="mt-1 text-xs text-gray-600">
              {v.volunteerNo} · {t(`gender.${v.gender}`)} · {v.age} · {v.street} {v.community}
            </p>
            <p className="mt-1 font-mono text-xs text-gray-800">
              {v.idCard} · {v.phone}
            </p>
            <p className="mt-1 text-xs text-gray-600">
              {t("table.hours")} {formatNumber(v.verifiedHours, 1, locale)} · {t("table.registeredOn")} {v.registeredOn}
              {v.active && <span className="ml-2 rounded bg-green-50 px-1.5 py-0.5 text-green-800">{t("table.active")}</span>}
            </p>
          </li>
        ))}
      </ul>
      <div className="hidden md:block">
        <DataTable
          testId="volunteer-table"
          caption={t("table.caption")}
          captionHidden
          rows={items}
          rowKey={(v) => v.id}
          rowTestId={() => "volunteer-row"}
          columns={[
            { key: "no", header: t("table.no"), nowrap: true, className: "font-mono text-xs text-gray-600", cell: (v) => v.volunteerNo },
            {
              key: "name",
              header: t("table.name"),
              nowrap: true,
              cell: (v) => (
                <Link href={`/volunteers/${v.id}`} className="font-medium text-red-700 hover:underline" data-testid="volunteer-link">
                  {v.name}
                </Link>
              ),
            },
            { key: "gender", header: t("table.gender"), cell: (v) => t(`gender.${v.gender}`) },
            { key: "age", header: t("table.age"), className: "tabular", cell: (v) => v.age },
            { key: "id", header: t("table.idCard"), nowrap: true, className: "font-mono text-xs", cell: (v) => <span data-testid="masked-id">{v.idCard}</span> },
            { key: "phone", header: t("table.phone"), nowrap: true, className: "font-mono text-xs", cell: (v) => <span data-testid="masked-phone">{v.phone}</span> },
            { key: "community", header: t("table.community"), nowrap: true, className: "text-gray-700", cell: (v) => `${v.street} · ${v.community}` },
            { key: "star", header: t("table.star"), cell: stars },
            { key: "hours", header: t("table.hours"), align: "right", cell: (v) => formatNumber(v.verifiedHours, 1, locale) },
            { key: "reg", header: t("table.registeredOn"), nowrap: true, className: "tabular", cell: (v) => v.registeredOn },
            {
              key: "active",
              header: t("table.active"),
              cell: (v) => (v.active ? <span className="rounded bg-green-50 px-1.5 py-0.5 text-xs text-green-800">{t("yes")}</span> : <span className="text-xs text-gray-500">{t("no")}</span>),
            },
          ]}
        />
      </div>
    </>
  );
}
