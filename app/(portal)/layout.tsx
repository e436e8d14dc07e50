import { getLocale, getTranslations } from "next-intl/server";
import { Header } from "@/components/shell/Header";
import { Sidebar } from "@/components/shell/Sidebar";
import { NAV } from "@/components/shell/nav";
import { requireUser } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/rules";
import { getDataProfile } from "@/lib/deployment";

// Every portal page reads the database per request: never prerender at build time.
export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const t = await getTranslations();
  const locale = await getLocale();
  const profile = await getDataProfile();
  const items = NAV.filter((n) => canOpen(user.role, n.area)).map((n) => ({ href: n.href, icon: n.icon, label: t(`nav.${n.area}`) }));
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
          {children}
        </main>
      </div>
    </div>
  );
}
