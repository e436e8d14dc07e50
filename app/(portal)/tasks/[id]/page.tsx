import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { StatusBadge, UrgencyBadge } from "@/components/tasks/Badges";
import { BulkForm } from "@/components/tasks/BulkForm";
import { PhotoCompare } from "@/components/tasks/PhotoCompare";
import { PhotoUploader } from "@/components/tasks/PhotoUploader";
import { TaskActions } from "@/components/tasks/TaskActions";
import { Timeline } from "@/components/tasks/Timeline";
import { Notice } from "@/components/ui/Notice";
import { canWrite } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { parseId } from "@/lib/http";
import { one, type SearchParams } from "@/lib/search-params";
import { getPlaces, getTask } from "@/lib/tasks/queries";
import { availableMoves, isRegistrar, isReviewerOf } from "@/lib/tasks/rules";
import { formatCst } from "@/lib/tasks/scope";
import { problemNumber } from "@/lib/tasks/import-rules";

/** One task: what and where, before/after photos side by side, what the user may do now, the full history. */
export default async function TaskPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { actor, db } = await requirePage("tasks");
  const id = parseId((await params).id);
  const task = id ? await getTask(db, actor, { id }) : null;
  if (!task) notFound();
  const sp = await searchParams;
  const t = await getTranslations("tasks");
  const moves = availableMoves(task, actor.role, actor.scopeCode);
  const before = task.photos.filter((p) => p.phase === "before").map((p) => p.id);
  const lastSubmit = [...task.events].reverse().find((e) => e.kind === "transition" && e.toStatus === "submitted");
  const after = lastSubmit?.photoIds ?? [];
  const pendingAfter = task.photos.filter((p) => p.phase === "after" && p.eventId === null).map((p) => p.id);
  const manager = isRegistrar(actor.role, actor.scopeCode) && task.status !== "closed";
  const streets = manager ? await getPlaces(db, actor, { withCommunities: true }) : [];
  const dt = (v: string | null) => (v ? formatCst(v) : t("detail.none"));
  const facts: [string, React.ReactNode, string?][] = [
    [t("detail.problemKey"), problemNumber(task.problemKey) ?? t("detail.none"), "fact-key"],
    [t("detail.type"), t(`type.${task.type}`)],
    [t("detail.place"), `${task.districtName} ${task.streetName} · ${task.communityName}`, "fact-place"],
    [t("detail.address"), task.address ?? t("detail.none")],
    [t("detail.unit"), task.responsibleUnit ?? t("detail.none")],
    [t("detail.deadline"), task.deadline, "fact-deadline"],
    [t("detail.reportedAt"), dt(task.reportedAt)],
    [t("detail.assignedAt"), dt(task.assignedAt)],
    [t("detail.submittedAt"), dt(task.submittedAt)],
    [t("detail.closedAt"), dt(task.closedAt)],
    [t("detail.createdBy"), task.createdByName ?? t("detail.none")],
    [t("detail.updatedBy"), `${task.updatedByName ?? t("detail.none")} · ${formatCst(task.updatedAt)}`],
    [t("detail.source"), t(`detail.sources.${task.source === "import" || task.source === "seed" ? task.source : "manual"}`)],
    [t("detail.version"), String(task.version), "fact-version"],
  ];
  return (
    <article className="space-y-4" data-testid="task-page" data-task-id={task.id} data-status={task.status} data-version={task.version}>
      <Link href="/tasks" className="text-sm text-red-800 underline">
        ← {t("detail.back")}
      </Link>
      {one(sp.created) === "1" && (
        <Notice tone="ok" testId="task-created">
          {t("detail.created")}
        </Notice>
      )}
      <header className="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
        <div className="flex flex-wrap items-center gap-1.5">
          <StatusBadge status={task.status} testId="task-status" />
          <UrgencyBadge u={task.urgency} testId="task-urgency" />
          <span className="text-xs text-gray-500">{t(`type.${task.type}`)}</span>
          <span className="ml-auto text-xs text-gray-400">#{task.id}</span>
        </div>
        <h1 className="text-xl font-semibold text-gray-900" data-testid="task-title">
          {task.pointName}
        </h1>
        <p className="whitespace-pre-wrap text-gray-800" data-testid="task-description">
          {task.description}
        </p>
      </header>

      {/* Phones: actions first (the camera is what a street officer came for), then photos, history, facts. */}
      <div className="grid gap-4 lg:grid-cols-3 lg:grid-rows-[auto_auto_auto_1fr] lg:items-start">
        <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100 lg:col-start-3 lg:row-start-1" aria-labelledby="actions-title">
          <h2 id="actions-title" className="mb-3 text-sm font-semibold text-gray-700">
            {t("actions.title")}
          </h2>
          {task.status === "closed" ? (
            <p className="text-sm text-emerald-800" data-testid="task-closed-note">
              {t("detail.closedNote")}
            </p>
          ) : !canWrite(actor.role) ? (
            <p className="text-sm text-gray-600" data-testid="task-readonly">
              {t("detail.readOnly")}
            </p>
          ) : moves.length === 0 ? (
            <p className="text-sm text-gray-600" data-testid="task-no-actions">
              {task.status === "submitted" ? t("detail.waitingReview") : t("detail.noActions")}
            </p>
          ) : null}
          <TaskActions task={{ id: task.id, version: task.version, status: task.status }} moves={moves} pendingAfter={pendingAfter} />
        </section>
        <div className="space-y-4 lg:col-span-2 lg:col-start-1 lg:row-span-4 lg:row-start-1">
          <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
            <h2 className="mb-3 text-sm font-semibold text-gray-700">{t("photos.title")}</h2>
            <PhotoCompare taskId={task.id} before={before} after={after} />
            {isReviewerOf(actor.role, actor.scopeCode, task.streetCode) && task.status !== "closed" && (
              <details className="mt-3">
                <summary className="cursor-pointer text-sm text-red-800">{t("photos.addBefore")}</summary>
                <div className="mt-2">
                  <PhotoUploader phase="before" taskId={task.id} label={t("photos.addBefore")} capture={false} testId="add-before" />
                </div>
              </details>
            )}
          </section>
          <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
            <h2 className="mb-3 text-sm font-semibold text-gray-700">{t("timeline.title")}</h2>
            <Timeline taskId={task.id} events={task.events} />
          </section>
        </div>
        <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100 lg:col-start-3 lg:row-start-2">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
            {facts.map(([k, v, id]) => (
              <div key={k} className="contents">
                <dt className="text-gray-500">{k}</dt>
                <dd className="min-w-0 break-words text-gray-900" data-testid={id}>
                  {v}
                </dd>
              </div>
            ))}
          </dl>
        </section>
        {manager && (
          <details className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100 lg:col-start-3 lg:row-start-3">
            <summary className="cursor-pointer text-sm font-semibold text-gray-700">{t("bulk.single")}</summary>
            <div className="mt-3">
              <BulkForm items={[{ id: task.id, version: task.version }]} streets={streets} today={task.today} />
            </div>
          </details>
        )}
      </div>
    </article>
  );
}
