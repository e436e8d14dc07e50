import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/Card";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { ProjectForm } from "@/components/organizations/ProjectForm";
import { Notice } from "@/components/ui/Notice";
import { canWrite } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { today } from "@/lib/metrics/clock";
import { listPartners, projectOrgOptions } from "@/lib/projects/queries";

export const metadata = { title: "新建项目" };

export default async function NewProjectPage() {
  const { actor: user, db } = await requirePage("organizations");
  const t = await getTranslations("volunteers.projects");
  if (!canWrite(user.role)) {
    return (
      <div className="space-y-4">
        <OrgHeader current="projects" />
        <Notice tone="info" testId="read-only">
          {t("readOnly")}
        </Notice>
      </div>
    );
  }
  const orgs = await projectOrgOptions(db, user);
  const partners = await listPartners(db, user);
  return (
    <div className="space-y-4" data-testid="project-new-page">
      <OrgHeader current="projects" />
      <Card title={t("new")} className="max-w-3xl">
        <ProjectForm
          root={user.scopeCode}
          orgs={orgs}
          partners={partners.map((p) => ({ id: p.id, name: p.name }))}
          initial={{ name: "", sector: "", regionCode: "", organizationId: orgs.length === 1 ? orgs[0]!.id : "", partnerId: "", startDate: today(), endDate: "", status: "active", description: "" }}
        />
      </Card>
    </div>
  );
}
