import { z } from "zod";
import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseQuery } from "@/lib/http";
import { readPhoto } from "@/lib/tasks/photos";
import { FORMATS, renderFile } from "@/lib/reports/export";
import { contentDisposition, monthSchema } from "@/lib/reports/rules";
import { auditExport, reportToServe } from "@/lib/reports/service";

export const dynamic = "force-dynamic";

const Query = z.object({
  month: monthSchema,
  region: z.string({ message: "region: 请选择区域" }).regex(/^\d{4}(\d{2})?$/, "region: 月报区域应为全市（4 位）或区市（6 位）代码"),
  format: z.enum(FORMATS, { message: `format 只能是 ${FORMATS.join("、")}` }).default("json"),
  table: z.string().max(40).optional(),
  source: z.enum(["auto", "live"]).default("auto"),
});

/**
 * The monthly report of a month and region: the published snapshot when there is one (unless
 * `source=live`), else the live figures — `source` in the JSON body and the `X-Report-Source`
 * header say which. Every file export is audited. An expensive read: one account's concurrent
 * report requests are limited (429 with Retry-After).
 */
export const GET = apiRoute({ area: "reports", expensive: true }, async ({ user, db, req }) => {
  const q = parseQuery(Query, req.url);
  if (!q.ok) return q.response;
  const { month, region, format, table, source } = q.data;
  const loaded = await reportToServe(db, user, { month, code: region, preferLive: source === "live" });
  if (!loaded.ok) return failureResponse({ code: loaded.code, message: loaded.message });
  const report = loaded.report;
  const src =
    loaded.source === "published"
      ? { source: "published" as const, revision: loaded.published!.revision, publishedAt: loaded.published!.publishedAt }
      : { source: "live" as const, revision: null, publishedAt: null };
  const headers = { "Cache-Control": "no-store", "X-Report-Source": src.source, ...(src.revision ? { "X-Report-Revision": String(src.revision) } : {}) };
  if (format === "json") {
    const published = loaded.published ? { revision: loaded.published.revision, publishedAt: loaded.published.publishedAt, publishedBy: loaded.published.publishedBy, reason: loaded.published.reason } : null;
    return json({ ...src, report, published }, 200, headers);
  }
  const file = await renderFile(report, src, format, table ?? null, async (id) => (await readPhoto(db, user, { id }))?.bytes ?? null);
  if (!file) return apiError(400, "bad_request", `table: 没有名为 ${table} 的表（可选 summary、${report.tables.map((t) => t.id).join("、")}）`);
  await auditExport(db, user, { month, code: region, format, table: format === "csv" ? (table ?? "summary") : null, source: src.source, revision: src.revision });
  return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
    headers: { ...headers, "Content-Type": file.type, "Content-Disposition": contentDisposition(file.name) },
  });
});
