import { apiRoute } from "@/lib/auth/api";
import { apiError, parseId } from "@/lib/http";
import { exportFundXlsx } from "@/lib/funds/export";
import { contentDisposition } from "@/lib/reports/rules";

export const dynamic = "force-dynamic";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** `GET /api/v1/funds/{id}/export` → the ledger as .xlsx (收入/支出/余额 in yuan). */
export const GET = apiRoute<{ id: string }>({ area: "organizations", expensive: true }, async ({ actor, db, params }) => {
  const id = parseId(params.id);
  const file = id ? await exportFundXlsx(db, actor, { id }) : null;
  if (!file) return apiError(404, "not_found", "基金不存在或不在您的管辖范围内");
  return new Response(new Uint8Array(file.buffer), { headers: { "Content-Type": XLSX, "Content-Disposition": contentDisposition(file.fileName), "Cache-Control": "no-store, private" } });
});
