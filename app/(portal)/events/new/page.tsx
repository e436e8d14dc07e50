import { getTranslations } from "next-intl/server";
import { OrgHeader } from "@/components/organizations/OrgHeader";
import { ActionForm } from "@/components/ui/ActionForm";
import { Card } from "@/components/ui/Card";
import { FIELD_CLASS } from "@/components/ui/FilterSelect";
import { Notice } from "@/components/ui/Notice";
import { RegionPicker } from "@/components/volunteers/RegionPicker";
import { requirePage } from "@/lib/auth/session";
import { createEventAction } from "@/lib/events/actions";
import { today } from "@/lib/metrics/clock";
import { projectOrgOptions } from "@/lib/projects/queries";

export const metadata = { title: "登记活动" };

/** Record an event: name, organizer, date, place; activities are added on its page (those of its district). */
export default async function NewEventPage() {
  const { actor, db } = await requirePage("organizations");
  const t = await getTranslations("structure.events");
  if (!["wmb_staff", "street_officer", "org_admin"].includes(actor.role)) {
    return (
      <div className="space-y-4">
        <OrgHeader current="events" />
        <Notice tone="info" testId="read-only">
          {t("readOnly")}
        </Notice>
      </div>
    );
  }
  const orgs = await projectOrgOptions(db, actor);
  return (
    <div className="space-y-4" data-testid="event-new-page">
      <OrgHeader current="events" />
      <Card title={t("new")} className="max-w-3xl">
        <ActionForm action={createEventAction} className="space-y-4" testId="event-form">
          <label className="block text-sm text-gray-700">
            {t("name")}
            <input name="name" required maxLength={80} className={FIELD_CLASS} data-testid="event-form-name" />
          </label>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <label className="block text-sm text-gray-700">
              {t("organizer")}
              <select name="organizationId" className={FIELD_CLASS} data-testid="event-form-org">
                {orgs.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="block text-sm text-gray-700">
              {t("heldOn")}
              <input type="date" name="heldOn" required defaultValue={today()} className={FIELD_CLASS} data-testid="event-form-date" />
            </label>
          </div>
          <fieldset className="text-sm text-gray-700">
            <legend>{t("region")}</legend>
            <RegionPicker root={actor.scopeCode} name="regionCode" testId="event-form-region" />
          </fieldset>
          <label className="block text-sm text-gray-700">
            {t("venue")}
            <input name="venue" maxLength={120} className={FIELD_CLASS} data-testid="event-form-venue" />
          </label>
          <button type="submit" className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800" data-testid="event-form-submit">
            {t("create")}
          </button>
        </ActionForm>
      </Card>
    </div>
  );
}
