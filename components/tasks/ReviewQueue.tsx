import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Role } from "@/lib/auth/rules";
import type { ReviewItem } from "@/lib/tasks/queries";
import { availableMoves } from "@/lib/tasks/rules";
import { formatCst } from "@/lib/tasks/scope";
import { StatusBadge, UrgencyBadge } from "./Badges";
import { PhotoCompare } from "./PhotoCompare";
import { TaskActions } from "./TaskActions";

/** 复查队列: each submitted task with before/after side by side and the close / return form. */
export async function ReviewQueue({ items, user }: { items: ReviewItem[]; user: { role: Role; scopeCode: string } }) {
  const t = await getTranslations("tasks");
  if (items.length === 0) {
    return (
      <p className="rounded-lg bg-white p-8 text-center text-gray-600 shadow-sm ring-1 ring-gray-100" data-testid="review-empty">
        {t("review.empty")}
      </p>
    );
  }
  return (
    <ul className="space-y-4" data-testid="review-queue">
      {items.map((task) => (
        <li key={task.id} className="grid gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100 lg:grid-cols-2" data-testid={`review-item-${task.id}`}>
          <div className="space-y-2">
            <div className="flex flex-wrap items-center gap-1.5">
              <StatusBadge status={task.status} />
              <UrgencyBadge u={task.urgency} />
              <span className="text-xs text-gray-500">{t(`type.${task.type}`)}</span>
              <span className="ml-auto text-xs text-gray-600">#{task.id}</span>
            </div>
            <Link href={`/tasks/${task.id}`} className="block text-base font-medium text-gray-900 hover:text-red-800">
              {task.pointName}
            </Link>
            <p className="text-xs text-gray-500">
              {t("list.place", { street: task.streetName, community: task.communityName })} · {t("list.deadline", { date: task.deadline })}
            </p>
            {task.submittedAt && <p className="text-xs text-gray-500">{t("review.submittedBy", { name: task.submittedBy ?? "—", at: formatCst(task.submittedAt) })}</p>}
            {task.submitNote && <p className="rounded bg-gray-50 px-2 py-1 text-sm text-gray-800">{t("review.note", { note: task.submitNote })}</p>}
            <PhotoCompare taskId={task.id} before={task.beforePhotoIds} after={task.afterPhotoIds} testId={`review-photos-${task.id}`} />
          </div>
          <TaskActions task={{ id: task.id, version: task.version, status: task.status }} moves={availableMoves(task, user.role, user.scopeCode)} pendingAfter={[]} />
        </li>
      ))}
    </ul>
  );
}
