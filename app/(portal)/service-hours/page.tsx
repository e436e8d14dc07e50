import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { fmtTime } from "@/lib/format";
import { one } from "@/lib/search-params";
import { ActivitiesNav } from "@/components/activities/SubNav";
import { getReviewQueue, listActivities } from "@/lib/activities/queries";
import { canWrite } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { canReview } from "@/lib/service-hours/review";

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
  const pending = canReview(user.role) ? (await getReviewQueue(db, user)).total : 0;
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
      {list.items.length === 0 ? (
        <p className="rounded-lg bg-white p-8 text-center text-gray-600 shadow-sm ring-1 ring-gray-100" data-testid="activities-empty">
          {t("list.empty")}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-100">
          <table className="min-w-full whitespace-nowrap text-sm" data-testid="activities-table">
            <thead className="bg-gray-50 text-left text-gray-600">
              <tr>
                <th className="px-3 py-2">{t("list.title")}</th>
                <th className="px-3 py-2">{t("list.place")}</th>
                <th className="px-3 py-2">{t("list.time")}</th>
                <th className="px-3 py-2">{t("list.organization")}</th>
                <th className="px-3 py-2 text-right">{t("list.enrolled")}</th>
                <th className="px-3 py-2">{t("list.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((a) => (
                <tr key={a.id} className="border-t border-gray-100" data-testid={`activity-row-${a.id}`}>
                  <td className="px-3 py-2">
                    <Link href={`/service-hours/${a.id}`} className="font-medium text-red-800 hover:underline">
                      {a.title}
                    </Link>
                    <span className="ml-2 text-xs text-gray-500">{t(`sector.${a.sector}`)}</span>
                  </td>
                  <td className="px-3 py-2 text-gray-700">
                    {a.streetName} · {a.regionName}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap text-gray-700">{fmtTime(a.startsAt)}</td>
                  <td className="px-3 py-2 text-gray-700">{a.organizationName}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {a.enrolled}/{a.capacity}
                  </td>
                  <td className="px-3 py-2">
                    <span className="rounded bg-gray-100 px-2 py-0.5 text-xs">{t(`status.${a.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.pageCount > 1 && (
        <nav className="flex justify-center gap-3 text-sm" aria-label={t("list.pages")}>
          {list.page > 1 && <Link href={`/service-hours?${new URLSearchParams({ ...(status ? { status } : {}), page: String(list.page - 1) })}`}>{t("list.prev")}</Link>}
          <span>
            {list.page} / {list.pageCount}
          </span>
          {list.page < list.pageCount && <Link href={`/service-hours?${new URLSearchParams({ ...(status ? { status } : {}), page: String(list.page + 1) })}`}>{t("list.next")}</Link>}
        </nav>
      )}
    </div>
  );
}
