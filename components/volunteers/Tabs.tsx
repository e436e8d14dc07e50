import { getTranslations } from "next-intl/server";
import { canWrite } from "@/lib/auth/rules";
import type { CurrentUser } from "@/lib/auth/session";
import { SubNav } from "./SubNav";

/** The volunteer area's header: title and tabs (register/import only for roles that may write). */
export async function VolunteerHeader({ user, current }: { user: CurrentUser; current: "search" | "new" | "import" | "detail" }) {
  const t = await getTranslations("volunteers");
  const items = [{ key: "search", href: "/volunteers", label: t("tabs.search") }];
  if (canWrite(user.role)) {
    items.push({ key: "new", href: "/volunteers/new", label: t("tabs.new") }, { key: "import", href: "/volunteers/import", label: t("tabs.import") });
  }
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold text-gray-900" data-testid="page-title">
            {t("title")}
          </h1>
          <p className="text-sm text-gray-600">{t("subtitle")}</p>
        </div>
        <a href="/join" target="_blank" rel="noopener" className="text-sm text-red-700 underline" data-testid="join-link">
          {t("tabs.join")} ↗
        </a>
      </div>
      <SubNav items={items} current={current} testId="volunteer-tabs" />
    </div>
  );
}
