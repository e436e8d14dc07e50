import { publicRoute } from "@/lib/auth/api";
import { isRegionCode } from "@/lib/auth/rules";
import { apiError, json } from "@/lib/http";
import { listRegionChildren } from "@/lib/regions/queries";
import { one } from "@/lib/search-params";
import { joinLookupLimiter } from "@/lib/volunteers/join";

export const dynamic = "force-dynamic";

/**
 * Public: the children of a Qingdao region (district → street → community), for the region pickers
 * of the /join page and the staff forms. Region names are public information; nothing else here.
 */
export const GET = publicRoute({ limiter: joinLookupLimiter, exemptStaff: () => true }, async ({ req, db }) => {
  const parent = one(new URL(req.url).searchParams.get("parent")) ?? "3702";
  if (!isRegionCode(parent) || !parent.startsWith("3702") || parent.length >= 12) return apiError(400, "bad_request", "parent: 请提供青岛市的区、街道区划代码");
  return json(await listRegionChildren(db, { parent }), 200, { "Cache-Control": "public, max-age=3600" });
});
