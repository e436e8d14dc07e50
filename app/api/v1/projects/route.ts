import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { readJsonBody } from "@/lib/volunteers/join";
import { listProjects } from "@/lib/projects/queries";
import { parseProjectFilters, ProjectInput, projectErrors } from "@/lib/projects/rules";
import { createProject } from "@/lib/projects/write";
import { clientIp } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

/** `GET /api/v1/projects?region=&sector=&status=&org=&q=&page=` — projects in the caller's scope. */
export const GET = apiRoute({ area: "organizations" }, async ({ user, req }) => {
  const { filters, errors } = parseProjectFilters(Object.fromEntries(new URL(req.url).searchParams));
  if (errors.length > 0) return apiError(400, "bad_request", errors[0]!, { issues: errors });
  const r = await listProjects(user, filters);
  return NextResponse.json(
    { ...r, items: r.items.map(({ fingerprint, ...p }) => ({ ...p, version: fingerprint })) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

/** `POST /api/v1/projects` — create a project (sector, community, organization, partner, period, status). */
export const POST = apiRoute({ area: "organizations", write: true }, async ({ user, req }) => {
  const body = await readJsonBody(req);
  if (body === "too_large") return apiError(413, "too_large", "提交的内容过长");
  if (!body) return apiError(400, "bad_request", "请求格式错误：需要 JSON 对象");
  const parsed = ProjectInput.safeParse(body);
  if (!parsed.success) {
    const errors = projectErrors(parsed.error);
    return apiError(422, "invalid", errors[0]!.message, { errors });
  }
  const r = await createProject(await getDb(), user, parsed.data, clientIp(req.headers));
  if (r.ok) return NextResponse.json({ id: r.id }, { status: 201, headers: { "Cache-Control": "no-store" } });
  return apiError(r.status === 400 ? 422 : r.status, r.status === 403 ? "forbidden" : "invalid", r.message, { errors: r.errors });
});
