import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportForm } from "@/components/tasks/ImportForm";
import { TaskHeader } from "@/components/tasks/TaskHeader";
import { requirePage } from "@/lib/auth/session";
import { getTaskSummary } from "@/lib/tasks/queries";
import { isRegistrar } from "@/lib/tasks/rules";
import { pageTitle } from "@/lib/i18n/title";

export const generateMetadata = () => pageTitle(["tasks.import.title", "tasks.title"]);

/** 导入问题清单: template download, upload, the per-row result. */
export default async function ImportPage() {
  const { actor, db } = await requirePage("tasks");
  if (!isRegistrar(actor.role, actor.scopeCode)) notFound();
  const summary = await getTaskSummary(db, actor);
  const t = await getTranslations("tasks.import");
  return (
    <div className="space-y-4">
      <TaskHeader user={actor} summary={summary} active="import" />
      <p className="max-w-3xl text-sm text-gray-600">{t("intro")}</p>
      <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="import-templates">
        <span className="font-medium text-gray-800">{t("template")}：</span>
        <a href="/api/v1/tasks/import/template?format=xlsx" className="rounded-md bg-white px-3 py-1.5 text-red-800 ring-1 ring-red-200 hover:bg-red-50" data-testid="template-xlsx" download>
          {t("templateXlsx")}
        </a>
        <a href="/api/v1/tasks/import/template?format=csv" className="rounded-md bg-white px-3 py-1.5 text-red-800 ring-1 ring-red-200 hover:bg-red-50" data-testid="template-csv" download>
          {t("templateCsv")}
        </a>
      </p>
      <ImportForm />
    </div>
  );
}
