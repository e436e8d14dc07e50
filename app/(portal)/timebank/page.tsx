import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { one } from "@/lib/search-params";
import { TimebankNav } from "@/components/timebank/TimebankNav";
import { DataTable } from "@/components/ui/DataTable";
import { searchVolunteers } from "@/lib/activities/queries";
import { inScope, lineage } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { formatCount } from "@/lib/format";
import { today } from "@/lib/metrics/clock";
import { timebankDashboard } from "@/lib/timebank/dashboard";
import { pageTitle } from "@/lib/i18n/title";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const generateMetadata = () => pageTitle(["timebank.nav.dashboard", "timebank.nav.title"]);

/** 时间银行 — points issued / redeemed / outstanding and top rewards, by region (drill-down) and period. */
export default async function TimebankPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor: user, db } = await requirePage("timebank");
  const q = await searchParams;
  const t = await getTranslations("timebank");
  const code = one(q.region) ?? user.scopeCode;
  if (!inScope(user.scopeCode, code)) notFound();
  const end = today();
  const from = DAY.test(one(q.from) ?? "") ? one(q.from)! : `${end.slice(0, 4)}-01-01`;
  const to = DAY.test(one(q.to) ?? "") ? one(q.to)! : end;
  const d = await timebankDashboard(db, user, { code, from, to });
  if (!d) notFound();
  const term = one(q.q)?.trim() ?? "";
  const found = term ? await searchVolunteers(db, user, { q: term }) : [];
  const link = (c: string) => `/timebank?${new URLSearchParams({ region: c, from, to })}`;
  const crumbs = lineage(code).filter((c) => c.length >= user.scopeCode.length);
  const card = (key: string, value: number, testid: string) => (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
      <p className="text-sm text-gray-500">{t(`figures.${key}` as "figures.issued")}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-gray-900" data-testid={testid} data-value={value}>
        {formatCount(value)}
      </p>
    </div>
  );
  return (
    <div className="space-y-4" data-testid="timebank-page">
      <TimebankNav active="dashboard" />
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100">
        <input type="hidden" name="region" value={code} />
        <label className="text-sm">
          <span className="block text-gray-600">{t("period.from")}</span>
          <input type="date" name="from" defaultValue={from} className="mt-1 rounded border-gray-300 text-sm" />
        </label>
        <label className="text-sm">
          <span className="block text-gray-600">{t("period.to")}</span>
          <input type="date" name="to" defaultValue={to} className="mt-1 rounded border-gray-300 text-sm" />
        </label>
        <button className="rounded-md bg-red-800 px-3 py-1.5 text-sm text-white">{t("period.apply")}</button>
        <nav className="ml-auto flex flex-wrap gap-1 text-sm" aria-label={t("region.path")}>
          {crumbs.map((c, i) => (
            <span key={c}>
              {i > 0 && " › "}
              {c === code ? <strong>{d.region.name}</strong> : <Link href={link(c)} className="text-red-800 hover:underline">{c}</Link>}
            </span>
          ))}
        </nav>
      </form>
      <p className="text-sm text-gray-600">{t("figures.caption", { region: d.region.name, from, to })}</p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {card("issued", d.total.pointsIssued, "tb-issued")}
        {card("redeemed", d.total.pointsRedeemed, "tb-redeemed")}
        {card("outstanding", d.total.pointsOutstanding, "tb-outstanding")}
        {card("redemptions", d.total.redemptions, "tb-redemptions")}
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100 lg:col-span-2">
          <h2 className="font-medium text-gray-900">{t("children.title")}</h2>
          {d.children.length === 0 ? (
            <p className="mt-2 text-sm text-gray-500">{t("children.none")}</p>
          ) : (
            <div className="mt-2">
              <DataTable
                testId="tb-children"
                dense
                rows={d.children}
                rowKey={(c) => c.code}
                columns={[
                  { key: "name", header: t("children.region"), cell: (c) => (c.code.length < 12 ? <Link href={link(c.code)} className="text-red-800 hover:underline">{c.name}</Link> : c.name) },
                  { key: "issued", header: t("figures.issued"), align: "right", cell: (c) => formatCount(c.figures.pointsIssued) },
                  { key: "redeemed", header: t("figures.redeemed"), align: "right", cell: (c) => formatCount(c.figures.pointsRedeemed) },
                  { key: "outstanding", header: t("figures.outstanding"), align: "right", cell: (c) => formatCount(c.figures.pointsOutstanding) },
                  { key: "redemptions", header: t("figures.redemptions"), align: "right", cell: (c) => c.figures.redemptions },
                ]}
              />
            </div>
          )}
        </section>
        <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
          <h2 className="font-medium text-gray-900">{t("top.title")}</h2>
          {d.total.topRewards.length === 0 ? (
            <p className="mt-2 text-sm text-gray-500">{t("top.none")}</p>
          ) : (
            <ol className="mt-2 space-y-1 text-sm" data-testid="tb-top">
              {d.total.topRewards.map((r, i) => (
                <li key={r.rewardId} className="flex justify-between gap-2">
                  <span>
                    {i + 1}. {r.name}
                  </span>
                  <span className="tabular-nums text-gray-600">{t("top.count", { n: r.count, p: r.points })}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
        <h2 className="font-medium text-gray-900">{t("lookup.title")}</h2>
        <form method="get" className="mt-2 flex flex-wrap items-end gap-2">
          <input type="hidden" name="region" value={code} />
          <label className="text-sm">
            <span className="block text-gray-600">{t("lookup.label")}</span>
            <input name="q" defaultValue={term} className="mt-1 w-64 rounded border-gray-300 text-sm" data-testid="tb-lookup" />
          </label>
          <button className="rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-gray-300" data-testid="tb-lookup-submit">
            {t("lookup.find")}
          </button>
        </form>
        {term && found.length === 0 && <p className="mt-2 text-sm text-gray-500">{t("lookup.none")}</p>}
        <ul className="mt-2 divide-y divide-gray-100 text-sm">
          {found.map((v) => (
            <li key={v.id} className="py-1">
              <Link href={`/timebank/volunteers/${v.id}`} className="text-red-800 hover:underline" data-testid={`tb-vol-${v.id}`}>
                {v.name}
              </Link>{" "}
              · {v.volunteerNo} · {v.communityName}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
