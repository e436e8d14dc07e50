import { z } from "zod";
import { publicRoute } from "@/lib/auth/api";
import { CHECK_NOT_FOUND, checkCertificate } from "@/lib/certificates/check";
import { certificateCheckLimiter, checkLimitMessage } from "@/lib/certificates/limits";
import { apiError, json, parseQuery } from "@/lib/http";

export const dynamic = "force-dynamic";

const Query = z.object({
  number: z.string().trim().max(40, "证明编号过长").default(""),
  code: z.string().trim().max(40, "校验码过长").default(""),
});

/**
 * GET /api/v1/certificates/check?number=QDZY-2026-000123&code=AB3K7MZQ9X — PUBLIC (no login): the
 * number, issue date, issuing office, masked name and certified hours of that certificate, or 404
 * "证明不存在或校验码不符" for an unknown number and a wrong code alike. Rate-limited per address.
 */
export const GET = publicRoute({ limiter: certificateCheckLimiter, limitMessage: checkLimitMessage }, async ({ req, db }) => {
  const q = parseQuery(Query, req.url);
  if (!q.ok) return q.response;
  const c = await checkCertificate(db, q.data);
  if (!c) return apiError(404, "not_found", CHECK_NOT_FOUND);
  return json(c);
});
