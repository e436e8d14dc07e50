import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatNumber } from "@/lib/format";
import type { VolunteerListItem } from "@/lib/volunteers/queries";
import { Stars } from "./Stars";

/** The search result: masked numbers only, name links to the volunteer's page. */
export async function VolunteerTable({ items }: { items: VolunteerListItem[] }) {
  const t = await getTranslations("volunteers");
  const locale = await getLocale();
  const th = "whitespace-nowrap px-3 py-2 text-left font-medium";
  return (
    <>
      <ul className="space-y-2 md:hidden" data-testid="volunteer-cards">
        {items.map((v) => (
          <li key={v.id} className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100" data-testid="volunteer-card">
            <div className="flex items-center justify-between gap-2">
              <Link href={`/volunteers/${v.id}`} className="font-medium text-red-700">
                {v.name}
              </Link>
              <Stars n={v.starLevel} label={v.starLevel ? t("filters.starN", { n: v.starLevel }) : t("filters.star0")} />
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
      <div className="relative hidden overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-100 md:block">
        <table className="min-w-full text-sm" data-testid="volunteer-table">
          <caption className="sr-only">{t("table.caption")}</caption>
          <thead className="bg-gray-50 text-gray-600">
            <tr>
              <th scope="col" className={th}>{t("table.no")}</th>
              <th scope="col" className={th}>{t("table.name")}</th>
              <th scope="col" className={th}>{t("table.gender")}</th>
              <th scope="col" className={th}>{t("table.age")}</th>
              <th scope="col" className={th}>{t("table.idCard")}</th>
              <th scope="col" className={th}>{t("table.phone")}</th>
              <th scope="col" className={th}>{t("table.community")}</th>
              <th scope="col" className={th}>{t("table.star")}</th>
              <th scope="col" className={`${th} text-right`}>{t("table.hours")}</th>
              <th scope="col" className={th}>{t("table.registeredOn")}</th>
              <th scope="col" className={th}>{t("table.active")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((v) => (
              <tr key={v.id} className="border-t border-gray-100 hover:bg-gray-50" data-testid="volunteer-row">
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs text-gray-600">{v.volunteerNo}</td>
                <td className="whitespace-nowrap px-3 py-2">
                  <Link href={`/volunteers/${v.id}`} className="font-medium text-red-700 hover:underline" data-testid="volunteer-link">
                    {v.name}
                  </Link>
                </td>
                <td className="px-3 py-2">{t(`gender.${v.gender}`)}</td>
                <td className="px-3 py-2 tabular">{v.age}</td>
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs" data-testid="masked-id">{v.idCard}</td>
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs" data-testid="masked-phone">{v.phone}</td>
                <td className="whitespace-nowrap px-3 py-2 text-gray-700">
                  {v.street} · {v.community}
                </td>
                <td className="px-3 py-2">
                  <Stars n={v.starLevel} label={v.starLevel ? t("filters.starN", { n: v.starLevel }) : t("filters.star0")} />
                </td>
                <td className="px-3 py-2 text-right tabular">{formatNumber(v.verifiedHours, 1, locale)}</td>
                <td className="whitespace-nowrap px-3 py-2 tabular">{v.registeredOn}</td>
                <td className="px-3 py-2">
                  {v.active ? <span className="rounded bg-green-50 px-1.5 py-0.5 text-xs text-green-800">{t("yes")}</span> : <span className="text-xs text-gray-500">{t("no")}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
