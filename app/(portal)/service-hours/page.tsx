import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { fmtTime } from "@/lib/format";
import { DataTable } from "@/components/ui/DataTable";
import { Pager } from "@/components/ui/Pager";
import { one, toQueryString } from "@/lib/search-params";
import { ActivitiesNav } from "@/components/activities/SubNav";
import { listActivities } from "@/lib/activities/queries";
import { getHoursReviewQueue } from "@/lib/service-hours/queue";
import { canWrite } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { canReview } from "@/lib/service-hours/review";
import { pageTitle } from "@/lib/i18n/title";

export const generateMetadata = () => pageTitle(["activities.nav.list", "activities.nav.title"]);

/** 活动与工时 — activities in the user's scope, newest first, filterable by status and date. */
export default async function ServiceHoursPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor: user, db } = await requirePage("service-hours");
  const q = await searchParams;
  const t = await getTranslations("activities");
  const status = one(q.status);
  const from = one(q.from);
  const to = one(q.to);
  const page = Number(one(q.page)) || 1;
  const ok = (s?: string) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined);
  const list = await listActivities(db, user, { status: status && ["open", "closed", "completed", "cancelled"].includes(status) ? status : undefined, from: ok(from), to: ok(to), page });
  const pending = canReview(user.role) ? (await getHoursReviewQueue(db, user, { pageSize: 1 })).total : 0;
  return (
    <div className="space-y-4" data-testid="activities-page">
      <ActivitiesNav active="list" canCreate={canWrite(user.role)} canReview={canReview(user.role)} pending={pending} />
      <form className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100" method="get">
        <label className="text-sm">
          <span className="block text-gray-600">{t("filter.status")}</span>
          <select name="status" defaultValue={status ?? ""} className="mt-1 rounded border-gray-300 text-sm">
            <option value="">{t("filter.all")}</option>
            {(["open", "closed", "completed", "cancelled"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-gray-600">{t("filter.from")}</span>
          <input type="date" name="from" defaultValue={from ?? ""} className="mt-1 rounded border-gray-300 text-sm" />
        </label>
        <label className="text-sm">
          <span className="block text-gray-600">{t("filter.to")}</span>
          <input type="date" name="to" defaultValue={to ?? ""} className="mt-1 rounded border-gray-300 text-sm" />
        </label>
        <button className="rounded-md bg-red-800 px-3 py-1.5 text-sm text-white">{t("filter.apply")}</button>
        <span className="ml-auto text-sm text-gray-500">{t("filter.total", { n: list.total })}</span>
      </form>
      <DataTable
        testId="activities-table"
        rows={list.items}
        rowKey={(a) => a.id}
        rowTestId={(a) => `activity-row-${a.id}`}
        caption={t("filter.total", { n: list.total })}
        captionHidden
        empty={<span data-testid="activities-empty">{t("list.empty")}</span>}
        columns={[
          {
            key: "title",
            header: t("list.title"),
            nowrap: true,
            cell: (a) => (
              <>
                <Link href={`/service-hours/${a.id}`} className="font-medium text-red-800 hover:underline">
                  {a.title}
                </Link>
                <span className="ml-2 text-xs text-gray-500">{t(`sector.${a.sector}`)}</span>
              </>
            ),
          },
          { key: "place", header: t("list.place"), nowrap: true, cell: (a) => `${a.streetName} · ${a.regionName}` },
          { key: "time", header: t("list.time"), nowrap: true, cell: (a) => fmtTime(a.startsAt) },
          { key: "organizationName", header: t("list.organization"), nowrap: true },
          { key: "enrolled", header: t("list.enrolled"), align: "right", cell: (a) => `${a.enrolled}/${a.capacity}` },
          { key: "status", header: t("list.status"), cell: (a) => <span className="rounded bg-gray-100 px-2 py-0.5 text-xs">{t(`status.${a.status}`)}</span> },
        ]}
      />
      {list.pageCount > 1 && (
        <Pager page={list.page} pages={list.pageCount} total={list.total} href={(n) => `/service-hours${toQueryString({ status, from, to, page: n })}`} labels={{ prev: t("list.prev"), next: t("list.next"), nav: t("list.pages") }} />
      )}
    </div>
  );
}
