import { getTranslations } from "next-intl/server";
import { PhotoThumb } from "./Photo";

/** Before and after side by side — two columns even on a phone, so a reviewer can compare at a glance. */
export async function PhotoCompare({ taskId, before, after, testId = "photo-compare" }: { taskId: number; before: number[]; after: number[]; testId?: string }) {
  const t = await getTranslations("tasks.photos");
  const col = (title: string, ids: number[], empty: string, phase: string) => (
    <div className="min-w-0" data-testid={`${testId}-${phase}`} data-count={ids.length}>
      <h3 className="mb-1 text-xs font-medium text-gray-600">{title}</h3>
      {ids.length === 0 ? (
        <div className="flex aspect-[4/3] items-center justify-center rounded-md bg-gray-50 px-2 text-center text-xs text-gray-600 ring-1 ring-dashed ring-gray-200">{empty}</div>
      ) : (
        <ul className="space-y-2">
          {ids.map((id) => (
            <li key={id}>
              <PhotoThumb id={id} alt={t("alt", { id: taskId, photo: id })} testId={`${testId}-${phase}-photo`} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <div className="grid grid-cols-2 gap-3" data-testid={testId}>
      {col(t("before"), before, t("noBefore"), "before")}
      {col(t("after"), after, t("noAfter"), "after")}
    </div>
  );
}
