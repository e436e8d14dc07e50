import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/Card";
import { Notice } from "@/components/ui/Notice";
import { RegisterForm } from "@/components/volunteers/RegisterForm";
import { VolunteerHeader } from "@/components/volunteers/Tabs";
import { canWrite } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { today } from "@/lib/metrics/clock";
import { organizationOptions } from "@/lib/volunteers/queries";

export const metadata = { title: "登记志愿者" };

/** Staff registration: the community picker starts at the user's region. */
export default async function NewVolunteerPage() {
  const { actor: user, db } = await requirePage("volunteers");
  const t = await getTranslations("volunteers");
  // An organization admin registers into their own organization (the only one organizationOptions gives them).
  const own = user.role === "org_admin" ? (await organizationOptions(db, user))[0] : undefined;
  const fixedOrg = own ? { id: own.id, name: own.name } : null;
  return (
    <div className="space-y-4" data-testid="volunteer-new-page">
      <VolunteerHeader user={user} current="new" />
      {!canWrite(user.role) ? (
        <Notice tone="info" testId="read-only">
          {t("import.readOnly")}
        </Notice>
      ) : (
        <Card title={t("form.staffTitle")} className="max-w-3xl">
          <p className="mb-4 text-sm text-gray-600">{t("form.staffIntro")}</p>
          <RegisterForm mode="staff" root={user.scopeCode} today={today()} fixedOrg={fixedOrg} />
        </Card>
      )}
    </div>
  );
}
