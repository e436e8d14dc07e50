import { getLocale, getTranslations } from "next-intl/server";
import { formatCount, formatNumber, formatPercent } from "@/lib/format";
import type { CockpitParams } from "@/lib/metrics/params";
import { loadMetrics } from "./data";

function Kpi({ label, value, sub, testId, tone, raw }: { label: string; value: string; sub?: string; testId: string; tone?: "bad" | "good"; raw?: (number | null)[] }) {
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100" data-testid={testId}>
      <p className="text-sm text-gray-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular text-gray-900" data-testid={`${testId}-value`} data-raw={raw?.join(",")}>
        {value}
      </p>
      {sub && <p className={`mt-1 text-xs ${tone === "bad" ? "font-medium text-red-700" : "text-gray-500"}`}>{sub}</p>}
    </div>
  );
}

export async function Kpis({ code, params }: { code: string; params: CockpitParams }) {
  const p = params.period;
  const m = await loadMetrics(code, p.kind, p.from, p.to, params.sector);
  if (!m) return null;
  const t = await getTranslations("cockpit.kpi");
  const locale = await getLocale();
  const c = (n: number) => formatCount(n, locale);
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4" data-testid="kpis">
      <Kpi
        testId="kpi-registered"
        label={t("registered")}
        value={c(m.registeredVolunteers)}
        raw={[m.registeredVolunteers]}
        sub={m.target ? t("share", { share: formatPercent(m.registrationShare), target: formatPercent(m.target.registrationShare) }) : t("shareNoTarget", { share: formatPercent(m.registrationShare) })}
        tone={m.target && m.registrationShare !== null && m.registrationShare < m.target.registrationShare ? "bad" : undefined}
      />
      <Kpi testId="kpi-new" label={t("newVolunteers")} value={c(m.newVolunteers)} raw={[m.newVolunteers]} />
      <Kpi testId="kpi-hours" label={t("hours")} value={formatNumber(m.verifiedHours, 0, locale)} raw={[m.verifiedHours, m.verifiedHoursCampaign]} sub={t("hoursCampaign", { n: formatNumber(m.verifiedHoursCampaign, 0, locale) })} />
      <Kpi testId="kpi-active" label={t("active")} value={c(m.activeVolunteers)} raw={[m.activeVolunteers]} sub={t("activeHint")} />
      <Kpi testId="kpi-served" label={t("served")} value={c(m.peopleServed)} raw={[m.peopleServed]} sub={t("servedHint")} />
      <Kpi testId="kpi-orgs" label={t("orgs")} value={`${c(m.organizations)} / ${c(m.activeProjects)}`} raw={[m.organizations, m.activeProjects]} />
      <Kpi
        testId="kpi-demands"
        label={t("demands")}
        value={`${c(m.demands.received)} / ${c(m.demands.completed)}`}
        raw={[m.demands.received, m.demands.completed, m.avgRating]}
        sub={m.avgRating === null ? t("noRating") : t("satisfaction", { r: m.avgRating.toFixed(2) })}
      />
      <Kpi
        testId="kpi-tasks"
        label={t("tasks")}
        value={`${c(m.tasks.total)} / ${c(m.tasks.closed)}`}
        raw={[m.tasks.total, m.tasks.closed, m.tasks.overdue]}
        sub={`${t("closureRate")} ${formatPercent(m.closureRate)} · ${t("onTime", { r: formatPercent(m.onTimeClosureRate) })} · ${t("overdue", { n: m.tasks.overdue, e: m.tasks.escalated })}`}
        tone={m.tasks.overdue > 0 ? "bad" : undefined}
      />
      <Kpi testId="kpi-points" label={t("points")} value={`${c(m.pointsIssued)} / ${c(m.pointsRedeemed)}`} raw={[m.pointsIssued, m.pointsRedeemed]} />
    </div>
  );
}
