import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Pager } from "@/components/tasks/Pager";
import { ReviewQueue } from "@/components/tasks/ReviewQueue";
import { TaskHeader } from "@/components/tasks/TaskHeader";
import { requireArea } from "@/lib/auth/session";
import { getReviewQueue } from "@/lib/tasks/queries";
import { isRegistrar } from "@/lib/tasks/rules";

/** 复查队列 — submitted tasks for 文明办 to close or return. */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("tasks");
  if (!isRegistrar(user.role, user.scopeCode)) notFound();
  const sp = await searchParams;
  const page = Math.max(1, Number(Array.isArray(sp.page) ? sp.page[0] : sp.page) || 1);
  const q = await getReviewQueue({ user, page });
  const t = await getTranslations("tasks.review");
  return (
    <div className="space-y-4" data-testid="review-page">
      <TaskHeader user={user} active="review" />
      <p className="text-sm text-gray-600">{t("intro")}</p>
      <ReviewQueue items={q.items} user={user} />
      {q.pageCount > 1 && <Pager base="/tasks/review" filters={{}} page={q.page} pageCount={q.pageCount} total={q.total} />}
    </div>
  );
}
