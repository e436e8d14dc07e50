import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId } from "@/lib/http";
import { revealPii } from "@/lib/volunteers/queries";

export const dynamic = "force-dynamic";

/**
 * `POST /api/v1/volunteers/{id}/reveal` — the full ID and phone numbers of one volunteer, for a user
 * holding `pii_reveal`, written to the audit log (refusals too). Never cached.
 */
export const POST = apiRoute<{ id: string }>({ area: "volunteers" }, async ({ actor, db, params }) => {
  const id = parseId(params.id);
  if (!id) return apiError(404, "not_found", "志愿者不存在或不在您的权限范围内");
  const r = await revealPii(db, actor, { id });
  if (!r.ok) return failureResponse(r);
  return json({ idCard: r.idCard, phone: r.phone }, 200, { "Cache-Control": "no-store, private", Pragma: "no-cache" });
});
