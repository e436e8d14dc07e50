import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { publishReport } from "@/lib/reports/service";
import { clientIpFrom } from "@/lib/security/ip";
import { monthSchema } from "@/lib/reports/rules";

export const dynamic = "force-dynamic";

const Body = z.object({
  month: monthSchema,
  region: z.string({ message: "region: 请选择区域" }).regex(/^\d{4}(\d{2})?$/, "region: 月报区域应为全市（4 位）或区市（6 位）代码"),
  reason: z.string().max(500, "reason: 原因不超过 500 字").optional().nullable(),
});

/** Freezes a month's report as a new revision (the first needs no reason; a republication does). */
export const POST = apiRoute({ area: "reports", write: true }, async ({ user, req }) => {
  if (user.role !== "wmb_staff") return apiError(403, "forbidden", "只有文明办工作人员可以发布月报");
  const raw = await req.json().catch(() => null);
  const b = Body.safeParse(raw);
  if (!b.success) return apiError(400, "bad_request", b.error.issues[0]!.message, { issues: b.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })) });
  const r = await publishReport(user, { month: b.data.month, code: b.data.region, reason: b.data.reason, ip: clientIpFrom((n) => req.headers.get(n)) });
  if (!r.ok) return apiError(r.status, r.code, r.message);
  return NextResponse.json({ month: b.data.month, region: b.data.region, revision: r.revision }, { status: 201 });
});
