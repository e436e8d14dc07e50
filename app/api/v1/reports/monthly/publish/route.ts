import { z } from "zod";
import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, readJson } from "@/lib/http";
import { monthSchema } from "@/lib/reports/rules";
import { publishReport } from "@/lib/reports/service";

export const dynamic = "force-dynamic";

const Body = z.object({
  month: monthSchema,
  region: z.string({ message: "region: 请选择区域" }).regex(/^\d{4}(\d{2})?$/, "region: 月报区域应为全市（4 位）或区市（6 位）代码"),
  reason: z.string().max(500, "reason: 原因不超过 500 字").optional().nullable(),
});

/** Freezes a month's report as a new revision (文明办 only; the first needs no reason, a republication does). */
export const POST = apiRoute({ area: "reports", write: true }, async ({ user, db, req }) => {
  const raw = await readJson(req);
  if (!raw.ok) return raw.response;
  // The messages name their field ("month: …"); this route has always answered them with 400.
  const b = Body.safeParse(raw.data);
  if (!b.success) return apiError(400, "bad_request", b.error.issues[0]!.message, { issues: b.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })) });
  const r = await publishReport(db, user, { month: b.data.month, code: b.data.region, reason: b.data.reason });
  if (!r.ok) return failureResponse(r);
  return json({ month: b.data.month, region: b.data.region, revision: r.revision }, 201);
});
