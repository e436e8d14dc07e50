import { apiRoute } from "@/lib/auth/api";
import { buildTemplate } from "@/lib/tasks/import";

export const dynamic = "force-dynamic";

/** GET /api/v1/tasks/import/template?format=xlsx|csv — the problem-list template with Chinese headers. */
export const GET = apiRoute({ area: "tasks" }, async ({ actor, db, req }) => {
  const format = new URL(req.url).searchParams.get("format") === "csv" ? "csv" : "xlsx";
  const body = await buildTemplate(db, actor, { kind: format });
  const name = `问题清单模板.${format}`;
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="task-import-template.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
});
