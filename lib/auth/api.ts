import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { getCurrentUser, type CurrentUser } from "./session";
import { type Area, canOpen, canWrite } from "./rules";

/** JSON error body with a Chinese message and a stable code. */
export function apiError(status: number, code: string, message: string, extra?: Record<string, unknown>) {
  return NextResponse.json({ error: code, message, ...extra }, { status, headers: { "Cache-Control": "no-store" } });
}

export interface ApiContext<P> {
  user: CurrentUser;
  req: Request;
  params: P;
}

/**
 * The one wrapper for route handlers: authenticate (401), check the role may use the area (403) and,
 * for writes, may write at all; the handler then puts the region scope in its query and answers 404
 * for anything outside it.
 */
export function apiRoute<P = Record<string, string>>(
  opts: { area: Area; write?: boolean },
  handler: (ctx: ApiContext<P>) => Promise<Response>,
) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    const user = await getCurrentUser();
    if (!user) return apiError(401, "unauthenticated", "未登录或登录已过期");
    if (user.mustChangePassword) return apiError(403, "password_change_required", "请先修改密码后再使用");
    if (!canOpen(user.role, opts.area)) return apiError(403, "forbidden", "当前角色无权访问此功能");
    if (opts.write && !canWrite(user.role)) return apiError(403, "forbidden", "当前角色为只读");
    const params = ctx?.params ? await ctx.params : ({} as P);
    return handler({ user, req, params });
  };
}

/** Parses URLSearchParams with a zod schema; a failure becomes a 400 naming the field. */
export function parseQuery<T extends z.ZodTypeAny>(schema: T, url: string): { ok: true; data: z.infer<T> } | { ok: false; response: Response } {
  const params = Object.fromEntries(new URL(url).searchParams);
  const r = schema.safeParse(params);
  if (r.success) return { ok: true, data: r.data };
  const issue = r.error.issues[0]!;
  return { ok: false, response: apiError(400, "bad_request", `${issue.path.join(".") || "参数"}: ${issue.message}`, { issues: r.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })) }) };
}
