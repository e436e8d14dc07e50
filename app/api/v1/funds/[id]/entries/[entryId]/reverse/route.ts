import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId } from "@/lib/http";
import { reverseFundEntry } from "@/lib/funds/ledger";

export const dynamic = "force-dynamic";

/** `POST /api/v1/funds/{id}/entries/{entryId}/reverse` → 201 the reversing entry `{id, balance}`; 409 when already reversed or the balance cannot carry it. */
export const POST = apiRoute<{ id: string; entryId: string }>({ area: "organizations", write: true, roles: ["wmb_staff"] }, async ({ actor, db, params }) => {
  const fundId = parseId(params.id);
  const entryId = parseId(params.entryId);
  if (!fundId || !entryId) return apiError(404, "not_found", "记账条目不存在");
  const r = await reverseFundEntry(db, actor, { fundId, entryId });
  return r.ok ? json(r, 201) : failureResponse(r);
});
