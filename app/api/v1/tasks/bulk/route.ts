import { apiRoute } from "@/lib/auth/api";
import { failureResponse, json, parseJson } from "@/lib/http";
import { BulkSchema } from "@/lib/tasks/schema";
import { bulkUpdate } from "@/lib/tasks/service";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/tasks/bulk — 文明办: {action: "reassign", items: [{id, version}], streetCode, communityCode, reason}
 * or {action: "extend", items, deadline, reason}. Each task is its own change (version check, event,
 * audit); the answer lists what was updated and what failed, with the reason.
 */
export const POST = apiRoute({ area: "tasks", write: true }, async ({ actor, db, req }) => {
  const body = await parseJson(req, BulkSchema);
  if (!body.ok) return body.response;
  const r = await bulkUpdate(db, actor, body.data);
  if (!r.ok) return failureResponse(r);
  return json({ updated: r.updated, failed: r.failed });
});
