import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { findReport, XLSX_MIME } from "@/lib/volunteers/report";
import { contentDisposition } from "@/lib/reports/rules";

export const dynamic = "force-dynamic";

/** The per-row result report of an import, for the user who ran it (kept 24 hours). Masked. */
export const GET = apiRoute<{ id: string }>({ area: "volunteers" }, async ({ actor, params }) => {
  const r = await findReport(params.id, actor.id);
  if (!r) return apiError(404, "not_found", "导入报告不存在、已过期（保留 24 小时）或不属于您");
  const base = r.filename.replace(/\.(xlsx|csv)$/i, "");
  return new Response(new Uint8Array(r.bytes), {
    headers: { "Content-Type": XLSX_MIME, "Content-Disposition": contentDisposition(`导入结果-${base}.xlsx`), "Cache-Control": "no-store" },
  });
});
