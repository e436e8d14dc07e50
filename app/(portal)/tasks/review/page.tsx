import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Pager } from "@/components/ui/Pager";
import { ReviewQueue } from "@/components/tasks/ReviewQueue";
import { TaskHeader } from "@/components/tasks/TaskHeader";
import { requirePage } from "@/lib/auth/session";
import { one, type SearchParams, toQueryString } from "@/lib/search-params";
import { getReviewQueue, getTaskSummary } from "@/lib/tasks/queries";
import { isRegistrar } from "@/lib/tasks/rules";

/** 复查队列 — submitted tasks for 文明办 to close or return. */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor, db } = await requirePage("tasks");
  if (!isRegistrar(actor.role, actor.scopeCode)) notFound();
  const page = Math.max(1, Number(one((await searchParams).page)) || 1);
  const [q, summary] = await Promise.all([getReviewQueue(db, actor, { page }), getTaskSummary(db, actor)]);
  const t = await getTranslations("tasks");
  return (
    <div className="space-y-4" data-testid="review-page">
      <TaskHeader user={actor} summary={summary} active="review" />
      <p className="text-sm text-gray-600">{t("review.intro")}</p>
      <ReviewQueue items={q.items} user={actor} />
      {q.pageCount > 1 && (
        <Pager
          page={q.page}
          pages={q.pageCount}
          total={q.total}
          href={(p) => `/tasks/review${toQueryString({ page: p })}`}
          labels={{ prev: t("list.prev"), next: t("list.next"), summary: `${t("list.total", { n: q.total })} · ${t("list.page", { page: q.page, pages: q.pageCount })}` }}
        />
      )}
    </div>
  );
}
