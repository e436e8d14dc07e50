import ExcelJS from "exceljs";
import { audit } from "@/lib/audit/log";
import { apiRoute } from "@/lib/auth/api";
import { apiError, parseQuery } from "@/lib/http";
import { auditForExport, AuditFilterSchema, csvCell, neutralizeFormula } from "@/lib/admin/audit-query";

export const dynamic = "force-dynamic";

const HEAD = ["编号", "时间", "用户", "角色", "来源IP", "操作", "对象类型", "对象编号", "结果", "摘要"];
const fmt = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });

/**
 * GET /api/v1/audit/export?format=csv|xlsx&<filters>: the auditor's export of the filtered log.
 * CSV is UTF-8 with a BOM (Excel opens Chinese correctly); cells a spreadsheet would evaluate as a
 * formula are neutralised. The export itself is audited (`audit.export`).
 */
export const GET = apiRoute({ area: "admin", expensive: true }, async ({ actor, db, req }) => {
  if (actor.role !== "auditor") return apiError(403, "forbidden", "只有安全审计员可以导出审计日志");
  const url = new URL(req.url);
  const format = url.searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "xlsx") return apiError(400, "bad_request", "format: 须为 csv 或 xlsx");
  url.searchParams.delete("format");
  const q = parseQuery(AuditFilterSchema, url.toString());
  if (!q.ok) return q.response;
  const rows: unknown[][] = [];
  for await (const r of auditForExport(db, actor, { filter: q.data })) {
    rows.push([r.id, fmt.format(r.at), r.username ?? "", r.role ?? "", r.ip ?? "", r.action, r.objectType ?? "", r.objectId ?? "", r.outcome, r.summary === null ? "" : JSON.stringify(r.summary)]);
  }
  const filters = { user: q.data.user, action: q.data.action, object: q.data.object, outcome: q.data.outcome, from: q.data.from, to: q.data.to };
  await audit(db, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "audit.export", objectType: "audit_log", summary: { format, filters, rows: rows.length } });
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === "csv") {
    const body = "\uFEFF" + [HEAD, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
    return new Response(body, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="audit-${stamp}.csv"`, "Cache-Control": "no-store" },
    });
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("审计日志");
  ws.addRow(HEAD);
  for (const r of rows) ws.addRow(r.map((c) => (typeof c === "string" ? neutralizeFormula(c) : c)));
  ws.getRow(1).font = { bold: true };
  const buf = await wb.xlsx.writeBuffer();
  return new Response(buf as ArrayBuffer, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="audit-${stamp}.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
});
