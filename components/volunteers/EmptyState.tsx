/** The "nothing here" panel every list shows instead of an empty table. */
export function EmptyState({ title, body, testId = "empty" }: { title: string; body?: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center" data-testid={testId}>
      <p className="font-medium text-gray-800">{title}</p>
      {body && <p className="mt-1 text-sm text-gray-600">{body}</p>}
    </div>
  );
}

/** A problem with the request (bad filter values), shown above the results. */
export function Notice({ children, testId = "notice", tone = "amber" }: { children: React.ReactNode; testId?: string; tone?: "amber" | "red" | "gray" }) {
  const cls = tone === "red" ? "bg-red-50 text-red-800 ring-red-200" : tone === "gray" ? "bg-gray-50 text-gray-700 ring-gray-200" : "bg-amber-50 text-amber-900 ring-amber-200";
  return (
    <p role={tone === "gray" ? undefined : "alert"} className={`rounded-md px-3 py-2 text-sm ring-1 ${cls}`} data-testid={testId}>
      {children}
    </p>
  );
}
