import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, parseId, readJson } from "@/lib/http";
import { getProject } from "@/lib/projects/queries";
import { ProjectInput, projectErrors } from "@/lib/projects/rules";
import { updateProject } from "@/lib/projects/write";

export const dynamic = "force-dynamic";

const NOT_FOUND = "项目不存在或不在您的权限范围内";

/** One project; `version` is what PATCH must send back as `fingerprint`. */
export const GET = apiRoute<{ id: string }>({ area: "organizations" }, async ({ actor, db, params }) => {
  const id = parseId(params.id);
  const p = id ? await getProject(db, actor, { id }) : null;
  if (!p) return apiError(404, "not_found", NOT_FOUND);
  const { fingerprint, ...rest } = p;
  return json({ ...rest, version: fingerprint });
});

/** Edit a project. `fingerprint` (the `version` read) must still match: otherwise 409, nothing changed. */
export const PATCH = apiRoute<{ id: string }>({ area: "organizations", write: true }, async ({ actor, db, req, params }) => {
  const body = await readJson(req, { maxBytes: 16_384 });
  if (!body.ok) return body.response;
  const b = body.data;
  const fingerprint = typeof b.fingerprint === "string" ? b.fingerprint : typeof b.version === "string" ? b.version : "";
  if (!fingerprint) return apiError(422, "invalid", "fingerprint：缺少版本标识（读取项目时返回的 version）", { errors: [{ field: "fingerprint", message: "缺少版本标识" }] });
  const parsed = ProjectInput.safeParse(b);
  if (!parsed.success) {
    const errors = projectErrors(parsed.error);
    return apiError(422, "invalid", errors[0]!.message, { errors });
  }
  const id = parseId(params.id);
  if (!id) return apiError(404, "not_found", NOT_FOUND);
  const r = await updateProject(db, actor, { id, fingerprint, data: parsed.data });
  return r.ok ? json({ id: r.id }) : failureResponse(r);
});
