import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/Notice";
import { ImportForm } from "@/components/volunteers/ImportForm";
import { VolunteerHeader } from "@/components/volunteers/Tabs";
import { canWrite } from "@/lib/auth/rules";
import { requireArea } from "@/lib/auth/session";
import { TEMPLATE_COLUMNS } from "@/lib/volunteers/import-rules";

export const metadata = { title: "批量导入志愿者" };

export default async function ImportVolunteersPage() {
  const user = await requireArea("volunteers");
  const t = await getTranslations("volunteers");
  return (
    <div className="space-y-4" data-testid="volunteer-import-page">
      <VolunteerHeader user={user} current="import" />
      {!canWrite(user.role) ? (
        <Notice tone="info" testId="read-only">
          {t("import.readOnly")}
        </Notice>
      ) : (
        <div className="max-w-4xl space-y-4">
          <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
            <h2 className="text-lg font-semibold text-gray-900">{t("import.title")}</h2>
            <p className="mt-1 text-sm text-gray-600">{t("import.intro")}</p>
            <p className="mt-2 text-xs text-gray-500">{TEMPLATE_COLUMNS.map((c) => c.header).join(" · ")}</p>
            <a href="/api/v1/imports/volunteers/template" className="mt-3 inline-block rounded-md bg-white px-3 py-1.5 text-sm font-medium text-red-800 ring-1 ring-red-300 hover:bg-red-50" data-testid="import-template">
              {t("import.template")}
            </a>
          </section>
          <ImportForm />
        </div>
      )}
    </div>
  );
}
