import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function ActivitiesNav({ active, canCreate, canReview, pending }: { active: "list" | "new" | "review"; canCreate: boolean; canReview: boolean; pending?: number }) {
  const t = await getTranslations("activities.nav");
  const tab = (href: string, key: "list" | "new" | "review", label: string) => (
    <Link
      href={href}
      className={`rounded-md px-3 py-1.5 text-sm ${active === key ? "bg-red-800 text-white" : "bg-white text-gray-700 ring-1 ring-gray-200 hover:bg-gray-50"}`}
      aria-current={active === key ? "page" : undefined}
      data-testid={`nav-${key}`}
    >
      {label}
    </Link>
  );
  return (
    <div className="flex flex-wrap items-center gap-2">
      <h1 className="mr-4 text-xl font-semibold text-gray-900">{t("title")}</h1>
      {tab("/service-hours", "list", t("list"))}
      {canCreate && tab("/service-hours/new", "new", t("new"))}
      {canReview && tab("/service-hours/review", "review", pending ? t("reviewN", { n: pending }) : t("review"))}
    </div>
  );
}
