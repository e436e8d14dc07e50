import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Board } from "@/components/dispatch/Board";
import { FiguresGrid } from "@/components/dispatch/Figures";
import { getDb } from "@/db/client";
import { inScope } from "@/lib/auth/rules";
import { requireArea } from "@/lib/auth/session";
import { getCampaign } from "@/lib/campaign/queries";
import { getDispatchFigures } from "@/lib/dispatch/figures";
import { listDemands, overdueHours, scopeChildren, teamNames } from "@/lib/dispatch/queries";
import { today } from "@/lib/metrics/clock";

export const dynamic = "force-dynamic";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 派单看板: the street (or 文明办) sees the needs of its region by state, refreshed live; a team
 * admin sees what was dispatched to the team and open needs nearby. Staff also get the
 * service-level figures of their region (or a child region) for a period.
 */
export default async function DispatchPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireArea("dispatch");
  const sp = await searchParams;
  const t = await getTranslations("dispatch");
  const db = await getDb();
  const staff = { id: user.id, username: user.username, role: user.role, scopeCode: user.scopeCode, organizationId: user.organizationId };
  const items = await listDemands(db, staff, {});
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
    to = sp.to && DAY.test(sp.to) ? sp.to : today();
    from = sp.from && DAY.test(sp.from) && sp.from <= to ? sp.from : campaign.start;
    region = sp.region && inScope(user.scopeCode, sp.region) ? sp.region : user.scopeCode;
    kids = await scopeChildren(db, user.scopeCode);
    figures = await getDispatchFigures(db, region, from, to);
  }
  const teamName = isTeam && user.organizationId ? (await teamNames(db, [user.organizationId])).get(user.organizationId) : null;

  return (
    <div className="space-y-4" data-testid="dispatch-page">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold text-gray-900">{t("title")}</h1>
          <p className="text-sm text-gray-600">{isTeam ? t("teamSubtitle", { team: teamName ?? "" }) : t("subtitle", { scope: user.scopeName })}</p>
        </div>
        {canEnter && (
          <Link href="/dispatch/new" className="rounded-md bg-red-700 px-3 py-2 text-sm text-white" data-testid="dispatch-new-link">
            {t("nav.new")}
          </Link>
        )}
      </div>
      <Board initial={items} query="" />
      <p className="text-xs text-gray-500">{t("board.rules", { hours })}</p>
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
                <span className="sr-only">from</span>
                <input type="date" name="from" defaultValue={from} className="rounded-md border-gray-300 text-sm" aria-label="from" />
              </label>
              <label>
                <span className="sr-only">to</span>
                <input type="date" name="to" defaultValue={to} className="rounded-md border-gray-300 text-sm" aria-label="to" />
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
