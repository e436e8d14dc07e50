import { apiRoute } from "@/lib/auth/api";
import { buildTemplate, XLSX_MIME } from "@/lib/volunteers/report";
import { contentDisposition } from "@/lib/reports/rules";

export const dynamic = "force-dynamic";

/** The import template (.xlsx): the national volunteer system's columns and a sheet of instructions. */
export const GET = apiRoute({ area: "volunteers" }, async () => {
  const buf = await buildTemplate();
  return new Response(new Uint8Array(buf), { headers: { "Content-Type": XLSX_MIME, "Content-Disposition": contentDisposition("志愿者导入模板.xlsx"), "Cache-Control": "no-store" } });
});
