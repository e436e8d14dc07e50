import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { actorFrom, failureResponse, ok } from "@/lib/tasks/api";
import { MAX_PHOTO_BYTES, PHOTO_PHASES, type PhotoPhase } from "@/lib/tasks/photo-rules";
import { storePhoto } from "@/lib/tasks/photos";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/task-photos (multipart: `file`, `taskId`, `phase` = before|after) → 201 {id}. The type is
 * checked by content (JPEG/PNG/WebP), at most 10 MB; the photo is re-encoded and stored outside
 * public/. `taskId` may be left out for before-photos of a problem being registered.
 */
export const POST = apiRoute({ area: "tasks", write: true }, async ({ user, req }) => {
  const len = Number(req.headers.get("content-length") ?? 0);
  if (len > MAX_PHOTO_BYTES + 256 * 1024) return apiError(413, "too_large", "照片不能超过 10 MB", { fields: ["file"] });
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return apiError(400, "bad_request", "请以 multipart/form-data 上传照片（字段 file）", { fields: ["file"] });
  }
  const phase = String(form.get("phase") ?? "");
  if (!(PHOTO_PHASES as readonly string[]).includes(phase)) return apiError(400, "bad_request", "phase 只能是 before（整改前）或 after（整改后）", { fields: ["phase"] });
  const taskRaw = String(form.get("taskId") ?? "").trim();
  if (taskRaw && !/^\d{1,9}$/.test(taskRaw)) return apiError(400, "bad_request", "taskId 应为任务编号", { fields: ["taskId"] });
  const file = form.get("file");
  const bytes = file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : null;
  const r = await storePhoto(await getDb(), actorFrom(user, req), { taskId: taskRaw ? Number(taskRaw) : null, phase: phase as PhotoPhase, bytes });
  if (!r.ok) return failureResponse(r);
  return ok({ id: r.id, url: `/api/v1/task-photos/${r.id}` }, 201);
});
