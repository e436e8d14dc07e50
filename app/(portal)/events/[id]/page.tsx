import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { ActionForm } from "@/components/ui/ActionForm";
import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { Notice } from "@/components/ui/Notice";
import { requirePage } from "@/lib/auth/session";
import { addEventActivitiesAction } from "@/lib/events/actions";
import { getEvent, listAttachableActivities } from "@/lib/events/service";
import { parseId } from "@/lib/http";
import { one, type SearchParams } from "@/lib/search-params";

export const metadata = { title: "活动详情" };

/** One event: its totals (= Σ its activities, shown with the list they sum), and a form to add activities of its district. */
export default async function EventPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { actor, db } = await requirePage("organizations");
  const id = parseId((await params).id);
  const e = id ? await getEvent(db, actor, { id }) : null;
  if (!e) notFound();
  const t = await getTranslations("structure.events");
  const saved = one((await searchParams).saved) === "1";
  const canWrite = ["wmb_staff", "street_officer", "org_admin"].includes(actor.role);
  const candidates = canWrite ? await listAttachableActivities(db, actor, { regionCode: e.regionCode }) : [];
  const kpi = (key: keyof typeof e.totals, label: string) => (
    <div className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100" data-testid={`event-total-${key}`} data-value={e.totals[key]}>
      <p className="text-xs text-gray-600">{label}</p>
      <p className="text-2xl font-semibold tabular-nums text-gray-900">{e.totals[key]}</p>
    </div>
  );
  return (
    <div className="space-y-4" data-testid="event-page">
      <OrgHeader current="events" />
      <Link href="/events" className="text-sm text-red-700 hover:underline">
        ← {t("back")}
      </Link>
      {saved && <Notice tone="ok" testId="event-saved">{t("saved")}</Notice>}
      <div>
        <h2 className="text-xl font-semibold text-gray-900" data-testid="event-name">
          {e.name}
        </h2>
        <p className="text-sm text-gray-600">
          {e.heldOn} · {e.organizer.name}
          {e.venue ? ` · ${e.venue}` : ""}
        </p>
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {kpi("activities", t("activities"))}
        {kpi("volunteers", t("volunteers"))}
        {kpi("peopleServed", t("peopleServed"))}
        {kpi("problemsSolved", t("problemsSolved"))}
      </div>
      <Card title={t("activityList", { n: e.activities.length })} testId="event-activities">
        {e.activities.length === 0 ? (
          <p className="text-sm text-gray-500">{t("noActivities")}</p>
        ) : (
          <DataTable
            dense
            caption={t("totalsCaption")}
            captionHidden
            rows={e.activities}
            rowKey={(a) => a.id}
            rowTestId={() => "event-activity-row"}
            columns={[
              { key: "name", header: t("activity"), cell: (a) => a.name },
              { key: "starts", header: t("startsAt"), nowrap: true, className: "tabular", cell: (a) => a.startsAt },
              { key: "vols", header: t("volunteers"), align: "right", cell: (a) => a.volunteers },
              { key: "served", header: t("peopleServed"), align: "right", cell: (a) => a.peopleServed },
              { key: "solved", header: t("problemsSolved"), align: "right", cell: (a) => a.problemsSolved },
            ]}
          />
        )}
      </Card>
      {canWrite && candidates.length > 0 && (
        <Card title={t("addActivities")} testId="event-add">
          <ActionForm action={addEventActivitiesAction} className="space-y-3" testId="event-add-form">
            <input type="hidden" name="id" value={e.id} />
            <fieldset className="max-h-72 space-y-1 overflow-y-auto text-sm">
              <legend className="sr-only">{t("addActivities")}</legend>
              {candidates.map((a) => (
                <label key={a.id} className="flex items-start gap-2">
                  <input type="checkbox" name="add" value={a.id} className="mt-0.5 rounded border-gray-300 text-red-700" data-testid="event-add-check" />
                  <span>
                    {a.title} <span className="text-xs text-gray-500">{a.startsAt}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <button type="submit" className="rounded-md bg-red-700 px-3 py-2 text-sm font-medium text-white hover:bg-red-800" data-testid="event-add-submit">
              {t("addSubmit")}
            </button>
          </ActionForm>
        </Card>
      )}
    </div>
  );
}
