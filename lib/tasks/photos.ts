/**
 * Task photos: checked by content, re-encoded with sharp (turned upright by EXIF, metadata
 * — including GPS — stripped unless TASK_PHOTO_KEEP_EXIF=1), stored outside public/ under a
 * server-generated name in the file store (lib/storage: TASK_PHOTO_DIR on one node, the database
 * with FILE_STORE=postgres on a cluster), and served only through the authorized route. A bad file
 * writes nothing; a failed database insert removes the file it had written.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, isNull, or } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { rectificationTasks, taskPhotos } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { fail, type Failure, type Result } from "@/lib/http";
import { checkPhotoFile, decidePhotoUpload, EXT, type ImageMime, MAX_PHOTO_BYTES, type PhotoPhase, STORED_NAME, storedNameFor } from "./photo-rules";
import { taskInScope } from "./scope";
import { NOT_FOUND_MESSAGE } from "./service";
import { env } from "@/lib/env";
import { fileStore } from "@/lib/storage";
import { bucketDir } from "@/lib/storage/disk";

/** Where photos live on the disk store (read per call so tests and deployments can point it elsewhere). */
export function photoDir(): string {
  return bucketDir("photos");
}

const MAX_EDGE = 3000;

/** Re-encodes in the same format: upright, at most 3000 px on the long edge, no metadata. */
export async function reencode(input: Uint8Array, mime: ImageMime): Promise<Buffer> {
  let img = sharp(input, { failOn: "error", limitInputPixels: 100_000_000 }).autoOrient().resize({ width: MAX_EDGE, height: MAX_EDGE, fit: "inside", withoutEnlargement: true });
  if (env().TASK_PHOTO_KEEP_EXIF) img = img.keepExif();
  if (mime === "image/jpeg") img = img.jpeg({ quality: 85, mozjpeg: true });
  else if (mime === "image/png") img = img.png({ compressionLevel: 9 });
  else img = img.webp({ quality: 85 });
  return img.toBuffer();
}

const bad = (status: 400 | 404 | 422, message: string, field: string): Failure => fail(status === 404 ? "not_found" : "invalid_file", message, { status, fields: [field] });

/**
 * Stores one photo for a task (or, for a problem being registered, unattached and owned by the
 * uploader until the registration picks it up). Returns the new photo id.
 */
export async function storePhoto(db: Db, actor: Actor, input: { taskId: number | null; phase: PhotoPhase; bytes: Uint8Array | null }): Promise<Result<{ id: number }>> {
  const check = checkPhotoFile(input.bytes);
  if (!check.ok) return bad(check.status, check.message, "file");
  let task: { id: number; streetCode: string; status: (typeof rectificationTasks.$inferSelect)["status"] } | null = null;
  if (input.taskId !== null) {
    const [t] = await db
      .select({ id: rectificationTasks.id, streetCode: rectificationTasks.streetCode, status: rectificationTasks.status })
      .from(rectificationTasks)
      .where(and(eq(rectificationTasks.id, input.taskId), taskInScope(actor.scopeCode)))
      .limit(1);
    if (!t) return bad(404, NOT_FOUND_MESSAGE, "taskId");
    task = t;
  }
  const d = decidePhotoUpload({ phase: input.phase, role: actor.role, actorScope: actor.scopeCode, task });
  if (!d.ok) return fail(d.code, d.message, d.fields ? { status: d.status, fields: d.fields } : { status: d.status });

  let out: Buffer;
  try {
    out = await reencode(input.bytes!, check.mime);
  } catch {
    return bad(422, "照片文件已损坏或无法解码，请重新拍摄或选择其他照片", "file");
  }
  if (out.length === 0 || out.length > MAX_PHOTO_BYTES) return bad(422, "照片处理后超过 10 MB，请压缩后重试", "file");

  const name = storedNameFor(randomUUID(), check.mime);
  const store = fileStore();
  await store.put("photos", name, out);
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(taskPhotos)
        .values({ taskId: task?.id ?? null, eventId: null, phase: input.phase, storedName: name, mime: check.mime, bytes: out.length, uploadedBy: actor.id })
        .returning({ id: taskPhotos.id });
      await writeAudit(tx, {
        userId: actor.id,
        username: actor.username,
        role: actor.role,
        ip: actor.ip ?? null,
        action: "task.photo.upload",
        objectType: "task_photo",
        objectId: row!.id,
        summary: { taskId: task?.id ?? null, phase: input.phase, mime: check.mime, bytes: out.length },
      });
      return row!.id;
    });
    return { ok: true, id };
  } catch (e) {
    await store.remove("photos", name);
    throw e;
  }
}

/**
 * A photo's bytes, only for a user who may see its task (scope in the WHERE clause) — or, for an
 * unattached photo, only for the person who uploaded it. Anything else is "not found".
 */
export async function readPhoto(db: Db, actor: Actor, { id }: { id: number }): Promise<{ bytes: Buffer; mime: string; filename: string } | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [p] = await db
    .select({ id: taskPhotos.id, taskId: taskPhotos.taskId, phase: taskPhotos.phase, storedName: taskPhotos.storedName, mime: taskPhotos.mime })
    .from(taskPhotos)
    .leftJoin(rectificationTasks, eq(rectificationTasks.id, taskPhotos.taskId))
    .where(and(eq(taskPhotos.id, id), or(taskInScope(actor.scopeCode), and(isNull(taskPhotos.taskId), eq(taskPhotos.uploadedBy, actor.id)))))
    .limit(1);
  if (!p || !STORED_NAME.test(p.storedName)) return null;
  const file = await fileStore().get("photos", p.storedName);
  if (!file) return null;
  const ext = EXT[p.mime as ImageMime] ?? "bin";
  return { bytes: file.bytes, mime: p.mime, filename: `task-${p.taskId ?? "new"}-${p.phase}-${p.id}.${ext}` };
}
