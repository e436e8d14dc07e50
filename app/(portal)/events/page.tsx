import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { DataTable } from "@/components/ui/DataTable";
import { EmptyState, Notice } from "@/components/ui/Notice";
import { requirePage } from "@/lib/auth/session";
import { isRegionCode } from "@/lib/auth/rules";
import { listEvents } from "@/lib/events/service";
import { one, type SearchParams } from "@/lib/search-params";

export const metadata = { title: "活动（事件）" };

/** Events that group activities, held in the actor's region, each with its totals (Σ its activities). */
export default async function EventsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor, db } = await requirePage("organizations");
  const t = await getTranslations("structure.events");
  const raw = one((await searchParams).region) ?? "";
  const region = raw && isRegionCode(raw) ? raw : undefined;
  const items = await listEvents(db, actor, { region });
  const canWrite = ["wmb_staff", "street_officer", "org_admin"].includes(actor.role);
  return (
    <div className="space-y-4" data-testid="events-page">
      <OrgHeader current="events" />
      {raw && !region && <Notice testId="filter-error">{`region：不是有效的区划代码 ${raw}`}</Notice>}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-gray-700" data-testid="events-count">
          {t("count", { n: items.length })}
        </p>
        {canWrite && (
          <Link href="/events/new" className="rounded-md border border-red-700 px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50" data-testid="event-new-link">
            + {t("new")}
          </Link>
        )}
      </div>
      {items.length === 0 ? (
        <EmptyState title={t("empty")} testId="events-empty" />
      ) : (
        <DataTable
          testId="events-table"
          caption={t("caption")}
          captionHidden
          rows={items}
          rowKey={(e) => e.id}
          rowTestId={() => "event-row"}
          columns={[
            {
              key: "name",
              header: t("name"),
              cell: (e) => (
                <Link href={`/events/${e.id}`} className="font-medium text-red-700 hover:underline" data-testid="event-link">
                  {e.name}
                </Link>
              ),
            },
            { key: "held", header: t("heldOn"), nowrap: true, className: "tabular", cell: (e) => e.heldOn },
            { key: "org", header: t("organizer"), className: "text-gray-700", cell: (e) => e.organizer.name },
            { key: "acts", header: t("activities"), align: "right", cell: (e) => e.totals.activities },
            { key: "vols", header: t("volunteers"), align: "right", cell: (e) => e.totals.volunteers },
            { key: "served", header: t("peopleServed"), align: "right", cell: (e) => e.totals.peopleServed },
            { key: "solved", header: t("problemsSolved"), align: "right", cell: (e) => e.totals.problemsSolved },
          ]}
        />
      )}
    </div>
  );
}
