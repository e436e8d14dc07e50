import { apiRoute } from "@/lib/auth/api";
import { apiError, json } from "@/lib/http";
import { listOrganizations } from "@/lib/organizations/queries";
import { parseOrgFilters } from "@/lib/organizations/rules";

export const dynamic = "force-dynamic";

/** `GET /api/v1/organizations?region=&type=&sector=&q=&page=` — organizations and teams in scope. A bad parameter → 400 naming it. */
export const GET = apiRoute({ area: "organizations" }, async ({ actor, db, req }) => {
  const { filters, errors } = parseOrgFilters(Object.fromEntries(new URL(req.url).searchParams));
  if (errors.length > 0) return apiError(400, "bad_request", errors[0]!, { issues: errors });
  return json(await listOrganizations(db, actor, filters));
});
