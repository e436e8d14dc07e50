import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, readForm } from "@/lib/http";
import { importProblems } from "@/lib/tasks/import";
import { MAX_IMPORT_BYTES } from "@/lib/tasks/import-rules";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/tasks/import (multipart: `file` = .xlsx or .csv, `assignNow` = 1 to assign each new
 * problem at once) → the per-row report. Not a spreadsheet / wrong headers → 422, nothing written.
 */
export const POST = apiRoute({ area: "tasks", write: true }, async ({ actor, db, req }) => {
  const form = await readForm(req, MAX_IMPORT_BYTES + 64 * 1024);
  if (!form.ok) return form.response;
  const file = form.data.get("file");
  if (!(file instanceof Blob) || file.size === 0) return apiError(400, "bad_request", "请选择要导入的 .xlsx 或 .csv 文件", { fields: ["file"] });
  if (file.size > MAX_IMPORT_BYTES) return apiError(413, "too_large", "文件不能超过 5 MB，请分批导入", { fields: ["file"] });
  const assign = form.data.get("assignNow");
  const r = await importProblems(db, actor, { bytes: new Uint8Array(await file.arrayBuffer()), assignNow: assign === "1" || assign === "on" || assign === "true" });
  return r.ok ? json(r.report) : failureResponse(r);
});
