import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { NewTaskForm } from "@/components/tasks/NewTaskForm";
import { TaskHeader } from "@/components/tasks/TaskHeader";
import { requirePage } from "@/lib/auth/session";
import { today } from "@/lib/metrics/clock";
import { getPlaces, getTaskSummary } from "@/lib/tasks/queries";
import { isRegistrar } from "@/lib/tasks/rules";

/** 登记问题 — 文明办 of a district or the city only. */
export default async function NewTaskPage() {
  const { actor, db } = await requirePage("tasks");
  if (!isRegistrar(actor.role, actor.scopeCode)) notFound();
  const [streets, summary] = await Promise.all([getPlaces(db, actor, { withCommunities: true }), getTaskSummary(db, actor)]);
  const t = await getTranslations("tasks.form");
  return (
    <div className="space-y-4">
      <TaskHeader user={actor} summary={summary} active="new" />
      <p className="text-sm text-gray-600">{t("intro")}</p>
      <NewTaskForm streets={streets} today={today()} />
    </div>
  );
}
