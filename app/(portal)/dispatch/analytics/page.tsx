import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AnalyticsBarChart } from "@/components/dispatch/AnalyticsChart";
import { Card } from "@/components/ui/Card";
import { Notice } from "@/components/ui/Notice";
import { inScope } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { getCampaign } from "@/lib/campaign/queries";
import { ANALYTICS_ROLES, getDemandAnalytics, isDay, regionTrail } from "@/lib/dispatch/analytics";
import { DEMAND_CATEGORIES, REQUESTER_TYPES } from "@/lib/dispatch/categories";
import { fmtTime, formatNumber } from "@/lib/format";
import { pageTitle } from "@/lib/i18n/title";
import { today } from "@/lib/metrics/clock";
import { one, type SearchParams } from "@/lib/search-params";

export const dynamic = "force-dynamic";

export const generateMetadata = () => pageTitle(["dispatch.nav.analytics", "dispatch.title"]);

const th = "whitespace-nowrap px-2 py-1 text-left font-medium text-gray-600";
const td = "whitespace-nowrap px-2 py-1 tabular-nums";

/**
 * 智慧大脑: where needs come from and which are not met, for officials and 文明办. The region drills
 * down city → district → street → community through `?region=` (same page, same period); every total
 * is the one the cockpit and the dispatch figures show (lib/dispatch/analytics.ts).
 */
export default async function DemandAnalyticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor: user, db } = await requirePage("dispatch");
  if (!(ANALYTICS_ROLES as readonly string[]).includes(user.role)) notFound();
  const sp = await searchParams;
  const t = await getTranslations("dispatch");
  const askedRegion = one(sp.region);
  if (askedRegion && !inScope(user.scopeCode, askedRegion)) notFound();
  const region = askedRegion ?? user.scopeCode;
  const campaign = await getCampaign(db);
  const rawFrom = one(sp.from);
  const rawTo = one(sp.to);
  const badDates = (rawFrom !== undefined && rawFrom !== "" && !isDay(rawFrom)) || (rawTo !== undefined && rawTo !== "" && !isDay(rawTo)) || (!!rawFrom && !!rawTo && isDay(rawFrom) && isDay(rawTo) && rawFrom > rawTo);
  const to = !badDates && rawTo ? rawTo : today();
  const from = !badDates && rawFrom ? rawFrom : campaign.start <= to ? campaign.start : to;
  let a;
  try {
    a = await getDemandAnalytics(db, user, { regionCode: region, from, to });
  } catch (e) {
    if ((e as { code?: string }).code === "not_found") notFound();
    throw e;
  }
  const trail = await regionTrail(db, user, region);
  const period = (code: string) => `?region=${code}&from=${from}&to=${to}`;
  const cat = (c: string) => t(`categories.${c}`);
  const chartRows = a.children.length
    ? a.children.map((c) => ({ name: c.name, ...Object.fromEntries(DEMAND_CATEGORIES.map((k) => [cat(k), c.byCategory[k]])) }))
    : a.byMonth.map((m) => ({ name: m.month, ...Object.fromEntries(DEMAND_CATEGORIES.map((k) => [cat(k), m.byCategory[k]])) }));

  return (
    <div className="space-y-4" data-testid="analytics-page">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold text-gray-900">{t("analytics.title")}</h1>
          <p className="text-sm text-gray-600">{t("analytics.subtitle", { region: a.region.name, from, to })}</p>
        </div>
        <Link href="/dispatch" className="text-sm text-red-700 underline">
          {t("analytics.back")}
        </Link>
      </div>
      <nav aria-label={t("analytics.region")} className="flex flex-wrap items-center gap-1 text-sm" data-testid="analytics-trail">
        {trail.map((r, i) => (
          <span key={r.code} className="flex items-center gap-1">
            {i > 0 && <span aria-hidden>›</span>}
            {r.code === region ? <span className="font-semibold">{r.name}</span> : <Link href={period(r.code)} className="text-red-700 underline">{r.name}</Link>}
          </span>
        ))}
      </nav>
      <form method="get" className="flex flex-wrap items-end gap-2 text-sm">
        <input type="hidden" name="region" value={region} />
        <label>
          {t("analytics.from")}
          <input type="date" name="from" defaultValue={from} className="ml-1 rounded-md border-gray-300 text-sm" />
        </label>
        <label>
          {t("analytics.to")}
          <input type="date" name="to" defaultValue={to} className="ml-1 rounded-md border-gray-300 text-sm" />
        </label>
        <button className="rounded-md bg-red-700 px-3 py-1.5 text-white">{t("analytics.apply")}</button>
      </form>
      {badDates && <Notice tone="warning">{t("analytics.badDates")}</Notice>}

      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Card testId="analytics-received">
          <p className="text-xs text-gray-600">{t("analytics.received")}</p>
          <p className="text-2xl font-semibold tabular-nums" data-value={a.received}>{formatNumber(a.received)}</p>
        </Card>
        <Card testId="analytics-unmet">
          <p className="text-xs text-gray-600">{t("analytics.unmet")}</p>
          <p className={`text-2xl font-semibold tabular-nums ${a.unmet > 0 ? "text-red-700" : ""}`} data-value={a.unmet}>{formatNumber(a.unmet)}</p>
          <p className="text-xs text-gray-600">{t("analytics.unmetHint", a.unmetByReason)}</p>
        </Card>
        <Card testId="analytics-requesters" className="col-span-2" title={t("analytics.byRequester")}>
          <dl className="grid grid-cols-3 gap-2">
            {REQUESTER_TYPES.map((r) => (
              <div key={r} className="rounded-md bg-gray-50 p-2" data-testid={`analytics-requester-${r}`} data-value={a.byRequesterType[r]}>
                <dt className="text-xs text-gray-600">{t(`requesterTypes.${r}`)}</dt>
                <dd className="text-lg font-semibold tabular-nums">{formatNumber(a.byRequesterType[r])}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>

      {a.received === 0 ? (
        <Notice tone="info">{t("analytics.none")}</Notice>
      ) : (
        <Card title={a.children.length ? t("analytics.chart") : t("analytics.chartMonths")}>
          <AnalyticsBarChart data={chartRows} categories={DEMAND_CATEGORIES.map(cat)} />
        </Card>
      )}

      {a.children.length > 0 && (
        <Card title={t("analytics.children")} testId="analytics-children">
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <thead>
                <tr className="border-b">
                  <th className={th}>{t("analytics.region")}</th>
                  <th className={th}>{t("analytics.received")}</th>
                  {DEMAND_CATEGORIES.map((c) => (
                    <th key={c} className={th}>{cat(c)}</th>
                  ))}
                  {REQUESTER_TYPES.map((r) => (
                    <th key={r} className={th}>{t(`requesterTypes.${r}`)}</th>
                  ))}
                  <th className={th}>{t("analytics.unmet")}</th>
                </tr>
              </thead>
              <tbody>
                {a.children.map((c) => (
                  <tr key={c.code} className="border-b last:border-0" data-testid={`analytics-child-${c.code}`} data-received={c.received}>
                    <td className="whitespace-nowrap px-2 py-1">
                      <Link href={period(c.code)} className="text-red-700 underline" data-testid="analytics-drill">
                        {c.name}
                      </Link>
                    </td>
                    <td className={`${td} font-semibold`}>{formatNumber(c.received)}</td>
                    {DEMAND_CATEGORIES.map((k) => (
                      <td key={k} className={td}>{formatNumber(c.byCategory[k])}</td>
                    ))}
                    {REQUESTER_TYPES.map((r) => (
                      <td key={r} className={td}>{formatNumber(c.byRequesterType[r])}</td>
                    ))}
                    <td className={`${td} ${c.unmet > 0 ? "text-red-700" : ""}`}>{formatNumber(c.unmet)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}

      <Card title={t("analytics.byMonth")} testId="analytics-months">
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead>
              <tr className="border-b">
                <th className={th}>{t("analytics.month")}</th>
                {DEMAND_CATEGORIES.map((c) => (
                  <th key={c} className={th}>{cat(c)}</th>
                ))}
                <th className={th}>{t("analytics.total")}</th>
              </tr>
            </thead>
            <tbody>
              {a.byMonth.map((m) => (
                <tr key={m.month} className="border-b">
                  <td className="whitespace-nowrap px-2 py-1">{m.month}</td>
                  {DEMAND_CATEGORIES.map((k) => (
                    <td key={k} className={td}>{formatNumber(m.byCategory[k])}</td>
                  ))}
                  <td className={`${td} font-semibold`}>{formatNumber(m.received)}</td>
                </tr>
              ))}
              <tr className="font-semibold" data-testid="analytics-category-totals">
                <td className="whitespace-nowrap px-2 py-1">{t("analytics.total")}</td>
                {DEMAND_CATEGORIES.map((k) => (
                  <td key={k} className={td} data-testid={`analytics-category-${k}`} data-value={a.byCategory[k]}>
                    {formatNumber(a.byCategory[k])}
                  </td>
                ))}
                <td className={td}>{formatNumber(a.received)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </Card>

      <Card title={t("analytics.unmetList")} testId="analytics-unmet-list">
        {a.unmetList.length === 0 ? (
          <p className="text-sm text-gray-600">{t("analytics.noUnmet")}</p>
        ) : (
          <ul className="divide-y text-sm">
            {a.unmetList.map((u) => (
              <li key={u.id} className="flex flex-wrap items-baseline justify-between gap-2 py-1.5">
                <span>
                  <Link href={`/dispatch/${u.id}`} className="font-mono text-red-700 underline">
                    {u.reference}
                  </Link>{" "}
                  · {cat(u.category)} · {u.communityName}
                </span>
                <span className="text-xs text-gray-600">
                  {fmtTime(new Date(u.postedAt))} · {u.reasons.map((r) => t(`analytics.reason.${r}`)).join("、")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <p className="text-xs text-gray-600">
        {t("analytics.rules", { hours: a.overdueHours })} {t("analytics.asOf", { time: fmtTime(new Date(a.asOf)) })}
      </p>
    </div>
  );
}
