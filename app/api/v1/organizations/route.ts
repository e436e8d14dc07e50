import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { listOrganizations } from "@/lib/organizations/queries";
import { parseOrgFilters } from "@/lib/organizations/rules";

export const dynamic = "force-dynamic";

/** `GET /api/v1/organizations?region=&type=&sector=&q=&page=` — organizations and teams in scope. */
export const GET = apiRoute({ area: "organizations" }, async ({ user, req }) => {
  const { filters, errors } = parseOrgFilters(Object.fromEntries(new URL(req.url).searchParams));
  if (errors.length > 0) return apiError(400, "bad_request", errors[0]!, { issues: errors });
  return NextResponse.json(await listOrganizations(user, filters), { headers: { "Cache-Control": "no-store" } });
});
