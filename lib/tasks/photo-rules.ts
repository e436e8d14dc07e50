/**
 * Photo rules, pure: what a file is (by its first bytes, never by its name), how large it may be,
 * who may add photos to a task and when, and the shape of stored names.
 */
import type { Role } from "@/lib/auth/rules";
import { isReviewerOf, isStreetOf, type Refusal, type TaskStatus } from "./rules";

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** The whole multipart upload: one photo plus the form fields and boundaries (counted while streaming). */
export const MAX_UPLOAD_BYTES = MAX_PHOTO_BYTES + 256 * 1024;
export const PHOTO_PHASES = ["before", "after"] as const;
export type PhotoPhase = (typeof PHOTO_PHASES)[number];

export type ImageMime = "image/jpeg" | "image/png" | "image/webp";
export const EXT: Record<ImageMime, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/** JPEG (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A) or WebP (RIFF….WEBP) by content; anything else null. */
export function sniffImage(b: Uint8Array): ImageMime | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length >= 8 && png.every((x, i) => b[i] === x)) return "image/png";
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

/** Stored names are server-generated: two hex chars of shard, a UUID and a known extension. */
export const STORED_NAME = /^[0-9a-f]{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(jpg|png|webp)$/;

export function storedNameFor(uuid: string, mime: ImageMime): string {
  return `${uuid.slice(0, 2)}/${uuid}.${EXT[mime]}`;
}

export type FileCheck = { ok: true; mime: ImageMime } | { ok: false; status: 400 | 422; message: string };

/** The checks before any decoding: present, not empty, ≤ 10 MB, a JPEG/PNG/WebP by content. */
export function checkPhotoFile(bytes: Uint8Array | null | undefined): FileCheck {
  if (!bytes) return { ok: false, status: 400, message: "请选择要上传的照片（字段 file）" };
  if (bytes.length === 0) return { ok: false, status: 400, message: "照片文件为空" };
  if (bytes.length > MAX_PHOTO_BYTES) return { ok: false, status: 422, message: `照片不能超过 10 MB（当前 ${(bytes.length / 1024 / 1024).toFixed(1)} MB）` };
  const mime = sniffImage(bytes);
  if (!mime) return { ok: false, status: 422, message: "只能上传 JPEG、PNG 或 WebP 格式的照片（按文件内容识别，改扩展名无效）" };
  return { ok: true, mime };
}

/**
 * Who may add a photo: before-photos (现场照片) by the 文明办 reviewer of the task (or, for a problem
 * being registered, any district/city 文明办); after-photos (整改后照片) by the responsible street while
 * the task is being worked on. Nothing is added to a closed task.
 */
export function decidePhotoUpload(i: { phase: PhotoPhase; role: Role; actorScope: string; task: { streetCode: string; status: TaskStatus } | null }): { ok: true } | Refusal {
  if (i.role !== "wmb_staff" && i.role !== "street_officer") {
    return { ok: false, status: 403, code: "forbidden_role", message: i.role === "leader" ? "领导账号为只读，不能上传照片" : "当前角色无权上传任务照片" };
  }
  if (!i.task) {
    if (i.phase !== "before") return { ok: false, status: 422, code: "invalid", message: "整改后照片须指定任务（字段 taskId）", fields: ["taskId"] };
    if (i.role === "wmb_staff" && (i.actorScope.length === 4 || i.actorScope.length === 6)) return { ok: true };
    return { ok: false, status: 403, code: "forbidden_role", message: "登记问题的现场照片须由区（市）或市文明办上传" };
  }
  const t = i.task;
  if (t.status === "closed") return { ok: false, status: 422, code: "illegal_move", message: "任务已销号，不能再上传照片" };
  if (i.phase === "before") {
    if (isReviewerOf(i.role, i.actorScope, t.streetCode)) return { ok: true };
    return { ok: false, status: 403, code: "forbidden_role", message: "现场照片（整改前）须由文明办上传" };
  }
  if (!isStreetOf(i.role, i.actorScope, t.streetCode)) return { ok: false, status: 403, code: "forbidden_role", message: "整改后照片须由责任街道上传" };
  if (t.status !== "assigned" && t.status !== "in_progress" && t.status !== "returned") {
    return { ok: false, status: 422, code: "illegal_move", message: "只有交办、整改中或退回的任务可以上传整改后照片" };
  }
  return { ok: true };
}
