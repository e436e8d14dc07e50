import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { actorFrom, failureResponse, ok } from "@/lib/tasks/api";
import { importProblems } from "@/lib/tasks/import";
import { MAX_IMPORT_BYTES } from "@/lib/tasks/import-rules";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/tasks/import (multipart: `file` = .xlsx or .csv, `assignNow` = 1 to assign each new
 * problem at once) → the per-row report. Not a spreadsheet / wrong headers → 422, nothing written.
 */
export const POST = apiRoute({ area: "tasks", write: true }, async ({ user, req }) => {
  const len = Number(req.headers.get("content-length") ?? 0);
  if (len > MAX_IMPORT_BYTES + 64 * 1024) return apiError(413, "too_large", "文件不能超过 5 MB，请分批导入", { fields: ["file"] });
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return apiError(400, "bad_request", "请以 multipart/form-data 上传文件（字段 file）", { fields: ["file"] });
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) return apiError(400, "bad_request", "请选择要导入的 .xlsx 或 .csv 文件", { fields: ["file"] });
  if (file.size > MAX_IMPORT_BYTES) return apiError(413, "too_large", "文件不能超过 5 MB，请分批导入", { fields: ["file"] });
  const assign = form.get("assignNow");
  const r = await importProblems(await getDb(), actorFrom(user, req), new Uint8Array(await file.arrayBuffer()), { assignNow: assign === "1" || assign === "on" || assign === "true" });
  if (!r.ok) return failureResponse(r);
  return ok(r.report);
});
