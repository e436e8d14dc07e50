import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError, parseQuery } from "@/lib/http";
import { getCurrentUser } from "@/lib/auth/session";
import { invalid, json, failure, staffOf } from "@/lib/dispatch/api";
import { demandPostLimiter, demandRateMessage } from "@/lib/dispatch/limits";
import { listDemands } from "@/lib/dispatch/queries";
import { listQuerySchema, postDemandSchema } from "@/lib/dispatch/schema";
import { postDemand } from "@/lib/dispatch/service";
import { readJsonBody } from "@/lib/volunteers/join";
import { clientIpFrom } from "@/lib/security/ip";

export const dynamic = "force-dynamic";

/** The dispatch board's feed: needs in the user's reach (a street its needs, a team what was sent to it). */
export const GET = apiRoute({ area: "dispatch" }, async ({ user, req }) => {
  const q = parseQuery(listQuerySchema, req.url);
  if (!q.ok) return q.response;
  const db = await getDb();
  const items = await listDemands(db, staffOf(user, req), q.data);
  return json({ items, at: new Date().toISOString() });
});

/**
 * 点单: public (the /request page), rate-limited per client address → 201 {reference}. Signed-in
 * street or 文明办 staff entering a need received by phone post here too (source "phone", their
 * scope, not rate-limited).
 */
export async function POST(req: Request) {
  const user = await getCurrentUser().catch(() => null);
  const staff = user && !user.mustChangePassword && (user.role === "street_officer" || user.role === "wmb_staff") ? user : null;
  const ip = clientIpFrom((n) => req.headers.get(n)) ?? "unknown";
  if (!staff) {
    const gate = demandPostLimiter().take(ip);
    if (!gate.ok) return apiError(429, "rate_limited", demandRateMessage(gate.retryAfter), { retryAfter: gate.retryAfter });
  }
  const body = await readJsonBody(req);
  if (body === "too_large") return apiError(413, "too_large", "提交的内容过长");
  if (!body) return apiError(400, "bad_request", "请求格式错误：需要 JSON 对象");
  const v = postDemandSchema.safeParse(body);
  if (!v.success) return invalid(v.error);
  const db = await getDb();
  const r = await postDemand(db, staff ? { kind: "staff", user: staffOf(staff, req) } : { kind: "public", ip }, v.data);
  if (!r.ok) return failure(r);
  return json({ reference: r.reference, ...(staff ? { id: r.id, version: r.version } : {}) }, 201);
}
