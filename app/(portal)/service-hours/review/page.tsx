import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionNotice } from "@/components/ui/Notice";
import { fmtTime } from "@/lib/format";
import { one, toQueryString } from "@/lib/search-params";
import { ActivitiesNav } from "@/components/activities/SubNav";
import { SelectAll } from "@/components/service-hours/SelectAll";
import { reviewAction } from "@/lib/activities/actions";
import { canWrite } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { pageTitle } from "@/lib/i18n/title";
import { getHoursQueueChoices, getHoursReviewQueue, parseQueueFilter } from "@/lib/service-hours/queue";
import { canReview } from "@/lib/service-hours/review";
import { ActionForm } from "@/components/ui/ActionForm";
import { DataTable } from "@/components/ui/DataTable";
import { FIELD_CLASS, FilterSelect } from "@/components/ui/FilterSelect";
import { Pager } from "@/components/ui/Pager";

export const generateMetadata = () => pageTitle(["activities.nav.review", "activities.nav.title"]);

/**
 * 工时审核 — pending records of organizations supervised under the reviewer's scope, 50 a page,
 * filtered by activity, organization and service date (all in the URL); one by one, or the ticked
 * rows in bulk ("全选本页" ticks the page). After a decision the same filters are shown again.
 */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor: user, db } = await requirePage("service-hours");
  if (!canReview(user.role)) notFound();
  const q = await searchParams;
  const t = await getTranslations("activities");
  const f = parseQueueFilter({ page: one(q.page), activity: one(q.activity), org: one(q.org), from: one(q.from), to: one(q.to) });
  const [queue, all, choices] = await Promise.all([getHoursReviewQueue(db, user, f), getHoursReviewQueue(db, user, { pageSize: 1 }), getHoursQueueChoices(db, user)]);
  const filters = { activity: f.activityId, org: f.organizationId, from: f.from, to: f.to };
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const okKey = one(q.ok);
  return (
    <div className="space-y-4" data-testid="review-page">
      <ActivitiesNav active="review" canCreate={canWrite(user.role)} canReview pending={all.total} />
      <ActionNotice ok={okKey} okText={okKey ? t(okKey === "rejected" ? "ok.rejected" : "ok.verified", { n: one(q.n) ?? "0" }) : undefined} />
      <p className="text-sm text-gray-600">{t("review.intro")}</p>
      <form method="get" className="grid gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" data-testid="review-filters">
        <FilterSelect label={t("review.filterActivity")} name="activity" value={f.activityId} allLabel={t("filter.all")} options={choices.activities} testId="filter-activity" />
        <FilterSelect label={t("review.filterOrganization")} name="org" value={f.organizationId} allLabel={t("filter.all")} options={choices.organizations} testId="filter-org" />
        <label className="text-sm text-gray-700">
          {t("review.filterFrom")}
          <input type="date" name="from" defaultValue={f.from ?? ""} className={FIELD_CLASS} data-testid="filter-from" />
        </label>
        <label className="text-sm text-gray-700">
          {t("review.filterTo")}
          <input type="date" name="to" defaultValue={f.to ?? ""} className={FIELD_CLASS} data-testid="filter-to" />
        </label>
        <span className="flex items-center gap-3">
          <button className="rounded-md bg-red-800 px-3 py-2 text-sm text-white" data-testid="filter-apply">
            {t("filter.apply")}
          </button>
          {filtered && (
            <Link href="/service-hours/review" className="text-sm text-red-800 hover:underline" data-testid="filter-clear">
              {t("review.filterClear")}
            </Link>
          )}
        </span>
      </form>
      <p className="text-sm font-medium text-gray-800" data-testid="review-count" data-total={queue.total}>
        {filtered ? t("review.countFiltered", { n: queue.total, all: all.total }) : t("review.count", { n: queue.total })}
      </p>
      {queue.items.length === 0 ? (
        <p className="rounded-lg bg-white p-8 text-center text-gray-600 shadow-sm ring-1 ring-gray-100" data-testid="review-empty">
          {filtered ? t("review.emptyFiltered") : t("review.empty")}
        </p>
      ) : (
        <ActionForm action={reviewAction} className="space-y-3" testId="review-form">
          <input type="hidden" name="keep" value={toQueryString({ ...filters, page: queue.page })} />
          <div className="rounded-lg bg-white px-3 py-2 shadow-sm ring-1 ring-gray-100">
            <SelectAll name="recordId" label={t("review.selectAll", { n: queue.items.length })} countText={t("review.picked")} />
          </div>
          <DataTable
            rows={queue.items}
            rowKey={(r) => r.id}
            rowTestId={(r) => `review-row-${r.id}`}
            caption={t("review.total", { n: queue.total })}
            captionHidden
            columns={[
              {
                key: "pick",
                header: t("review.pick"),
                cell: (r) => (
                  <>
                    <input type="checkbox" name="recordId" value={r.id} aria-label={t("review.pickOne", { name: r.volunteerName })} data-testid={`review-pick-${r.id}`} />
                    <input type="hidden" name={`version-${r.id}`} value={r.version} />
                  </>
                ),
              },
              {
                key: "volunteer",
                header: t("review.volunteer"),
                nowrap: true,
                cell: (r) => (
                  <>
                    {r.volunteerName}
                    <span className="block text-xs text-gray-500">{r.volunteerNo}</span>
                  </>
                ),
              },
              {
                key: "source",
                header: t("review.source"),
                // on a phone the table scrolls inside its box instead of squeezing every column
                className: "min-w-[14rem]",
                cell: (r) => (
                  <>
                    {r.activityId ? (
                      <Link href={`/service-hours/${r.activityId}`} className="text-red-800 hover:underline">
                        {r.activityTitle}
                      </Link>
                    ) : r.demandId ? (
                      t("review.demand", { id: r.demandId })
                    ) : (
                      "—"
                    )}
                    <span className="block text-xs text-gray-500">
                      {r.organizationName ?? "—"} · {t("review.entered", { at: fmtTime(r.enteredAt) })}
                    </span>
                    {r.noCheckInReason && (
                      <span className="mt-1 block rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-900" data-testid={`nocheckin-${r.id}`}>
                        {t("review.noCheckIn", { reason: r.noCheckInReason })}
                      </span>
                    )}
                  </>
                ),
              },
              { key: "serviceDate", header: t("review.date"), nowrap: true },
              { key: "hours", header: t("review.hours"), align: "right" },
              {
                key: "one",
                header: t("review.one"),
                className: "min-w-[15rem]",
                cell: (r) => (
                  <div className="flex flex-wrap items-center gap-1">
                    <button name="one" value={`v-${r.id}`} className="rounded bg-green-700 px-2 py-0.5 text-xs text-white" data-testid={`verify-${r.id}`}>
                      {t("review.verify")}
                    </button>
                    <input name={`reason-${r.id}`} placeholder={t("review.reason")} aria-label={t("review.reasonFor", { name: r.volunteerName })} className="w-32 rounded border-gray-300 text-xs" data-testid={`reason-${r.id}`} />
                    <button name="one" value={`r-${r.id}`} className="rounded bg-white px-2 py-0.5 text-xs text-red-800 ring-1 ring-red-200" data-testid={`reject-${r.id}`}>
                      {t("review.reject")}
                    </button>
                  </div>
                ),
              },
            ]}
          />
          <div className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-100">
            <button name="to" value="verified" className="rounded-md bg-green-700 px-3 py-1.5 text-sm text-white" data-testid="bulk-verify">
              {t("review.bulkVerify")}
            </button>
            <label className="text-sm">
              <span className="block text-gray-600">{t("review.bulkReason")}</span>
              <input name="reason" className="mt-1 w-64 rounded border-gray-300 text-sm" data-testid="bulk-reason" />
            </label>
            <button name="to" value="rejected" className="rounded-md bg-white px-3 py-1.5 text-sm text-red-800 ring-1 ring-red-200" data-testid="bulk-reject">
              {t("review.bulkReject")}
            </button>
          </div>
        </ActionForm>
      )}
      {queue.pageCount > 1 && (
        <Pager
          page={queue.page}
          pages={queue.pageCount}
          total={queue.total}
          href={(n) => `/service-hours/review${toQueryString({ ...filters, page: n })}`}
          labels={{ prev: t("list.prev"), next: t("list.next"), nav: t("list.pages") }}
          testId="review-pager"
        />
      )}
    </div>
  );
}
