import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, readForm } from "@/lib/http";
import { MAX_UPLOAD_BYTES, PHOTO_PHASES, type PhotoPhase } from "@/lib/tasks/photo-rules";
import { storePhoto } from "@/lib/tasks/photos";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/task-photos (multipart: `file`, `taskId`, `phase` = before|after) → 201 {id}. The body
 * is counted while it streams (413 past 10 MB, with or without Content-Length); the type is checked by
 * content (JPEG/PNG/WebP); the photo is re-encoded and stored outside public/. `taskId` may be left out
 * for before-photos of a problem being registered.
 */
export const POST = apiRoute({ area: "tasks", write: true }, async ({ actor, db, req }) => {
  const form = await readForm(req, MAX_UPLOAD_BYTES);
  if (!form.ok) return form.response;
  const phase = String(form.data.get("phase") ?? "");
  if (!(PHOTO_PHASES as readonly string[]).includes(phase)) return apiError(400, "bad_request", "phase 只能是 before（整改前）或 after（整改后）", { fields: ["phase"] });
  const taskRaw = String(form.data.get("taskId") ?? "").trim();
  if (taskRaw && !/^\d{1,9}$/.test(taskRaw)) return apiError(400, "bad_request", "taskId 应为任务编号", { fields: ["taskId"] });
  const file = form.data.get("file");
  const bytes = file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : null;
  const r = await storePhoto(db, actor, { taskId: taskRaw ? Number(taskRaw) : null, phase: phase as PhotoPhase, bytes });
  if (!r.ok) return failureResponse(r);
  return json({ id: r.id, url: `/api/v1/task-photos/${r.id}` }, 201);
});
