import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseJson } from "@/lib/http";
import { listOrganizations } from "@/lib/organizations/queries";
import { parseOrgFilters } from "@/lib/organizations/rules";
import { createOrganization, OrgSchema } from "@/lib/organizations/write";

export const dynamic = "force-dynamic";

/** `GET /api/v1/organizations?region=&type=&sector=&q=&page=` — organizations and teams in scope. A bad parameter → 400 naming it. */
export const GET = apiRoute({ area: "organizations" }, async ({ actor, db, req }) => {
  const { filters, errors } = parseOrgFilters(Object.fromEntries(new URL(req.url).searchParams));
  if (errors.length > 0) return apiError(400, "bad_request", errors[0]!, { issues: errors });
  return json(await listOrganizations(db, actor, filters));
});

/** `POST /api/v1/organizations {name, type, level, parentId?, regionCode, supervisorCode?}` → 201 `{id, version}`; 422 naming the field (parent out of scope, level). */
export const POST = apiRoute({ area: "organizations", write: true, roles: ["wmb_staff", "street_officer"] }, async ({ actor, db, req }) => {
  const body = await parseJson(req, OrgSchema);
  if (!body.ok) return body.response;
  const r = await createOrganization(db, actor, body.data);
  return r.ok ? json(r, 201) : failureResponse(r);
});
