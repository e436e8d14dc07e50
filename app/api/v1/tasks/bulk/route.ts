import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { actorFrom, failureResponse, jsonBody, ok } from "@/lib/tasks/api";
import { BulkSchema, firstIssue } from "@/lib/tasks/schema";
import { bulkUpdate } from "@/lib/tasks/service";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/tasks/bulk — 文明办: {action: "reassign", items: [{id, version}], streetCode, communityCode, reason}
 * or {action: "extend", items, deadline, reason}. Each task is its own change (version check, event,
 * audit); the answer lists what was updated and what failed, with the reason.
 */
export const POST = apiRoute({ area: "tasks", write: true }, async ({ user, req }) => {
  const b = await jsonBody(req);
  if (!b.ok) return b.response;
  const parsed = BulkSchema.safeParse(b.body);
  if (!parsed.success) {
    const i = firstIssue(parsed.error);
    return apiError(422, "invalid", `${i.field}: ${i.message}`, { fields: [i.field] });
  }
  const r = await bulkUpdate(await getDb(), actorFrom(user, req), parsed.data);
  if (!r.ok) return failureResponse(r);
  return ok({ updated: r.updated, failed: r.failed });
});
