import { getTranslations } from "next-intl/server";
import { OrgForm } from "@/components/organizations/OrgForm";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { Card } from "@/components/ui/Card";
import { Notice } from "@/components/ui/Notice";
import { requirePage } from "@/lib/auth/session";
import { parseId } from "@/lib/http";
import { createOrganizationAction } from "@/lib/organizations/actions";
import { ORG_TYPES } from "@/lib/organizations/rules";
import { ORG_LEVELS } from "@/lib/organizations/tree";
import { listParentOptions } from "@/lib/organizations/tree-queries";
import { one, type SearchParams } from "@/lib/search-params";

export const metadata = { title: "新建组织" };

/** 新建组织 (`?parent=` preselects the parent, e.g. a 小队 under a 分队 from the tree). */
export default async function NewOrganizationPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor, db } = await requirePage("organizations");
  const t = await getTranslations("structure");
  const tv = await getTranslations("volunteers");
  if (actor.role !== "wmb_staff" && actor.role !== "street_officer") {
    return (
      <div className="space-y-4">
        <OrgHeader current="tree" />
        <Notice tone="info" testId="read-only">
          {t("readOnly")}
        </Notice>
      </div>
    );
  }
  const parents = await listParentOptions(db, actor);
  const wanted = parseId(one((await searchParams).parent));
  const parent = parents.find((p) => p.id === wanted) ?? null;
  const level = parent?.level === "corps" ? "division" : parent ? "team" : "team";
  return (
    <div className="space-y-4" data-testid="org-new-page">
      <OrgHeader current="tree" />
      <Card title={t("new")} className="max-w-3xl">
        <OrgForm
          action={createOrganizationAction}
          root={actor.scopeCode}
          parents={parents}
          types={ORG_TYPES.map((x) => ({ value: x, label: tv(`orgTypes.${x}`) }))}
          levels={ORG_LEVELS.map((x) => ({ value: x, label: t(`level.${x}`) }))}
          values={{ name: "", type: "community", level, parentId: parent?.id ?? null, regionCode: "", supervisorCode: "" }}
          labels={{ name: t("form.name"), type: t("form.type"), level: t("form.level"), parent: t("form.parent"), noParent: t("form.noParent"), region: t("form.region"), supervisor: t("form.supervisor"), submit: t("form.create") }}
        />
      </Card>
    </div>
  );
}
