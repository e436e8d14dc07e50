import { getDb } from "@/db/client";
import { apiError } from "@/lib/auth/api";
import { CHECK_NOT_FOUND, checkCertificate } from "@/lib/certificates/check";
import { certificateCheckLimiter } from "@/lib/certificates/limits";
import { json } from "@/lib/service/api";
import { clientIp, rateLimitMessage } from "@/lib/volunteers/ratelimit";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/certificates/check?number=QDZY-2026-000123&code=AB3K7MZQ9X — PUBLIC (no login): the
 * number, issue date, issuing office, masked name and certified hours of that certificate, or 404
 * "证明不存在或校验码不符" for an unknown number and a wrong code alike. Rate-limited per address.
 */
export async function GET(req: Request): Promise<Response> {
  const gate = certificateCheckLimiter().take(clientIp(req.headers));
  if (!gate.ok) {
    const r = apiError(429, "rate_limited", rateLimitMessage(gate.retryAfter, "今天从此网络查验证明的次数已达上限，请明天再试"), { retryAfter: gate.retryAfter });
    r.headers.set("Retry-After", String(gate.retryAfter));
    return r;
  }
  const q = new URL(req.url).searchParams;
  const c = await checkCertificate(await getDb(), { number: q.get("number") ?? "", code: q.get("code") ?? "" });
  if (!c) return apiError(404, "not_found", CHECK_NOT_FOUND);
  return json(c);
}
