import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/Card";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { DataTable } from "@/components/ui/DataTable";
import { Stars } from "@/components/volunteers/Stars";
import { requirePage } from "@/lib/auth/session";
import { parseId } from "@/lib/http";
import { formatNumber } from "@/lib/format";
import { getOrganization } from "@/lib/organizations/queries";
import { MemberControls } from "@/components/organizations/MemberControls";
import { Notice } from "@/components/ui/Notice";
import { today } from "@/lib/metrics/clock";
import { MEMBER_ROLES } from "@/lib/organizations/tree";
import { getOrganizationTree, listMoveTargets } from "@/lib/organizations/tree-queries";
import { one, type SearchParams } from "@/lib/search-params";

export const metadata = { title: "组织详情" };

/** An organization: where it is (region + address, no map), members in scope, projects, activities, verified hours. */
export default async function OrganizationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { actor, db } = await requirePage("organizations");
  const id = parseId((await params).id);
  const o = id ? await getOrganization(db, actor, { id }) : null;
  if (!o) notFound();
  const t = await getTranslations("volunteers");
  const tc = await getTranslations("cockpit.sectors");
  const locale = await getLocale();
  const ts = await getTranslations("structure");
  const saved = one((await searchParams).saved) === "1";
  const tree = await getOrganizationTree(db, actor, { id: o.id, month: today().slice(0, 7) });
  const staff = actor.role === "wmb_staff" || actor.role === "street_officer";
  const writable = staff && o.regionCode.startsWith(actor.scopeCode);
  const targets = writable ? await listMoveTargets(db, actor, { organizationId: o.id, regionCode: o.regionCode }) : [];
  const roleOptions = MEMBER_ROLES.map((r) => ({ value: r, label: ts(`role.${r}`) }));
  const dt = "text-gray-600";
  return (
    <div className="space-y-4" data-testid="org-page">
      <OrgHeader current="none" />
      <Link href="/organizations" className="text-sm text-red-700 hover:underline">
        ← {t("orgs.back")}
      </Link>
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-xl font-semibold text-gray-900" data-testid="org-name">
          {o.name}
        </h2>
        <span className="rounded bg-gray-100 px-2 py-0.5 text-xs text-gray-700">{t(`orgTypes.${o.type}`)}</span>
        <span className="rounded bg-gray-100 px-2 py-0.5 text-xs text-gray-700" data-testid="org-level">
          {ts(`level.${o.level}`)}
        </span>
      </div>
      {saved && <Notice tone="ok" testId="org-saved">{ts("form.saved")}</Notice>}
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Link href={`/organizations/tree?region=${o.regionCode.slice(0, 6)}`} className="text-red-700 hover:underline" data-testid="org-tree-link">
          {ts("viewTree")}
        </Link>
        {writable && (
          <Link href={`/organizations/${o.id}/edit`} className="text-red-700 hover:underline" data-testid="org-edit-link">
            {ts("edit")}
          </Link>
        )}
        {writable && o.level !== "team" && (
          <Link href={`/organizations/new?parent=${o.id}`} className="text-red-700 hover:underline" data-testid="org-add-child">
            + {ts("addChild")}
          </Link>
        )}
      </div>
      {tree && (
        <p className="text-sm text-gray-700" data-testid="org-rollup" data-members={tree.totals.members} data-hours={tree.totals.verifiedHours}>
          {ts("totalsLine", { members: formatNumber(tree.totals.members, 0, locale), hours: formatNumber(tree.totals.verifiedHours, 1, locale), activities: tree.totals.activities, projects: tree.totals.activeProjects })}
        </p>
      )}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card title={t("orgs.location")} className="lg:col-span-2" testId="org-profile">
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
            <dt className={dt}>{t("orgs.region")}</dt>
            <dd data-testid="org-region">{o.regionPath}</dd>
            <dt className={dt}>{t("orgs.address")}</dt>
            <dd>{o.address ?? "—"}</dd>
            <dt className={dt}>{t("orgs.supervisor")}</dt>
            <dd>{o.supervisor}</dd>
            {o.parent && (
              <>
                <dt className={dt}>{t("orgs.parent")}</dt>
                <dd>
                  <Link href={`/organizations/${o.parent.id}`} className="text-red-700 hover:underline">
                    {o.parent.name}
                  </Link>
                </dd>
              </>
            )}
            <dt className={dt}>{t("orgs.contact")}</dt>
            <dd>
              {o.contactName ?? "—"} {o.contactPhone}
            </dd>
            <dt className={dt}>{t("orgs.founded")}</dt>
            <dd className="tabular">{o.foundedOn ?? "—"}</dd>
            <dt className={dt}>{t("orgs.sectors")}</dt>
            <dd>{o.sectors.map((s) => tc(s as "elderly")).join("、") || "—"}</dd>
          </dl>
        </Card>
        <Card title={t("orgs.hours")} testId="org-hours">
          <p className="text-3xl font-semibold tabular" data-testid="org-verified-hours">
            {formatNumber(o.verifiedHours, 1, locale)}
          </p>
          <p className="mt-1 text-sm text-gray-600">{t("orgs.verified", { n: formatNumber(o.verifiedRecords, 0, locale), h: formatNumber(o.verifiedHours, 1, locale) })}</p>
          <dl className="mt-3 grid grid-cols-2 gap-2 text-sm">
            <dt className={dt}>{t("orgs.members")}</dt>
            <dd className="tabular">{formatNumber(o.members, 0, locale)}</dd>
            <dt className={dt}>{t("orgs.projects")}</dt>
            <dd className="tabular">{o.activeProjects}</dd>
          </dl>
        </Card>
      </div>
      <Card title={t("orgs.membersTitle", { visible: o.membersVisible, total: o.members })} testId="org-members">
        {o.membersVisible < o.members && <p className="mb-2 text-xs text-gray-600">{t("orgs.membersScoped", { visible: o.membersVisible, total: o.members })}</p>}
        {o.memberList.length === 0 ? (
          <p className="text-sm text-gray-500">{t("orgs.noMembers")}</p>
        ) : (
          <DataTable
            dense
            rows={o.memberList}
            rowKey={(m) => m.id}
            columns={[
              { key: "no", header: t("table.no"), className: "font-mono text-xs text-gray-600", cell: (m) => m.volunteerNo },
              {
                key: "name",
                header: t("table.name"),
                cell: (m) => (
                  <Link href={`/volunteers/${m.id}`} className="text-red-700 hover:underline">
                    {m.name}
                  </Link>
                ),
              },
              { key: "phone", header: t("table.phone"), className: "font-mono text-xs", cell: (m) => m.phone },
              { key: "role", header: t("detail.role"), nowrap: true, cell: (m) => <span data-testid="member-role">{ts(`role.${(MEMBER_ROLES as readonly string[]).includes(m.role) ? (m.role as "member") : "member"}`)}</span> },
              { key: "joined", header: t("detail.joinedOn"), className: "tabular", cell: (m) => m.joinedOn },
              { key: "star", header: t("table.star"), cell: (m) => <Stars n={m.starLevel} label={t("filters.starN", { n: m.starLevel })} /> },
              { key: "hours", header: t("table.hours"), align: "right", cell: (m) => formatNumber(m.verifiedHours, 1, locale) },
              ...(writable
                ? [
                    {
                      key: "manage",
                      header: ts("memberRole"),
                      cell: (m: (typeof o.memberList)[number]) => (
                        <MemberControls
                          organizationId={o.id}
                          volunteerId={m.id}
                          role={m.role}
                          roles={roleOptions}
                          targets={targets}
                          labels={{ role: ts("memberRole"), moveTo: ts("moveTo"), submit: ts("setRole"), stay: "—" }}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      <Card title={t("orgs.projectsTitle")} testId="org-projects">
        {o.projects.length === 0 ? (
          <p className="text-sm text-gray-500">{t("orgs.noProjects")}</p>
        ) : (
          <ul className="divide-y divide-gray-100 text-sm">
            {o.projects.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <Link href={`/organizations/projects/${p.id}`} className="font-medium text-red-700 hover:underline">
                    {p.name}
                  </Link>
                  <span className="ml-2 text-xs text-gray-600">
                    {tc(p.sector as "elderly")} · {p.regionPath}
                    {p.partner ? ` · ${t("projects.partner")}：${p.partner}` : ""}
                  </span>
                </span>
                <span className="text-xs text-gray-600">
                  {t(`projectStatus.${p.status as "active"}`)} · {p.startDate} — {p.endDate ?? t("projects.ongoing")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("orgs.activitiesTitle", { n: o.activityCount })} testId="org-activities">
        {o.activities.length === 0 ? (
          <p className="text-sm text-gray-500">{t("orgs.noActivities")}</p>
        ) : (
          <DataTable
            dense
            rows={o.activities}
            rowKey={(a) => a.id}
            columns={[
              { key: "title", header: t("orgs.activity"), cell: (a) => a.title },
              { key: "starts", header: t("orgs.startsAt"), nowrap: true, className: "tabular", cell: (a) => a.startsAt },
              { key: "place", header: t("orgs.place"), className: "text-gray-700", cell: (a) => a.regionPath },
              { key: "sector", header: t("detail.sector"), nowrap: true, cell: (a) => tc(a.sector as "elderly") },
              { key: "status", header: t("projects.status"), nowrap: true, cell: (a) => t(`activityStatus.${a.status as "open"}`) },
              { key: "enrolled", header: t("orgs.enrolled"), align: "right", cell: (a) => `${a.enrolled} / ${a.capacity}` },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
