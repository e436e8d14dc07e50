import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { getProject } from "@/lib/projects/queries";
import { ProjectInput, projectErrors } from "@/lib/projects/rules";
import { updateProject } from "@/lib/projects/write";
import { readJsonBody } from "@/lib/volunteers/join";
import { clientIp } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

const idOf = (s: string) => (/^\d{1,10}$/.test(s) ? Number(s) : 0);

/** One project; `version` is what PATCH must send back as `fingerprint`. */
export const GET = apiRoute<{ id: string }>({ area: "organizations" }, async ({ user, params }) => {
  const p = await getProject(user, idOf(params.id));
  if (!p) return apiError(404, "not_found", "项目不存在或不在您的权限范围内");
  const { fingerprint, ...rest } = p;
  return NextResponse.json({ ...rest, version: fingerprint }, { headers: { "Cache-Control": "no-store" } });
});

/** Edit a project. `fingerprint` (the `version` read) must still match: otherwise 409, nothing changed. */
export const PATCH = apiRoute<{ id: string }>({ area: "organizations", write: true }, async ({ user, req, params }) => {
  const body = await readJsonBody(req);
  if (body === "too_large") return apiError(413, "too_large", "提交的内容过长");
  if (!body) return apiError(400, "bad_request", "请求格式错误：需要 JSON 对象");
  const fingerprint = typeof body.fingerprint === "string" ? body.fingerprint : typeof body.version === "string" ? body.version : "";
  if (!fingerprint) return apiError(422, "invalid", "fingerprint：缺少版本标识（读取项目时返回的 version）", { errors: [{ field: "fingerprint", message: "缺少版本标识" }] });
  const parsed = ProjectInput.safeParse(body);
  if (!parsed.success) {
    const errors = projectErrors(parsed.error);
    return apiError(422, "invalid", errors[0]!.message, { errors });
  }
  const r = await updateProject(await getDb(), user, idOf(params.id), fingerprint, parsed.data, clientIp(req.headers));
  if (r.ok) return NextResponse.json({ id: r.id }, { headers: { "Cache-Control": "no-store" } });
  return apiError(r.status === 400 ? 422 : r.status, r.status === 404 ? "not_found" : r.status === 409 ? "conflict" : r.status === 403 ? "forbidden" : "invalid", r.message, { errors: r.errors });
});
