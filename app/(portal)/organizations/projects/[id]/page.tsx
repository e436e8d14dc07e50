import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/Card";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { ProjectForm } from "@/components/organizations/ProjectForm";
import { Notice } from "@/components/ui/Notice";
import { canWrite } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { parseId } from "@/lib/http";
import { getProject, listPartners, type PartnerItem, type ProjectItem, projectOrgOptions } from "@/lib/projects/queries";

export const metadata = { title: "项目" };

/** A project: its facts, and the edit form for those who may edit it (org admins: their own only). */
export default async function ProjectPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor: user, db } = await requirePage("organizations");
  const id = parseId((await params).id);
  const p = id ? await getProject(db, user, { id }) : null;
  if (!p) notFound();
  const saved = (await searchParams).saved === "1";
  const t = await getTranslations("volunteers");
  const tc = await getTranslations("cockpit.sectors");
  const editable = canWrite(user.role) && (user.role !== "org_admin" || p.organizationId === user.organizationId) && p.regionCode.startsWith(user.scopeCode);
  const dt = "text-gray-600";
  return (
    <div className="space-y-4" data-testid="project-page">
      <OrgHeader current="projects" />
      <Link href="/organizations/projects" className="text-sm text-red-700 hover:underline">
        ← {t("projects.back")}
      </Link>
      {saved && (
        <Notice tone="ok" testId="project-saved">
          {t("projects.saved")}
        </Notice>
      )}
      <Card title={p.name} testId="project-facts">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
          <dt className={dt}>{t("projects.sector")}</dt>
          <dd data-testid="project-sector-value">{tc(p.sector)}</dd>
          <dt className={dt}>{t("projects.status")}</dt>
          <dd data-testid="project-status-value">{t(`projectStatus.${p.status}`)}</dd>
          <dt className={dt}>{t("projects.region")}</dt>
          <dd>{p.regionPath}</dd>
          <dt className={dt}>{t("projects.organization")}</dt>
          <dd>
            <Link href={`/organizations/${p.organizationId}`} className="text-red-700 hover:underline">
              {p.organization}
            </Link>
          </dd>
          <dt className={dt}>{t("projects.partner")}</dt>
          <dd>{p.partner ?? "—"}</dd>
          <dt className={dt}>{t("projects.period")}</dt>
          <dd className="tabular">
            {p.startDate} — {p.endDate ?? t("projects.ongoing")}
          </dd>
        </dl>
        {p.description && <p className="mt-3 text-sm text-gray-700">{p.description}</p>}
      </Card>
      {editable ? (
        <Card title={t("projects.edit")} className="max-w-3xl">
          <EditForm root={user.scopeCode} p={p} orgs={await projectOrgOptions(db, user)} partners={await listPartners(db, user)} />
        </Card>
      ) : (
        canWrite(user.role) && (
          <Notice tone="info" testId="project-not-editable">
            {t("projects.notEditable")}
          </Notice>
        )
      )}
    </div>
  );
}

function EditForm({ root, p, orgs, partners }: { root: string; p: ProjectItem; orgs: { id: number; name: string }[]; partners: PartnerItem[] }) {
  if (!orgs.some((o) => o.id === p.organizationId)) orgs.unshift({ id: p.organizationId, name: p.organization });
  return (
    <ProjectForm
      id={p.id}
      fingerprint={p.fingerprint}
      root={root}
      orgs={orgs}
      partners={partners.map((x) => ({ id: x.id, name: x.name }))}
      initial={{
        name: p.name,
        sector: p.sector,
        regionCode: p.regionCode,
        organizationId: p.organizationId,
        partnerId: p.partnerId ?? "",
        startDate: p.startDate,
        endDate: p.endDate ?? "",
        status: p.status,
        description: p.description ?? "",
      }}
    />
  );
}
