"use client";
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/DataTable";

interface Summary {
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  rows: number;
  errors: { row: number; column: string; message: string }[];
  errorsTruncated: boolean;
  reportUrl: string | null;
}

type Phase = { kind: "idle" } | { kind: "uploading"; p: number } | { kind: "processing"; rows: number; p: number | null } | { kind: "done"; s: Summary } | { kind: "refused"; message: string } | { kind: "error"; message: string };

const SHOW_ERRORS = 200;

/**
 * Uploads the file with XMLHttpRequest (for the upload's own progress), then reads the server's
 * NDJSON answer as it arrives: progress lines while rows are written (bytes of the file consumed),
 * then the result. Two honest bars: upload, then processing.
 */
export function ImportForm() {
  const t = useTranslations("volunteers.import");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const fileRef = useRef<HTMLInputElement>(null);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setPhase({ kind: "refused", message: t("noFile") });
      return;
    }
    const fd = new FormData();
    fd.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/imports/volunteers?progress=1");
    xhr.setRequestHeader("Accept", "application/x-ndjson");
    let seen = 0;
    let finished = false;
    const readLines = () => {
      const text = xhr.responseText;
      let nl = text.indexOf("\n", seen);
      while (nl >= 0) {
        const line = text.slice(seen, nl).trim();
        seen = nl + 1;
        nl = text.indexOf("\n", seen);
        if (!line) continue;
        try {
          const m = JSON.parse(line) as { type: string; rows?: number; fraction?: number | null; message?: string } & Summary;
          if (m.type === "start") setPhase({ kind: "processing", rows: 0, p: null });
          else if (m.type === "progress") setPhase({ kind: "processing", rows: m.rows ?? 0, p: typeof m.fraction === "number" ? Math.min(99, Math.round(m.fraction * 100)) : null });
          else if (m.type === "done") {
            finished = true;
            setPhase({ kind: "done", s: m });
          } else if (m.type === "refused") {
            finished = true;
            setPhase({ kind: "refused", message: m.message ?? "" });
          } else if (m.type === "error") {
            finished = true;
            setPhase({ kind: "error", message: m.message ?? "" });
          }
        } catch {
          // a partial line: wait for the rest
        }
      }
    };
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setPhase({ kind: "uploading", p: Math.round((ev.loaded / ev.total) * 100) });
    };
    xhr.onprogress = readLines;
    xhr.onload = () => {
      readLines();
      if (finished) return;
      try {
        const j = JSON.parse(xhr.responseText) as { message?: string };
        setPhase({ kind: xhr.status === 422 ? "refused" : "error", message: j.message ?? String(xhr.status) });
      } catch {
        setPhase({ kind: "error", message: t("network") });
      }
    };
    xhr.onerror = () => setPhase({ kind: "error", message: t("network") });
    setPhase({ kind: "uploading", p: 0 });
    xhr.send(fd);
  }

  const busy = phase.kind === "uploading" || phase.kind === "processing";
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100" data-testid="import-form">
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium text-gray-700">
            {t("file")}
          </label>
          <input
            ref={fileRef}
            id="import-file"
            name="file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-gray-100 file:px-3 file:py-2 file:text-sm"
            aria-describedby="import-file-hint"
            data-testid="import-file"
          />
          <p id="import-file-hint" className="mt-1 text-xs text-gray-500">
            {t("fileHint")}
          </p>
        </div>
        <button type="submit" disabled={busy} className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60" data-testid="import-submit">
          {t("submit")}
        </button>
      </form>

      {phase.kind === "uploading" && <Bar label={t("uploading", { p: phase.p })} p={phase.p} testId="import-upload-progress" />}
      {phase.kind === "processing" && (
        <Bar label={phase.p === null ? t("processingRows", { rows: phase.rows }) : t("processing", { rows: phase.rows, p: phase.p })} p={phase.p} testId="import-progress" />
      )}
      {(phase.kind === "refused" || phase.kind === "error") && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200" data-testid="import-refused">
          {phase.kind === "refused" ? t("refused", { message: phase.message }) : phase.message}
        </p>
      )}
      {phase.kind === "done" && <Result s={phase.s} />}
    </div>
  );
}

/** A determinate bar, or (p === null: the total is unknown) an honest indeterminate one. */
function Bar({ label, p, testId }: { label: string; p: number | null; testId: string }) {
  return (
    <div data-testid={testId}>
      <p className="mb-1 text-sm text-gray-700" aria-live="polite">
        {label}
      </p>
      <div className="h-3 w-full overflow-hidden rounded-full bg-gray-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={p ?? undefined} aria-label={label}>
        <div className={`h-full bg-red-700 transition-all ${p === null ? "w-1/3 animate-pulse" : ""}`} style={p === null ? undefined : { width: `${p}%` }} />
      </div>
    </div>
  );
}

function Result({ s }: { s: Summary }) {
  const t = useTranslations("volunteers.import");
  const cards: [string, number, string][] = [
    ["created", s.created, "text-green-800"],
    ["updated", s.updated, "text-blue-800"],
    ["skipped", s.skipped, "text-gray-700"],
    ["rejected", s.rejected, "text-red-800"],
  ];
  return (
    <section className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100" data-testid="import-result" role="status">
      <p className="font-medium text-gray-900">{t("done", { rows: s.rows })}</p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {cards.map(([k, n, cls]) => (
          <div key={k} className="rounded-md bg-gray-50 p-3">
            <dt className="text-xs text-gray-600">{t(k as "created")}</dt>
            <dd className={`text-2xl font-semibold tabular ${cls}`} data-testid={`import-${k}`}>
              {n}
            </dd>
          </div>
        ))}
      </dl>
      {s.reportUrl && (
        <a href={s.reportUrl} className="inline-block rounded-md bg-white px-3 py-1.5 text-sm font-medium text-red-800 ring-1 ring-red-300 hover:bg-red-50" data-testid="import-report">
          {t("report")}
        </a>
      )}
      {s.errors.length > 0 && (
        <div>
          <h3 className="mb-1 text-sm font-semibold text-gray-700">{t("errorsTitle")}</h3>
          <DataTable
            testId="import-errors"
            dense
            rows={s.errors.slice(0, SHOW_ERRORS)}
            rowKey={(_e, i) => i}
            columns={[
              { key: "row", header: t("row"), className: "tabular", cell: (e) => e.row },
              { key: "column", header: t("column"), nowrap: true, cell: (e) => e.column },
              { key: "message", header: t("reason"), cell: (e) => e.message },
            ]}
          />
          {(s.errors.length > SHOW_ERRORS || s.errorsTruncated) && <p className="mt-1 text-xs text-gray-600">{t("more", { n: Math.min(SHOW_ERRORS, s.errors.length) })}</p>}
        </div>
      )}
    </section>
  );
}
