import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { getCampaign } from "@/lib/campaign/queries";
import { today } from "@/lib/metrics/clock";
import { resolvePeriod } from "@/lib/metrics/rules";
import { getCoverage } from "@/lib/projects/queries";

export const dynamic = "force-dynamic";

/** `GET /api/v1/projects/coverage?region=&from=&to=` — regions × six sectors, the cockpit's definition. */
export const GET = apiRoute({ area: "organizations" }, async ({ user, req }) => {
  const sp = new URL(req.url).searchParams;
  const region = sp.get("region") || user.scopeCode;
  const campaign = await getCampaign(await getDb());
  const p = resolvePeriod({ period: sp.get("period") ?? undefined, from: sp.get("from") ?? undefined, to: sp.get("to") ?? undefined }, today(), campaign);
  if (!p.ok) return apiError(400, "bad_request", p.message, { field: p.field });
  const cov = await getCoverage(user, region, p.period.from, p.period.to);
  if (!cov) return apiError(404, "not_found", "区域不存在或不在您的权限范围内");
  return NextResponse.json({ region, period: p.period, ...cov }, { headers: { "Cache-Control": "no-store" } });
});
