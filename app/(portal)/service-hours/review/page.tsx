import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionNotice } from "@/components/ui/Notice";
import { fmtTime } from "@/lib/format";
import { one } from "@/lib/search-params";
import { ActivitiesNav } from "@/components/activities/SubNav";
import { reviewAction } from "@/lib/activities/actions";
import { getReviewQueue } from "@/lib/activities/queries";
import { canWrite } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { canReview } from "@/lib/service-hours/review";
import { ActionForm } from "@/components/ui/ActionForm";
import { DataTable } from "@/components/ui/DataTable";

/** 工时审核 — pending records of organizations supervised under the reviewer's scope; one by one or in bulk. */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor: user, db } = await requirePage("service-hours");
  if (!canReview(user.role)) notFound();
  const q = await searchParams;
  const t = await getTranslations("activities");
  const queue = await getReviewQueue(db, user, { page: Number(one(q.page)) || 1 });
  const okKey = one(q.ok);
  return (
    <div className="space-y-4" data-testid="review-page">
      <ActivitiesNav active="review" canCreate={canWrite(user.role)} canReview pending={queue.total} />
      <ActionNotice ok={okKey} okText={okKey ? t(okKey === "rejected" ? "ok.rejected" : "ok.verified", { n: one(q.n) ?? "0" }) : undefined} />
      <p className="text-sm text-gray-600">{t("review.intro")}</p>
      {queue.items.length === 0 ? (
        <p className="rounded-lg bg-white p-8 text-center text-gray-600 shadow-sm ring-1 ring-gray-100" data-testid="review-empty">
          {t("review.empty")}
        </p>
      ) : (
        <ActionForm action={reviewAction} className="space-y-3" testId="review-form">
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
                cell: (r) => (
                  <>
                    {r.activityId ? (
                      <Link href={`/service-hours/${r.activityId}`} className="text-red-800 hover:underline">
                        {r.activityTitle}
                      </Link>
                    ) : (
                      t("review.demand", { id: r.demandId ?? "" })
                    )}
                    <span className="block text-xs text-gray-500">
                      {r.organizationName ?? "—"} · {t("review.entered", { at: fmtTime(r.enteredAt) })}
                    </span>
                  </>
                ),
              },
              { key: "serviceDate", header: t("review.date"), nowrap: true },
              { key: "hours", header: t("review.hours"), align: "right" },
              {
                key: "one",
                header: t("review.one"),
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
            <span className="ml-auto text-sm text-gray-500">{t("review.total", { n: queue.total })}</span>
          </div>
        </ActionForm>
      )}
    </div>
  );
}
