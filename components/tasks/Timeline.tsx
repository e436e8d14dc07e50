import { getTranslations } from "next-intl/server";
import type { TaskEventRow } from "@/lib/tasks/queries";
import { formatCst } from "@/lib/tasks/scope";
import { PhotoThumb } from "./Photo";

/** The full history: who, when, from which status to which (or what changed), the note, the photos. */
export async function Timeline({ taskId, events }: { taskId: number; events: TaskEventRow[] }) {
  const t = await getTranslations();
  const st = (s: string | null) => (s ? `「${t(`tasks.status.${s}`)}」` : "");
  const what = (e: TaskEventRow) => {
    const d = e.detail ?? {};
    switch (e.kind) {
      case "create":
        return t("tasks.timeline.create");
      case "transition":
        return t("tasks.timeline.transition", { from: st(e.fromStatus), to: st(e.toStatus) });
      case "reassign":
        return t("tasks.timeline.reassign", { from: String(d.from ?? d.fromStreet ?? ""), to: String(d.to ?? d.toStreet ?? "") });
      case "extend":
        return t("tasks.timeline.extend", { from: String(d.from ?? d.fromDeadline ?? ""), to: String(d.to ?? d.toDeadline ?? "") });
      default:
        return t("tasks.timeline.edit");
    }
  };
  if (events.length === 0) return <p className="text-sm text-gray-500">{t("tasks.timeline.empty")}</p>;
  return (
    <ol className="relative space-y-4 border-l-2 border-gray-200 pl-4" data-testid="timeline">
      {events.map((e) => (
        <li key={e.id} className="relative" data-testid="timeline-event" data-kind={e.kind} data-from={e.fromStatus ?? ""} data-to={e.toStatus ?? ""}>
          <span aria-hidden className={`absolute -left-[1.4rem] top-1 h-3 w-3 rounded-full ring-2 ring-white ${e.toStatus === "closed" ? "bg-emerald-600" : e.toStatus === "returned" ? "bg-orange-500" : "bg-red-700"}`} />
          <p className="text-sm font-medium text-gray-900">{what(e)}</p>
          <p className="text-xs text-gray-500">
            <time dateTime={e.createdAt}>{formatCst(e.createdAt)}</time> ·{" "}
            {e.actorName ? t("tasks.timeline.by", { name: e.actorName, role: e.actorRole ? t(`roles.${e.actorRole}`) : "" }) : t("tasks.timeline.system")}
          </p>
          {e.note && <p className="mt-1 whitespace-pre-wrap rounded bg-gray-50 px-2 py-1 text-sm text-gray-800">{e.note}</p>}
          {e.photoIds.length > 0 && (
            <ul className="mt-2 grid max-w-md grid-cols-3 gap-2">
              {e.photoIds.map((p) => (
                <li key={p}>
                  <PhotoThumb id={p} alt={t("tasks.photos.alt", { id: taskId, photo: p })} />
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
