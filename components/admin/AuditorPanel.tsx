import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AUDIT_PAGE_SIZE, type AuditFilter, type searchAudit } from "@/lib/admin/audit-query";
import { DataTable } from "@/components/ui/DataTable";
import { VerifyChainButton } from "./SecurityForms";

const fmt = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "medium" });
const FIELDS = ["user", "action", "object", "from", "to"] as const;

/** 安全审计员: the audit log with filters, pages, export and an on-demand chain check. */
export async function AuditorPanel({ filter: f, filterError, result: { rows, total }, retentionDays }: { filter: AuditFilter; filterError: string | null; result: Awaited<ReturnType<typeof searchAudit>>; retentionDays: number }) {
  const t = await getTranslations("security.audit");
  const tAdmin = await getTranslations("admin");
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const qs = (extra: Record<string, string>) => {
    const p = new URLSearchParams();
    for (const k of [...FIELDS, "outcome"] as const) if (f[k]) p.set(k, String(f[k]));
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return p.toString();
  };
  const input = "mt-1 block w-full rounded-md border-gray-300 text-sm";
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{tAdmin("audit")}</h1>
      <p className="text-sm text-gray-600" data-testid="audit-retention">
        {t("retention", { days: retentionDays })}
      </p>
      <VerifyChainButton labels={{ verify: t("verify"), running: t("verifying"), ok: tAdmin("chainOk"), broken: tAdmin("chainBroken") }} />
      <form method="get" className="grid grid-cols-2 gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-7" data-testid="audit-filter">
        {FIELDS.map((k) => (
          <label key={k} className="text-sm">
            {t(`f.${k}`)}
            <input name={k} type={k === "from" || k === "to" ? "date" : "text"} defaultValue={f[k]} className={input} data-testid={`af-${k}`} />
          </label>
        ))}
        <label className="text-sm">
          {t("f.outcome")}
          <select name="outcome" defaultValue={f.outcome} className={input} data-testid="af-outcome">
            <option value="">{t("any")}</option>
            <option value="success">success</option>
            <option value="denied">denied</option>
            <option value="failure">failure</option>
          </select>
        </label>
        <div className="flex items-end">
          <button type="submit" className="w-full rounded-md bg-red-700 px-4 py-2 text-sm text-white" data-testid="af-submit">
            {t("filter")}
          </button>
        </div>
      </form>
      {filterError && (
        <p role="alert" className="text-sm text-red-700">
          {filterError}
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span data-testid="audit-total">{t("total", { n: total })}</span>
        <span className="space-x-3">
          <a href={`/api/v1/audit/export?${qs({ format: "csv" })}`} className="text-red-700 underline" data-testid="export-csv">
            {t("exportCsv")}
          </a>
          <a href={`/api/v1/audit/export?${qs({ format: "xlsx" })}`} className="text-red-700 underline" data-testid="export-xlsx">
            {t("exportXlsx")}
          </a>
        </span>
      </div>
      <DataTable
        testId="audit-table"
        rows={rows}
        rowKey={(e) => e.id}
        caption={tAdmin("audit")}
        captionHidden
        empty={<span data-testid="audit-empty">{t("empty")}</span>}
        columns={[
          { key: "at", header: tAdmin("auditTime"), nowrap: true, cell: (e) => fmt.format(e.at) },
          { key: "username", header: tAdmin("auditUser"), cell: (e) => e.username ?? "—" },
          { key: "action", header: tAdmin("auditAction"), className: "font-mono" },
          { key: "object", header: tAdmin("auditObject"), cell: (e) => (e.objectType ? `${e.objectType}#${e.objectId ?? ""}` : "—") },
          { key: "outcome", header: tAdmin("auditOutcome") },
          { key: "ip", header: tAdmin("auditIp"), cell: (e) => e.ip ?? "—" },
          {
            key: "summary",
            header: t("summary"),
            className: "max-w-xs truncate font-mono text-xs text-gray-600",
            cell: (e) => <span title={e.summary ? JSON.stringify(e.summary) : ""}>{e.summary ? JSON.stringify(e.summary) : ""}</span>,
          },
        ]}
      />
      <nav className="flex items-center gap-3 text-sm" aria-label={t("pages")}>
        {f.page > 1 && (
          <Link href={`/admin?${qs({ page: String(f.page - 1) })}`} className="text-red-700 underline" data-testid="audit-prev">
            {t("prev")}
          </Link>
        )}
        <span data-testid="audit-page">{t("page", { page: f.page, pages })}</span>
        {f.page < pages && (
          <Link href={`/admin?${qs({ page: String(f.page + 1) })}`} className="text-red-700 underline" data-testid="audit-next">
            {t("next")}
          </Link>
        )}
      </nav>
    </section>
  );
}
