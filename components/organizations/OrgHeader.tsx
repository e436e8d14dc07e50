import { getTranslations } from "next-intl/server";
import { SubNav } from "@/components/volunteers/SubNav";

/** The organizations area's title and tabs: organizations, structure, projects, partners, coverage. */
export async function OrgHeader({ current }: { current: "orgs" | "tree" | "events" | "funds" | "projects" | "partners" | "coverage" | "none" }) {
  const t = await getTranslations("volunteers.orgs");
  const ts = await getTranslations("structure");
  const items = [
    { key: "orgs", href: "/organizations", label: t("tabs.orgs") },
    { key: "tree", href: "/organizations/tree", label: ts("tab") },
    { key: "events", href: "/events", label: ts("events.tab") },
    { key: "funds", href: "/funds", label: ts("funds.tab") },
    { key: "projects", href: "/organizations/projects", label: t("tabs.projects") },
    { key: "partners", href: "/organizations/partners", label: t("tabs.partners") },
    { key: "coverage", href: "/organizations/coverage", label: t("tabs.coverage") },
  ];
  return (
    <div className="space-y-3">
      <div>
        <h1 className="text-2xl font-semibold text-gray-900" data-testid="page-title">
          {t("title")}
        </h1>
        <p className="text-sm text-gray-600">{t("subtitle")}</p>
      </div>
      <SubNav items={items} current={current} testId="org-tabs" />
    </div>
  );
}
