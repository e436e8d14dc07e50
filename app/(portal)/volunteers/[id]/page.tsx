import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { EmptyState } from "@/components/ui/Notice";
import { RevealButton } from "@/components/volunteers/RevealButton";
import { Stars } from "@/components/volunteers/Stars";
import { VolunteerHeader } from "@/components/volunteers/Tabs";
import { hasPermission, requirePage } from "@/lib/auth/session";
import { parseId } from "@/lib/http";
import { formatNumber } from "@/lib/format";
import { getVolunteer } from "@/lib/volunteers/queries";
import { STAR_THRESHOLDS } from "@/lib/volunteers/rules";

export const metadata = { title: "志愿者详情" };

/**
 * One volunteer: profile (masked numbers; age rather than birth date, which together with the
 * masked ID's visible digits would spell out the whole number), organizations, star level and hours
 * to the next star, verified service history and points. Outside the scope → 404.
 */
export default async function VolunteerPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor: user, db } = await requirePage("volunteers");
  const id = parseId((await params).id);
  const v = id ? await getVolunteer(db, user, { id }) : null;
  if (!v) notFound();
  const t = await getTranslations("volunteers");
  const tc = await getTranslations("cockpit.sectors");
  const locale = await getLocale();
  const canReveal = hasPermission(user, "pii_reveal");
  const prev = v.starLevel === 0 ? 0 : STAR_THRESHOLDS[v.starLevel - 1]!;
  const next = v.nextStar ? STAR_THRESHOLDS[v.nextStar - 1]! : null;
  const pct = next ? Math.min(100, Math.round(((v.verifiedHours - prev) / (next - prev)) * 100)) : 100;
  const dt = "text-gray-600";
  return (
    <div className="space-y-4" data-testid="volunteer-page">
      <VolunteerHeader user={user} current="detail" />
      <Link href="/volunteers" className="text-sm text-red-700 hover:underline">
        ← {t("detail.back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold text-gray-900" data-testid="volunteer-name">
          {v.name}
        </h2>
        <span className="font-mono text-sm text-gray-600">{v.volunteerNo}</span>
        <Stars n={v.starLevel} label={v.starLevel ? t("detail.starValue", { n: v.starLevel }) : t("detail.noStar")} />
        <span className={`rounded px-2 py-0.5 text-xs ${v.active ? "bg-green-50 text-green-800" : "bg-gray-100 text-gray-600"}`}>{v.active ? t("detail.activeNow") : t("detail.inactiveNow")}</span>
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card title={t("detail.profile")} className="lg:col-span-2" testId="volunteer-profile">
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
            <dt className={dt}>{t("table.gender")}</dt>
            <dd>{t(`gender.${v.gender}`)}</dd>
            <dt className={dt}>{t("detail.age")}</dt>
            <dd>{t("detail.ageValue", { n: v.age })}</dd>
            <dt className={dt}>{t("table.idCard")}</dt>
            <dd className="font-mono" data-testid="detail-masked-id">
              {v.idCard}
            </dd>
            <dt className={dt}>{t("table.phone")}</dt>
            <dd className="font-mono" data-testid="detail-masked-phone">
              {v.phone}
            </dd>
            <dt className={dt}>{t("detail.community")}</dt>
            <dd>
              {v.district} {v.street} {v.community}
            </dd>
            <dt className={dt}>{t("detail.registeredOn")}</dt>
            <dd className="tabular">{v.registeredOn}</dd>
            <dt className={dt}>{t("detail.skills")}</dt>
            <dd>{v.skills.length ? v.skills.join("、") : <span className="text-gray-400">{t("detail.none")}</span>}</dd>
            <dt className={dt}>{t("detail.intentions")}</dt>
            <dd>{v.sectorIntentions.length ? v.sectorIntentions.map((s) => tc(s as "elderly")).join("、") : <span className="text-gray-400">{t("detail.none")}</span>}</dd>
            <dt className={dt}>{t("detail.status")}</dt>
            <dd>{t(`status.${v.status === "active" ? "active" : "inactive"}`)}</dd>
          </dl>
          {canReveal && (
            <div className="mt-4 border-t border-gray-100 pt-3">
              <RevealButton id={v.id} />
            </div>
          )}
        </Card>
        <Card title={t("detail.star")} testId="volunteer-star">
          <p className="text-3xl font-semibold text-gray-900 tabular" data-testid="volunteer-hours">
            {t("detail.hoursValue", { h: formatNumber(v.verifiedHours, 1, locale) })}
          </p>
          <p className="text-sm text-gray-600">{t("detail.hours")}</p>
          <div className="mt-3 h-2 w-full overflow-hidden rounded-full bg-gray-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={t("detail.star")}>
            <div className="h-full bg-amber-500" style={{ width: `${pct}%` }} />
          </div>
          <p className="mt-2 text-sm text-gray-800" data-testid="volunteer-next-star">
            {v.hoursToNext === null ? t("detail.topStar") : t("detail.toNext", { h: formatNumber(v.hoursToNext, 1, locale), next: v.nextStar ?? 1 })}
          </p>
          <p className="mt-3 text-sm text-gray-600">{t("detail.records", { n: v.verifiedRecords, p: v.pendingRecords })}</p>
          <p className="mt-3 text-sm">
            {t("detail.points")}：
            <span className="text-lg font-semibold tabular" data-testid="volunteer-points">
              {formatNumber(v.points, 0, locale)}
            </span>
          </p>
        </Card>
      </div>
      <Card title={t("detail.organizations")} testId="volunteer-orgs">
        {v.organizations.length === 0 ? (
          <p className="text-sm text-gray-500">{t("detail.noOrganizations")}</p>
        ) : (
          <ul className="divide-y divide-gray-100 text-sm">
            {v.organizations.map((o) => (
              <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link href={`/organizations/${o.id}`} className="font-medium text-red-700 hover:underline">
                  {o.name}
                </Link>
                <span className="text-gray-600">
                  {o.role === "leader" ? t("detail.leader") : t("detail.member")} · {t("detail.joinedOn")} {o.joinedOn}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("detail.history")} testId="volunteer-history">
        {v.history.length === 0 ? (
          <EmptyState title={t("detail.noHistory")} testId="history-empty" />
        ) : (
          <DataTable
            dense
            rows={v.history}
            rowKey={(h) => h.id}
            columns={[
              { key: "date", header: t("detail.date"), nowrap: true, className: "tabular", cell: (h) => h.date },
              { key: "activity", header: t("detail.activity"), cell: (h) => h.activity ?? t("detail.demand") },
              { key: "org", header: t("detail.org"), cell: (h) => h.organization ?? "—" },
              { key: "sector", header: t("detail.sector"), nowrap: true, cell: (h) => tc(h.sector as "elderly") },
              { key: "hours", header: t("detail.hoursCol"), align: "right", cell: (h) => formatNumber(h.hours, 1, locale) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
