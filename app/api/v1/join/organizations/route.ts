import { publicRoute } from "@/lib/auth/api";
import { apiError, json } from "@/lib/http";
import { listJoinOrganizations } from "@/lib/organizations/queries";
import { one } from "@/lib/search-params";
import { joinLookupLimiter } from "@/lib/volunteers/join";

export const dynamic = "force-dynamic";

/** Public: the organizations and teams based in one street (names only), for the /join page. */
export const GET = publicRoute({ limiter: joinLookupLimiter, exemptStaff: () => true }, async ({ req, db }) => {
  const street = one(new URL(req.url).searchParams.get("street")) ?? "";
  if (!/^3702\d{5}$/.test(street)) return apiError(400, "bad_request", "street: 请提供 9 位街道（镇）区划代码");
  return json(await listJoinOrganizations(db, { street }), 200, { "Cache-Control": "public, max-age=600" });
});
