import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute } from "@/lib/auth/api";
import { ANALYTICS_ROLES, type DemandAnalytics, getDemandAnalytics, isDay } from "@/lib/dispatch/analytics";
import { getCampaign } from "@/lib/campaign/queries";
import { apiError, DomainError, invalid } from "@/lib/http";
import { today } from "@/lib/metrics/clock";

export const dynamic = "force-dynamic";

const Query = z.object({
  from: z.string().refine(isDay, "日期格式应为 YYYY-MM-DD（如 2026-11-01）").optional(),
  to: z.string().refine(isDay, "日期格式应为 YYYY-MM-DD（如 2026-11-30）").optional(),
});

/** The public shape: counts only (no contact data); the unmet list carries references, not people. */
function toJson(a: DemandAnalytics) {
  return {
    region: a.region,
    from: a.from,
    to: a.to,
    asOf: a.asOf,
    received: a.received,
    byCategory: a.byCategory,
    byRequesterType: a.byRequesterType,
    unmet: a.unmet,
    unmetByReason: a.unmetByReason,
    overdueHours: a.overdueHours,
    byMonth: a.byMonth,
    children: a.children,
    unmetList: a.unmetList,
  };
}

/**
 * 智慧大脑: needs of a region in the caller's scope for the China days from–to (default: the
 * campaign start to today). Out-of-scope or unknown code → 404; a bad date → 422 naming the field.
 */
export const GET = apiRoute<{ code: string }>({ area: "dispatch", roles: ANALYTICS_ROLES, expensive: true }, async ({ actor, req, params, db }) => {
  const q = Query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) return invalid(q.error);
  const to = q.data.to ?? today();
  const from = q.data.from ?? (await getCampaign(db)).start;
  if (from > to) return apiError(422, "invalid", "from: 开始日期不能晚于结束日期", { field: "from", fields: ["from"] });
  try {
    const a = await getDemandAnalytics(db, actor, { regionCode: params.code, from, to });
    return NextResponse.json(toJson(a), { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    if (e instanceof DomainError && e.code === "not_found") return apiError(404, "not_found", "区域不存在或不在您的权限范围内");
    throw e;
  }
});
