import { useTranslations } from "next-intl";
import type { TaskStatus, Urgency } from "@/lib/tasks/rules";

const STATUS_STYLE: Record<TaskStatus, string> = {
  reported: "bg-gray-100 text-gray-800 ring-gray-300",
  assigned: "bg-sky-50 text-sky-800 ring-sky-200",
  in_progress: "bg-amber-50 text-amber-900 ring-amber-200",
  submitted: "bg-violet-50 text-violet-800 ring-violet-200",
  returned: "bg-orange-50 text-orange-900 ring-orange-300",
  closed: "bg-emerald-50 text-emerald-800 ring-emerald-200",
};

/** The status as a labelled chip (text, not only colour). */
export function StatusBadge({ status, testId }: { status: TaskStatus; testId?: string }) {
  const t = useTranslations("tasks.status");
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[status]}`} data-testid={testId} data-status={status}>
      {t(status)}
    </span>
  );
}

/** 超期 N 天 / 督办 in red, or the days left before the deadline (amber when two days or fewer). */
export function UrgencyBadge({ u, testId }: { u: Urgency; testId?: string }) {
  const t = useTranslations("tasks.urgency");
  if (u.overdue) {
    return (
      <span className="inline-flex flex-wrap items-center gap-1" data-testid={testId} data-overdue={u.daysOverdue} data-escalated={u.escalated ? "1" : "0"}>
        <span className="whitespace-nowrap rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">{t("overdue", { n: u.daysOverdue })}</span>
        {u.escalated && <span className="whitespace-nowrap rounded bg-red-950 px-1.5 py-0.5 text-xs font-semibold text-white ring-1 ring-red-400">⚑ {t("escalated")}</span>}
      </span>
    );
  }
  if (u.daysLeft === null) return null;
  const soon = u.daysLeft <= 2;
  return (
    <span
      className={`whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${soon ? "bg-amber-100 text-amber-900" : "bg-gray-100 text-gray-700"}`}
      data-testid={testId}
      data-days-left={u.daysLeft}
    >
      {u.daysLeft === 0 ? t("dueToday") : t("daysLeft", { n: u.daysLeft })}
    </span>
  );
}
