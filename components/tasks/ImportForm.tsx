"use client";
import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "next-intl";

interface RowReport {
  row: number;
  status: "created" | "skipped" | "rejected";
  taskId?: number;
  errors?: { column: string; message: string }[];
  message?: string;
}
interface Report {
  total: number;
  created: number;
  skipped: number;
  rejected: number;
  rows: RowReport[];
}

const TONE: Record<RowReport["status"], string> = {
  created: "bg-emerald-50 text-emerald-800",
  skipped: "bg-gray-100 text-gray-700",
  rejected: "bg-red-50 text-red-800",
};

/**
 * Uploads a problem list to POST /api/v1/tasks/import and shows the per-row answer: created (with a
 * link), skipped as already imported, or the row, column and what is wrong.
 */
export function ImportForm() {
  const t = useTranslations("tasks.import");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const file = fd.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setError(t("noFile"));
      return;
    }
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const res = await fetch("/api/v1/tasks/import", { method: "POST", body: fd });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) setError(t("failed", { message: (body as { message?: string }).message ?? String(res.status) }));
      else setReport(body as Report);
    } catch {
      setError(t("network"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100" data-testid="import-form" noValidate>
        <label className="block text-sm font-medium text-gray-700">
          {t("file")}
          <input
            type="file"
            name="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-red-50 file:px-3 file:py-2 file:text-red-800"
            data-testid="import-file"
          />
        </label>
        <label className="flex items-center gap-2 text-sm text-gray-800">
          <input type="checkbox" name="assignNow" value="1" defaultChecked className="h-5 w-5 rounded border-gray-300 text-red-700 focus:ring-red-600" data-testid="import-assign" />
          {t("assignNow")}
        </label>
        <button type="submit" disabled={busy} className="w-full rounded-md bg-red-700 px-6 py-3 text-base font-medium text-white hover:bg-red-800 disabled:opacity-50 sm:w-auto sm:py-2 sm:text-sm" data-testid="import-submit">
          {busy ? t("submitting") : t("submit")}
        </button>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200" data-testid="import-error">
            {error}
          </p>
        )}
      </form>
      {report && (
        <section className="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100" data-testid="import-report" data-created={report.created} data-skipped={report.skipped} data-rejected={report.rejected}>
          <p role="status" className="font-medium text-gray-900" data-testid="import-summary">
            {t("summary", { total: report.total, created: report.created, skipped: report.skipped, rejected: report.rejected })}
          </p>
          {report.rejected === 0 && <p className="text-sm text-emerald-800">{t("allGood")}</p>}
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <thead className="border-b border-gray-200 text-xs text-gray-500">
                <tr>
                  <th scope="col" className="py-1 pr-3">{t("row")}</th>
                  <th scope="col" className="py-1 pr-3">{t("result")}</th>
                  <th scope="col" className="py-1 pr-3">{t("column")}</th>
                  <th scope="col" className="py-1 pr-3">{t("reason")}</th>
                  <th scope="col" className="py-1">{t("task")}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.flatMap((r) => {
                  const lines = r.errors?.length ? r.errors : [{ column: "", message: r.message ?? "" }];
                  return lines.map((l, i) => (
                    <tr key={`${r.row}-${i}`} className="border-b border-gray-100 align-top" data-testid={`import-row-${r.row}`} data-status={r.status}>
                      <td className="py-1 pr-3 tabular">{i === 0 ? r.row : ""}</td>
                      <td className="py-1 pr-3">{i === 0 && <span className={`rounded px-1.5 py-0.5 text-xs ${TONE[r.status]}`}>{t(r.status)}</span>}</td>
                      <td className="py-1 pr-3">{l.column}</td>
                      <td className="py-1 pr-3">{l.message}</td>
                      <td className="py-1">
                        {i === 0 && r.taskId ? (
                          <Link href={`/tasks/${r.taskId}`} className="text-red-800 underline">
                            #{r.taskId}
                          </Link>
                        ) : null}
                      </td>
                    </tr>
                  ));
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
