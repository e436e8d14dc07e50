import { apiRoute, publicRoute } from "@/lib/auth/api";
import { failureResponse, json, parseJson, parseQuery } from "@/lib/http";
import { demandPostLimiter, demandRateMessage } from "@/lib/dispatch/limits";
import { listDemands } from "@/lib/dispatch/queries";
import { listQuerySchema, postDemandSchema } from "@/lib/dispatch/schema";
import { postDemand } from "@/lib/dispatch/service";

export const dynamic = "force-dynamic";

/** The dispatch board's feed: needs in the user's reach (a street its needs, a team what was sent to it). */
export const GET = apiRoute({ area: "dispatch" }, async ({ actor, db, req }) => {
  const q = parseQuery(listQuerySchema, req.url);
  if (!q.ok) return q.response;
  const items = await listDemands(db, actor, q.data);
  return json({ items, at: new Date().toISOString() });
});

/**
 * 点单: public (the /request page), rate-limited per client address → 201 {reference}. Signed-in
 * street or 文明办 staff entering a need received by phone post here too (source "phone", their
 * scope, not rate-limited). Both paths must be same-origin JSON (403 / 415) — the check comes first.
 */
export const POST = publicRoute(
  { limiter: demandPostLimiter, limitMessage: demandRateMessage, exemptStaff: (u) => u.role === "street_officer" || u.role === "wmb_staff" },
  async ({ req, ip, user, db }) => {
    const body = await parseJson(req, postDemandSchema);
    if (!body.ok) return body.response;
    const r = await postDemand(db, user ?? { kind: "public", ip }, body.data);
    if (!r.ok) return failureResponse(r);
    return json({ reference: r.reference, ...(user ? { id: r.id, version: r.version } : {}) }, 201);
  },
);
