import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute } from "@/lib/auth/api";
import { apiError, parseQuery } from "@/lib/http";
import { today } from "@/lib/metrics/clock";
import { getCockpitCampaign, getRegionMetrics } from "@/lib/metrics/queries";
import { resolvePeriod, SECTORS } from "@/lib/metrics/rules";
import { reportJson } from "@/lib/metrics/serialize";

export const dynamic = "force-dynamic";

const Query = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  period: z.enum(["campaign", "week", "month", "custom"]).optional(),
  sector: z.enum(SECTORS, { message: `sector 只能是 ${SECTORS.join("、")}` }).optional(),
});

/** The same figures as the cockpit page, for a region in the caller's scope and a period. */
export const GET = apiRoute<{ code: string }>({ area: "cockpit", expensive: true }, async ({ user, req, params }) => {
  const q = parseQuery(Query, req.url);
  if (!q.ok) return q.response;
  const campaign = await getCockpitCampaign();
  const p = resolvePeriod({ period: q.data.period, from: q.data.from, to: q.data.to }, today(), campaign);
  if (!p.ok) return apiError(400, "bad_request", p.message, { field: p.field });
  const report = await getRegionMetrics({ user, code: params.code, period: p.period, sector: q.data.sector ?? null });
  if (!report) return apiError(404, "not_found", "区域不存在或不在您的权限范围内");
  return NextResponse.json(reportJson(report), { headers: { "Cache-Control": "no-store" } });
});
