import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { findCertificate } from "@/lib/certificates/service";
import { json } from "@/lib/service/api";

export const dynamic = "force-dynamic";

/** GET /api/v1/certificates/check?number=QDZY-2026-000123 — what the certificate with that number printed. */
export const GET = apiRoute({ area: "timebank" }, async ({ req }) => {
  const n = new URL(req.url).searchParams.get("number") ?? "";
  const c = await findCertificate(await getDb(), n);
  if (!c) return apiError(404, "not_found", "未找到该编号的证明");
  return json({ number: c.number, issuedAt: c.issuedAt, hours: Number(c.hours), name: c.content.name, idMasked: c.content.idMasked, volunteerNo: c.content.volunteerNo, periodFrom: c.periodFrom, periodTo: c.periodTo, issuer: c.issuerName });
});
