import { z } from "zod";
import { apiRoute } from "@/lib/auth/api";
import { parseQuery } from "@/lib/http";
import { contentDisposition } from "@/lib/reports/rules";
import { EXPORT_KINDS, exportTasksXlsx } from "@/lib/tasks/export";
import { TaskFiltersSchema, type TaskFilters } from "@/lib/tasks/schema";

export const dynamic = "force-dynamic";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ExportQuery = z.intersection(TaskFiltersSchema, z.object({ kind: z.enum(EXPORT_KINDS, { message: "kind 只能是 list（任务清单）或 overdue（超期清单）" }).default("list") }));

/**
 * GET /api/v1/tasks/export?kind=list|overdue&status=&type=&street=&overdue=&dueFrom=&dueTo=&q= →
 * .xlsx of the tasks in the caller's scope as the list filters them (kind=overdue: the overdue ones,
 * keeping street and type). An expensive read: one at a time per account.
 */
export const GET = apiRoute({ area: "tasks", expensive: true }, async ({ user, db, req }) => {
  const q = parseQuery(ExportQuery, req.url);
  if (!q.ok) return q.response;
  const { kind, ...filters } = q.data;
  const file = await exportTasksXlsx(db, user, { kind, filters: filters as Partial<TaskFilters> });
  return new Response(new Uint8Array(file.buffer), {
    headers: { "Content-Type": XLSX, "Content-Disposition": contentDisposition(file.fileName), "Cache-Control": "no-store, private" },
  });
});
