import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CurrentUser } from "@/lib/auth/session";
import type { TaskSummary } from "@/lib/tasks/queries";
import { isRegistrar } from "@/lib/tasks/rules";

export type TaskTab = "list" | "board" | "review" | "new" | "import";

/** Title, the scope's open / overdue / 督办 / awaiting-review counts (links into the list), and the tabs. */
export async function TaskHeader({ user, summary: s, active }: { user: CurrentUser; summary: TaskSummary; active: TaskTab }) {
  const t = await getTranslations("tasks");
  const manager = isRegistrar(user.role, user.scopeCode);
  const tabs: { key: TaskTab; href: string }[] = [
    { key: "list", href: "/tasks" },
    { key: "board", href: "/tasks/board" },
    ...(manager
      ? ([
          { key: "review", href: "/tasks/review" },
          { key: "new", href: "/tasks/new" },
          { key: "import", href: "/tasks/import" },
        ] as const)
      : []),
  ];
  const chips: { key: string; n: number; href: string; tone: string }[] = [
    { key: "open", n: s.open, href: "/tasks", tone: "bg-white text-gray-900 ring-gray-200" },
    { key: "overdue", n: s.overdue, href: "/tasks?overdue=1", tone: s.overdue ? "bg-red-50 text-red-800 ring-red-200" : "bg-white text-gray-900 ring-gray-200" },
    { key: "escalated", n: s.escalated, href: "/tasks?overdue=escalated", tone: s.escalated ? "bg-red-900 text-white ring-red-900" : "bg-white text-gray-900 ring-gray-200" },
    { key: "submitted", n: s.submitted, href: manager ? "/tasks/review" : "/tasks?status=submitted", tone: "bg-white text-gray-900 ring-gray-200" },
  ];
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold text-gray-900">{t("title")}</h1>
          <p className="text-sm text-gray-600">{t("subtitle", { scope: user.scopeName, today: s.today })}</p>
        </div>
        <ul className="grid w-full grid-cols-4 gap-2 sm:w-auto" data-testid="task-summary">
          {chips.map((c) => (
            <li key={c.key}>
              <Link href={c.href} className={`block rounded-lg px-3 py-1.5 text-center ring-1 ${c.tone}`} data-testid={`summary-${c.key}`} data-raw={c.n}>
                <span className="block text-lg font-semibold tabular">{c.n}</span>
                <span className="block text-xs">{t(`summary.${c.key}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
      <nav aria-label={t("title")} className="-mx-1 flex gap-1 overflow-x-auto border-b border-gray-200 pb-px">
        {tabs.map((tab) => (
          <Link
            key={tab.key}
            href={tab.href}
            aria-current={tab.key === active ? "page" : undefined}
            className={`whitespace-nowrap rounded-t-md px-3 py-2 text-sm ${tab.key === active ? "border-b-2 border-red-700 font-semibold text-red-800" : "text-gray-600 hover:text-gray-900"}`}
            data-testid={`tab-${tab.key}`}
          >
            {t(`nav.${tab.key}`)}
          </Link>
        ))}
      </nav>
    </div>
  );
}
