import { apiRoute } from "@/lib/auth/api";
import { apiError, parseId } from "@/lib/http";
import { readPhoto } from "@/lib/tasks/photos";

export const dynamic = "force-dynamic";

/** GET /api/v1/task-photos/{id} — the image, only for users who may see its task; 404 otherwise. */
export const GET = apiRoute<{ id: string }>({ area: "tasks" }, async ({ actor, db, params }) => {
  const id = parseId(params.id);
  const p = id ? await readPhoto(db, actor, { id }) : null;
  if (!p) return apiError(404, "not_found", "照片不存在或不在您的权限范围内");
  return new Response(new Uint8Array(p.bytes), {
    headers: {
      "Content-Type": p.mime,
      "Content-Length": String(p.bytes.length),
      "Content-Disposition": `inline; filename="${p.filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
      "Cache-Control": "private, max-age=3600",
    },
  });
});
