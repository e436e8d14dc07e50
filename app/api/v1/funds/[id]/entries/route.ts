import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId, parseJson } from "@/lib/http";
import { EntrySchema, listFundEntries, postFundEntry } from "@/lib/funds/ledger";

export const dynamic = "force-dynamic";

const NOT_FOUND = "基金不存在或不在您的管辖范围内";

/** `GET /api/v1/funds/{id}/entries` → `[{id, kind: in|out, category, amount: "123.45", …}]`, oldest first. */
export const GET = apiRoute<{ id: string }>({ area: "organizations" }, async ({ actor, db, params }) => {
  const id = parseId(params.id);
  const entries = id ? await listFundEntries(db, actor, { id }) : null;
  if (!entries) return apiError(404, "not_found", NOT_FOUND);
  return json(entries.map((e) => ({ id: e.id, kind: e.kind, category: e.category, amount: e.amount, partner: e.partner, project: e.project, counterparty: e.counterparty, receiptNo: e.receiptNo, memo: e.memo, reversesId: e.reversesId, reversedBy: e.reversedBy, createdAt: e.createdAt })));
});

/** `POST /api/v1/funds/{id}/entries {category: donation|allocation|spending, amount: "123.45", partnerId?, projectId?, counterparty?, receiptNo?, memo?}` → 201 `{id, balance}`; beyond the balance → 409, nothing written. */
export const POST = apiRoute<{ id: string }>({ area: "organizations", write: true, roles: ["wmb_staff"] }, async ({ actor, db, params, req }) => {
  const fundId = parseId(params.id);
  if (!fundId) return apiError(404, "not_found", NOT_FOUND);
  const body = await parseJson(req, EntrySchema);
  if (!body.ok) return body.response;
  const r = await postFundEntry(db, actor, { ...body.data, fundId });
  return r.ok ? json(r, 201) : failureResponse(r);
});
