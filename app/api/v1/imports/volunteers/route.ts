import { apiRoute } from "@/lib/auth/api";
import { apiError, json, readForm } from "@/lib/http";
import { blobSource, ImportRefused } from "@/lib/spreadsheet";
import { importVolunteers, type ImportSummary, MAX_IMPORT_BYTES } from "@/lib/volunteers/import";

export const dynamic = "force-dynamic";
export const maxDuration = 900;

function body(s: ImportSummary) {
  return {
    created: s.created,
    updated: s.updated,
    skipped: s.skipped,
    rejected: s.rejected,
    rows: s.rows,
    errors: s.errors,
    errorsTruncated: s.errorsTruncated,
    reportUrl: s.reportId ? `/api/v1/imports/volunteers/report/${s.reportId}` : null,
  };
}

/**
 * `POST /api/v1/imports/volunteers` (multipart field `file`, .xlsx or .csv) →
 * `{created, updated, skipped, rejected, errors: [{row, column, message}], reportUrl}`.
 * With `?progress=1` (or `Accept: application/x-ndjson`) the answer is streamed as NDJSON:
 * `{"type":"progress",…}` lines while rows are written, then `{"type":"done",…}` or
 * `{"type":"refused","message":…}`. A refused file writes nothing (422 without streaming).
 */
export const POST = apiRoute({ area: "volunteers", write: true }, async ({ actor, db, req }) => {
  // The upload's size is counted while it streams in (a chunked body has no Content-Length).
  const form = await readForm(req, MAX_IMPORT_BYTES + 1024 * 1024);
  if (!form.ok) return form.response;
  const file = form.data.get("file");
  if (!file || typeof file === "string") return apiError(400, "bad_request", "file：请选择要导入的 .xlsx 或 .csv 文件", { fields: ["file"] });
  const source = await blobSource(file, file.name || "upload");
  const url = new URL(req.url);
  const streamed = url.searchParams.get("progress") === "1" || (req.headers.get("accept") ?? "").includes("application/x-ndjson");

  if (!streamed) {
    try {
      return json(body(await importVolunteers(db, actor, { source })));
    } catch (e) {
      if (e instanceof ImportRefused) return apiError(422, "refused", e.message);
      throw e;
    }
  }

  const enc = new TextEncoder();
  let last = 0;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      // The import carries on if the browser goes away; its rows and report are kept.
      const send = (o: unknown) => {
        try {
          controller.enqueue(enc.encode(`${JSON.stringify(o)}\n`));
        } catch {
          // stream already closed by the client
        }
      };
      send({ type: "start", size: source.size, filename: source.filename });
      try {
        const s = await importVolunteers(db, actor, {
          source,
          onProgress: (p) => {
            const now = Date.now();
            if (now - last < 200) return;
            last = now;
            send({ type: "progress", ...p });
          },
        });
        send({ type: "done", ...body(s) });
      } catch (e) {
        if (e instanceof ImportRefused) send({ type: "refused", message: e.message });
        else send({ type: "error", message: `导入中断：${(e as Error).message}` });
      }
      try {
        controller.close();
      } catch {
        // already closed
      }
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" } });
});
