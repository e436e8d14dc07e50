import { getLocale, getTranslations } from "next-intl/server";
import { Header } from "@/components/shell/Header";
import { IntlScope } from "@/components/shell/IntlScope";
import { type NavBadge, Sidebar } from "@/components/shell/Sidebar";
import { NAV } from "@/components/shell/nav";
import { requirePage, requireUser } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/rules";
import { getDataProfile } from "@/lib/deployment";
import { getTaskBadges } from "@/lib/tasks/badges";

// Every portal page reads the database per request: never prerender at build time.
export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const t = await getTranslations();
  const locale = await getLocale();
  const profile = await getDataProfile();
  const tasks = canOpen(user.role, "tasks") ? await requirePage("tasks").then(({ actor, db }) => getTaskBadges(db, actor)) : null;
  const badges: Partial<Record<string, NavBadge[]>> = {
    tasks: tasks
      ? [
          ...(tasks.overdue > 0 ? [{ text: t("nav.badgeOverdue", { n: tasks.overdue }), href: "/tasks?overdue=1", tone: "alert" as const, testId: "nav-badge-overdue" }] : []),
          ...(tasks.review ? [{ text: t("nav.badgeReview", { n: tasks.review }), href: "/tasks/review", tone: "info" as const, testId: "nav-badge-review" }] : []),
        ]
      : [],
  };
  const items = NAV.filter((n) => canOpen(user.role, n.area)).map((n) => ({ href: n.href, icon: n.icon, label: t(`nav.${n.area}`), badges: badges[n.area] }));
  return (
    <div className="min-h-screen md:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      <Sidebar items={items} title={t("app.name")} menuLabel={t("nav.menu")} />
      <div className="min-w-0 flex-1">
        <Header
          displayName={user.displayName}
          scopeLabel={`${user.scopeName} · ${t(`roles.${user.role}`)}`}
          locale={locale}
          labels={{ logout: t("header.logout"), language: t("header.language") }}
          demoLabel={profile ? t("header.demoData") : undefined}
          demoHint={profile ? t("header.demoHint") : undefined}
        />
        <main id="main" className="p-4 md:p-6">
          <IntlScope part="portal">{children}</IntlScope>
        </main>
      </div>
    </div>
  );
}
