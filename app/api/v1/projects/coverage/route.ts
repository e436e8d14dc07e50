import { apiRoute } from "@/lib/auth/api";
import { apiError, json } from "@/lib/http";
import { getCampaign } from "@/lib/campaign/queries";
import { today } from "@/lib/metrics/clock";
import { resolvePeriod } from "@/lib/metrics/rules";
import { getCoverage } from "@/lib/projects/queries";
import { one } from "@/lib/search-params";

export const dynamic = "force-dynamic";

/** `GET /api/v1/projects/coverage?region=&from=&to=` — regions × six sectors, the cockpit's definition. */
export const GET = apiRoute({ area: "organizations" }, async ({ actor, db, req }) => {
  const sp = new URL(req.url).searchParams;
  const get = (k: string) => one(sp.get(k)) ?? undefined;
  const region = get("region") || actor.scopeCode;
  const campaign = await getCampaign(db);
  const p = resolvePeriod({ period: get("period"), from: get("from"), to: get("to") }, today(), campaign);
  if (!p.ok) return apiError(400, "bad_request", p.message, { field: p.field });
  const cov = await getCoverage(db, actor, { code: region, from: p.period.from, to: p.period.to });
  if (!cov) return apiError(404, "not_found", "区域不存在或不在您的权限范围内");
  return json({ region, period: p.period, ...cov });
});
