import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Board } from "@/components/dispatch/Board";
import { FiguresGrid } from "@/components/dispatch/Figures";
import { inScope } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { getCampaign } from "@/lib/campaign/queries";
import { ANALYTICS_ROLES } from "@/lib/dispatch/analytics";
import { getDispatchFigures } from "@/lib/dispatch/figures";
import { listDemands, overdueHours, ownTeamName, scopeChildren } from "@/lib/dispatch/queries";
import { today } from "@/lib/metrics/clock";
import { one, type SearchParams } from "@/lib/search-params";
import { pageTitle } from "@/lib/i18n/title";

export const dynamic = "force-dynamic";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (v: string | undefined) => (v && DAY.test(v) ? v : undefined);

export const generateMetadata = () => pageTitle(["dispatch.nav.board", "dispatch.title"]);

/**
 * 派单看板: the street (or 文明办) sees the needs of its region by state, refreshed live; a team
 * admin sees what was dispatched to the team and open needs nearby. Staff also get the
 * service-level figures of their region (or a child region) for a period.
 */
export default async function DispatchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor: user, db } = await requirePage("dispatch");
  const sp = await searchParams;
  const t = await getTranslations("dispatch");
  const items = await listDemands(db, user, {});
  const hours = await overdueHours(db);
  const isTeam = user.role === "org_admin";
  const canEnter = user.role === "street_officer" || user.role === "wmb_staff";

  let figures = null;
  let kids: { code: string; name: string }[] = [];
  let region = user.scopeCode;
  let from = "";
  let to = "";
  if (!isTeam) {
    const campaign = await getCampaign(db);
    to = day(one(sp.to)) ?? today();
    const askedFrom = day(one(sp.from));
    from = askedFrom && askedFrom <= to ? askedFrom : campaign.start;
    const askedRegion = one(sp.region);
    region = askedRegion && inScope(user.scopeCode, askedRegion) ? askedRegion : user.scopeCode;
    kids = await scopeChildren(db, user);
    figures = await getDispatchFigures(db, user, { regionCode: region, from, to });
  }
  const teamName = isTeam ? await ownTeamName(db, user) : null;

  return (
    <div className="space-y-4" data-testid="dispatch-page">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold text-gray-900">{t("title")}</h1>
          <p className="text-sm text-gray-600">{isTeam ? t("teamSubtitle", { team: teamName ?? "" }) : t("subtitle", { scope: user.scopeName })}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {(ANALYTICS_ROLES as readonly string[]).includes(user.role) && (
            <Link href="/dispatch/analytics" className="rounded-md border border-red-700 px-3 py-2 text-sm text-red-700" data-testid="dispatch-analytics-link">
              {t("nav.analytics")}
            </Link>
          )}
          {canEnter && (
          <Link href="/dispatch/new" className="rounded-md bg-red-700 px-3 py-2 text-sm text-white" data-testid="dispatch-new-link">
            {t("nav.new")}
          </Link>
          )}
        </div>
      </div>
      <Board initial={items} query="" />
      <p className="text-xs text-gray-600">{t("board.rules", { hours })}</p>
      {figures && (
        <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100" data-testid="dispatch-figures">
          <div className="mb-3 flex flex-wrap items-end justify-between gap-2">
            <h2 className="text-sm font-semibold text-gray-700">
              {t("figures.title")} · {t("figures.period", { from, to })}
            </h2>
            <form className="flex flex-wrap items-end gap-2 text-sm" method="get">
              <label>
                {t("figures.region")}
                <select name="region" defaultValue={region} className="ml-1 rounded-md border-gray-300 text-sm">
                  <option value={user.scopeCode}>{user.scopeName}</option>
                  {kids.map((k) => (
                    <option key={k.code} value={k.code}>
                      {k.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span className="sr-only">{t("figures.from")}</span>
                <input type="date" name="from" defaultValue={from} className="rounded-md border-gray-300 text-sm" />
              </label>
              <label>
                <span className="sr-only">{t("figures.to")}</span>
                <input type="date" name="to" defaultValue={to} className="rounded-md border-gray-300 text-sm" />
              </label>
              <button type="submit" className="rounded-md border px-3 py-1">
                {t("figures.apply")}
              </button>
            </form>
          </div>
          <FiguresGrid f={figures} />
        </section>
      )}
    </div>
  );
}
