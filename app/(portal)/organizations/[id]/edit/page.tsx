import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OrgForm } from "@/components/organizations/OrgForm";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { Card } from "@/components/ui/Card";
import { requirePage } from "@/lib/auth/session";
import { parseId } from "@/lib/http";
import { updateOrganizationAction } from "@/lib/organizations/actions";
import { ORG_TYPES } from "@/lib/organizations/rules";
import { ORG_LEVELS } from "@/lib/organizations/tree";
import { getOrganizationForEdit, listParentOptions } from "@/lib/organizations/tree-queries";

export const metadata = { title: "编辑组织" };

/** Edit an organization (name, type, level, parent, region): the version read here travels with the form (a stale one → the conflict message). */
export default async function EditOrganizationPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, db } = await requirePage("organizations");
  const id = parseId((await params).id);
  if (!id || (actor.role !== "wmb_staff" && actor.role !== "street_officer")) notFound();
  const o = await getOrganizationForEdit(db, actor, { id });
  if (!o) notFound();
  const t = await getTranslations("structure");
  const tv = await getTranslations("volunteers");
  const parents = (await listParentOptions(db, actor)).filter((p) => p.id !== o.id);
  // the current parent stays selectable even when it is not a 总队/分队 (or lies outside the actor's region)
  if (o.parent && !parents.some((p) => p.id === o.parent!.id)) parents.unshift(o.parent);
  return (
    <div className="space-y-4" data-testid="org-edit-page">
      <OrgHeader current="none" />
      <Card title={`${t("edit")} · ${o.name} · ${t("form.version", { v: o.version })}`} className="max-w-3xl">
        <OrgForm
          action={updateOrganizationAction}
          root={actor.scopeCode}
          parents={parents}
          types={ORG_TYPES.map((x) => ({ value: x, label: tv(`orgTypes.${x}`) }))}
          levels={ORG_LEVELS.map((x) => ({ value: x, label: t(`level.${x}`) }))}
          values={{ id: o.id, version: o.version, name: o.name, type: o.type, level: o.level, parentId: o.parentId, regionCode: o.regionCode === actor.scopeCode ? "" : o.regionCode, supervisorCode: o.supervisorCode }}
          labels={{ name: t("form.name"), type: t("form.type"), level: t("form.level"), parent: t("form.parent"), noParent: t("form.noParent"), region: t("form.region"), supervisor: t("form.supervisor"), submit: t("form.save") }}
        />
      </Card>
    </div>
  );
}
