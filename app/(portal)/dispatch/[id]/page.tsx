import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Actions } from "@/components/dispatch/Actions";
import { DataTable } from "@/components/ui/DataTable";
import { requirePage } from "@/lib/auth/session";
import { parseId } from "@/lib/http";
import { getDemandDetail, getSuggestions } from "@/lib/dispatch/queries";
import { formatCst, isDispatcherOf } from "@/lib/dispatch/rules";
import { today } from "@/lib/metrics/clock";

export const dynamic = "force-dynamic";

/** One need: its facts, history, volunteers (with their points), and the moves this user may make. */
export default async function DemandPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, db } = await requirePage("dispatch");
  const id = parseId((await params).id);
  const d = id ? await getDemandDetail(db, actor, { id }) : null;
  if (!d) notFound();
  const t = await getTranslations("dispatch");
  const suggestions = d.moves.includes("dispatch") ? ((await getSuggestions(db, actor, { id: d.id })) ?? []) : [];
  const mayEnterHours = ["completed", "rated", "rewarded"].includes(d.state) && (isDispatcherOf(actor, d.communityCode) || (actor.role === "org_admin" && actor.organizationId === d.teamId));
  const row = (label: string, value: React.ReactNode, testId?: string) => (
    <div className="flex gap-2 py-1 text-sm">
      <dt className="w-28 shrink-0 text-gray-500">{label}</dt>
      <dd className="text-gray-900" data-testid={testId}>
        {value ?? t("detail.none")}
      </dd>
    </div>
  );
  return (
    <div className="space-y-4" data-testid="demand-page" data-state={d.state} data-version={d.version}>
      <Link href="/dispatch" className="text-sm text-red-700 underline">
        {t("detail.back")}
      </Link>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-semibold text-gray-900">
          {t(`categories.${d.category}`)} · {d.reference}
        </h1>
        <span className="rounded bg-red-700 px-2 py-0.5 text-sm text-white" data-testid="demand-state">
          {t(`states.${d.state}`)}
        </span>
        {d.overdue && <span className="rounded bg-red-100 px-2 py-0.5 text-sm text-red-800">{t("board.overdue")}</span>}
        <span className="text-xs text-gray-400">{t("detail.version", { v: d.version })}</span>
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <section className="rounded-lg bg-white p-4 shadow-sm">
          <p className="mb-3 whitespace-pre-wrap text-gray-900">{d.description}</p>
          <dl>
            {row(t("detail.community"), d.communityName)}
            {row(t("detail.address"), d.address)}
            {row(t("detail.contact"), `${d.contactName} · ****${d.contactLast4}`)}
            {row(t("detail.preferred"), d.preferredTime ? formatCst(new Date(d.preferredTime)) : null)}
            {row(t("detail.source"), t(`detail.sources.${d.source === "phone" ? "phone" : d.source === "staff" ? "staff" : "public"}`))}
            {row(t("detail.posted"), formatCst(new Date(d.postedAt)))}
            {row(t("detail.team"), d.teamName, "demand-team")}
            {d.completionNote && row(t("detail.note"), d.completionNote)}
            {d.rating != null && row(t("detail.rating"), `${t("detail.stars", { n: d.rating })}${d.ratingComment ? ` · ${d.ratingComment}` : ""}`, "demand-rating")}
            {d.cancelReason && row(t("detail.cancelReason"), d.cancelReason)}
          </dl>
          {d.assignees.length > 0 && (
            <div className="mt-3">
              <h2 className="text-sm font-semibold text-gray-700">{t("detail.assignees")}</h2>
              <div className="mt-1">
                <DataTable
                  testId="assignees"
                  dense
                  caption={t("detail.assignees")}
                  captionHidden
                  rows={d.assignees}
                  rowKey={(a) => a.id}
                  rowTestId={() => "assignee-row"}
                  columns={[
                    { key: "name", header: t("detail.contact"), cell: (a) => <span data-volunteer={a.id}>{a.name} <span className="text-xs text-gray-500">{a.volunteerNo}</span></span> },
                    { key: "balance", header: t("detail.balance"), align: "right", cell: (a) => <span data-testid="assignee-balance">{a.balance}</span> },
                  ]}
                />
              </div>
            </div>
          )}
        </section>
        <Actions
          id={d.id}
          version={d.version}
          moves={d.moves}
          suggestions={suggestions.map(({ teamId, name, distanceKm, load, reason }) => ({ teamId, name, distanceKm, load, reason }))}
          members={d.members}
          hoursFor={mayEnterHours ? d.assignees.map((a) => ({ id: a.id, name: a.name })) : []}
          today={today()}
        />
      </div>
      <section className="rounded-lg bg-white p-4 shadow-sm">
        <h2 className="mb-2 text-sm font-semibold text-gray-700">{t("detail.history")}</h2>
        <ol className="space-y-1 border-l-2 border-red-200 pl-3 text-sm" data-testid="demand-history">
          {d.events.map((e) => (
            <li key={e.id} data-to={e.to}>
              <span className="tabular text-gray-500">{formatCst(new Date(e.at))}</span> {e.from && e.from !== e.to ? `${t(`states.${e.from}`)} → ` : ""}
              <span className="font-medium">{t(`states.${e.to}`)}</span>
              {e.teamName ? ` · ${e.teamName}` : ""} · {e.actor ?? t("detail.system")}
              {e.note ? <span className="text-gray-600"> — {e.note}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
