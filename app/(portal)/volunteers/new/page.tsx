import { getTranslations } from "next-intl/server";
import { sql } from "drizzle-orm";
import { Card } from "@/components/ui/Card";
import { Notice } from "@/components/volunteers/EmptyState";
import { RegisterForm } from "@/components/volunteers/RegisterForm";
import { VolunteerHeader } from "@/components/volunteers/Tabs";
import { getDb, rows } from "@/db/client";
import { canWrite } from "@/lib/auth/rules";
import { requireArea } from "@/lib/auth/session";
import { today } from "@/lib/metrics/clock";

export const metadata = { title: "登记志愿者" };

/** Staff registration: the community picker starts at the user's region. */
export default async function NewVolunteerPage() {
  const user = await requireArea("volunteers");
  const t = await getTranslations("volunteers");
  let fixedOrg: { id: number; name: string } | null = null;
  if (user.role === "org_admin" && user.organizationId) {
    const [o] = await rows<{ id: number; name: string }>(await getDb(), sql`SELECT id, name FROM organizations WHERE id = ${user.organizationId}`);
    fixedOrg = o ? { id: Number(o.id), name: o.name } : null;
  }
  return (
    <div className="space-y-4" data-testid="volunteer-new-page">
      <VolunteerHeader user={user} current="new" />
      {!canWrite(user.role) ? (
        <Notice tone="gray" testId="read-only">
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
