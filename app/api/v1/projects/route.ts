import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, readJson } from "@/lib/http";
import { listProjects } from "@/lib/projects/queries";
import { parseProjectFilters, ProjectInput, projectErrors } from "@/lib/projects/rules";
import { createProject } from "@/lib/projects/write";

export const dynamic = "force-dynamic";

/** `GET /api/v1/projects?region=&sector=&status=&org=&q=&page=` — projects in the caller's scope. A bad parameter → 400 naming it. */
export const GET = apiRoute({ area: "organizations" }, async ({ actor, db, req }) => {
  const { filters, errors } = parseProjectFilters(Object.fromEntries(new URL(req.url).searchParams));
  if (errors.length > 0) return apiError(400, "bad_request", errors[0]!, { issues: errors });
  const r = await listProjects(db, actor, filters);
  return json({ ...r, items: r.items.map(({ fingerprint, ...p }) => ({ ...p, version: fingerprint })) });
});

/** `POST /api/v1/projects` — create a project (sector, community, organization, partner, period, status). */
export const POST = apiRoute({ area: "organizations", write: true }, async ({ actor, db, req }) => {
  const body = await readJson(req, { maxBytes: 16_384 });
  if (!body.ok) return body.response;
  const parsed = ProjectInput.safeParse(body.data);
  if (!parsed.success) {
    const errors = projectErrors(parsed.error);
    return apiError(422, "invalid", errors[0]!.message, { errors });
  }
  const r = await createProject(db, actor, parsed.data);
  return r.ok ? json({ id: r.id }, 201) : failureResponse(r);
});
