import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId } from "@/lib/http";
import { revealContact } from "@/lib/dispatch/contact";
import { NOT_FOUND_MESSAGE } from "@/lib/dispatch/service";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/demands/{id}/contact → 200 {name, phone}: the requester's full phone for the staff who
 * handle the need (the dispatcher in scope, the team it was sent to), audited; 404 for anyone else.
 * A POST because it writes the audit entry; never cached.
 */
export const POST = apiRoute<{ id: string }>({ area: "dispatch", roles: ["wmb_staff", "street_officer", "org_admin"] }, async ({ actor, db, params }) => {
  const id = parseId(params.id);
  if (!id) return apiError(404, "not_found", NOT_FOUND_MESSAGE);
  const r = await revealContact(db, actor, { id });
  if (!r.ok) return failureResponse(r);
  return json({ name: r.name, phone: r.phone }, 200, { "Cache-Control": "no-store, private" });
});
