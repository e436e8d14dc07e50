/**
 * The one notice: the answer of an action (ok / error), a problem with the request (warning), or a
 * plain note (info). Errors and warnings are announced to screen readers; colour is never the only
 * signal (the text says what happened).
 */
export type NoticeTone = "ok" | "error" | "warning" | "info";

const TONES: Record<NoticeTone, string> = {
  ok: "border-green-200 bg-green-50 text-green-800",
  error: "border-red-200 bg-red-50 text-red-800",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  info: "border-gray-200 bg-gray-50 text-gray-700",
};

export function Notice({ tone = "warning", children, testId }: { tone?: NoticeTone; children: React.ReactNode; testId?: string }) {
  const role = tone === "error" || tone === "warning" ? "alert" : "status";
  return (
    <p role={role} className={`rounded-md border px-3 py-2 text-sm ${TONES[tone]}`} data-testid={testId ?? (tone === "error" ? "notice-error" : tone === "ok" ? "notice-ok" : "notice")}>
      {children}
    </p>
  );
}

/** The `?ok=` / `?err=` answer of a redirecting action: the error if any, else the success text. */
export function ActionNotice({ ok, err, okText }: { ok?: string; err?: string; okText?: string }) {
  if (err) return <Notice tone="error">{err}</Notice>;
  if (ok && okText) return <Notice tone="ok">{okText}</Notice>;
  return null;
}

/** The "nothing here" panel every list shows instead of an empty table. */
export function EmptyState({ title, body, testId = "empty" }: { title: string; body?: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center" data-testid={testId}>
      <p className="font-medium text-gray-800">{title}</p>
      {body && <p className="mt-1 text-sm text-gray-600">{body}</p>}
    </div>
  );
}
