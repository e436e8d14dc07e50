"use client";
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { PhotoThumb } from "./Photo";

/**
 * Picks photos (the camera on phones) and uploads each at once to POST /api/v1/task-photos, which
 * checks and re-encodes it; the ids go into hidden `photoIds` inputs of the surrounding form. A
 * refused file shows the server's Chinese message and adds nothing.
 */
export function PhotoUploader({
  phase,
  taskId,
  initial = [],
  label,
  capture = true,
  testId = "photo",
}: {
  phase: "before" | "after";
  taskId?: number;
  initial?: number[];
  label: string;
  capture?: boolean;
  testId?: string;
}) {
  const t = useTranslations("tasks.photos");
  const [ids, setIds] = useState<number[]>(initial);
  const [busy, setBusy] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function upload(files: FileList | null) {
    if (!files || files.length === 0) return;
    setError(null);
    const list = Array.from(files);
    setBusy((b) => b + list.length);
    for (const file of list) {
      const fd = new FormData();
      fd.append("file", file);
      fd.append("phase", phase);
      if (taskId) fd.append("taskId", String(taskId));
      try {
        const res = await fetch("/api/v1/task-photos", { method: "POST", body: fd });
        const body = (await res.json().catch(() => ({}))) as { id?: number; message?: string };
        if (res.ok && body.id) setIds((cur) => [...cur, body.id!]);
        else setError(t("uploadFailed", { message: body.message ?? String(res.status) }));
      } catch {
        setError(t("network"));
      } finally {
        setBusy((b) => b - 1);
      }
    }
    if (input.current) input.current.value = "";
  }

  return (
    <fieldset className="space-y-2" data-testid={`${testId}-uploader`}>
      <legend className="text-sm font-medium text-gray-700">{label}</legend>
      {ids.map((id) => (
        <input key={id} type="hidden" name="photoIds" value={id} />
      ))}
      {ids.length > 0 && (
        <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4" data-testid={`${testId}-list`}>
          {ids.map((id) => (
            <li key={id} className="relative">
              <PhotoThumb id={id} alt={t("alt", { id: taskId ?? "", photo: id })} testId={`${testId}-thumb`} />
              <button
                type="button"
                onClick={() => setIds((cur) => cur.filter((x) => x !== id))}
                className="absolute right-1 top-1 rounded bg-white/90 px-1.5 text-xs text-gray-700 ring-1 ring-gray-300"
                aria-label={`${t("remove")} ${id}`}
              >
                {t("remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="flex cursor-pointer items-center justify-center gap-2 rounded-md border-2 border-dashed border-gray-300 bg-gray-50 px-3 py-3 text-sm text-gray-700 hover:border-red-400">
        <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5 fill-none stroke-current stroke-2 text-gray-500">
          <path d="M4 8h3l2-3h6l2 3h3v11H4z" strokeLinejoin="round" />
          <circle cx="12" cy="13" r="3.5" />
        </svg>
        <span>{busy > 0 ? t("uploading") : t("add")}</span>
        <input
          ref={input}
          type="file"
          accept="image/*"
          {...(capture ? { capture: "environment" as const } : {})}
          multiple={!capture}
          className="sr-only"
          onChange={(e) => upload(e.currentTarget.files)}
          data-testid={`${testId}-input`}
        />
      </label>
      <p className="text-xs text-gray-500">{t("hint")}</p>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
      <span className="sr-only" aria-live="polite" data-testid={`${testId}-count`} data-count={ids.length} data-busy={busy}>
        {ids.length}
      </span>
    </fieldset>
  );
}
