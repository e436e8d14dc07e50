import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActivitiesNav } from "@/components/activities/SubNav";
import { createActivityAction } from "@/lib/activities/actions";
import { activityFormOptions } from "@/lib/activities/queries";
import { canWrite } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { canReview } from "@/lib/service-hours/review";
import { SECTOR_KEYS } from "@/lib/volunteers/rules";
import { ActionForm } from "@/components/ui/ActionForm";
import { pageTitle } from "@/lib/i18n/title";

export const generateMetadata = () => pageTitle(["activities.nav.new", "activities.nav.title"]);

/** 发布活动. */
export default async function NewActivityPage() {
  const { actor: user, db } = await requirePage("service-hours");
  if (!canWrite(user.role)) notFound();
  const t = await getTranslations("activities");
  const opts = await activityFormOptions(db, user);
  const field = "mt-1 block w-full rounded border-gray-300 text-sm";
  return (
    <div className="space-y-4">
      <ActivitiesNav active="new" canCreate canReview={canReview(user.role)} />
      <ActionForm action={createActivityAction} className="grid max-w-3xl gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100 sm:grid-cols-2" testId="activity-form">
        <label className="text-sm sm:col-span-2">
          <span className="text-gray-700">{t("form.title")} *</span>
          <input name="title" required minLength={2} maxLength={80} className={field} data-testid="f-title" />
        </label>
        {user.role !== "org_admin" && (
          <label className="text-sm">
            <span className="text-gray-700">{t("form.organization")} *</span>
            <select name="organizationId" required className={field} data-testid="f-org">
              {opts.orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="text-sm">
          <span className="text-gray-700">{t("form.project")}</span>
          <select name="projectId" className={field} data-testid="f-project">
            <option value="">{t("form.noProject")}</option>
            {opts.projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}（{t(`sector.${p.sector}`)}）
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="text-gray-700">{t("form.sector")} *</span>
          <select name="sector" required className={field} data-testid="f-sector">
            {SECTOR_KEYS.map((s) => (
              <option key={s} value={s}>
                {t(`sector.${s}`)}
              </option>
            ))}
          </select>
          <span className="text-xs text-gray-500">{t("form.sectorHint")}</span>
        </label>
        <label className="text-sm">
          <span className="text-gray-700">{t("form.region")} *</span>
          <select name="regionCode" required className={field} data-testid="f-region">
            {opts.communities.map((c) => (
              <option key={c.code} value={c.code}>
                {c.street} · {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="text-gray-700">{t("form.address")}</span>
          <input name="address" maxLength={200} className={field} data-testid="f-address" />
        </label>
        <label className="text-sm">
          <span className="text-gray-700">{t("form.startsAt")} *</span>
          <input type="datetime-local" name="startsAt" required className={field} data-testid="f-starts" />
        </label>
        <label className="text-sm">
          <span className="text-gray-700">{t("form.endsAt")} *</span>
          <input type="datetime-local" name="endsAt" required className={field} data-testid="f-ends" />
        </label>
        <label className="text-sm">
          <span className="text-gray-700">{t("form.capacity")} *</span>
          <input type="number" name="capacity" required min={1} max={10000} defaultValue={20} className={field} data-testid="f-capacity" />
        </label>
        <label className="text-sm sm:col-span-2">
          <span className="text-gray-700">{t("form.requirements")}</span>
          <textarea name="requirements" rows={3} maxLength={1000} className={field} data-testid="f-requirements" />
        </label>
        <div className="sm:col-span-2">
          <button className="rounded-md bg-red-800 px-4 py-2 text-sm text-white" data-testid="f-submit">
            {t("form.submit")}
          </button>
        </div>
      </ActionForm>
    </div>
  );
}
