import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { clientIpFrom } from "@/lib/security/ip";
import { badContentType, crossOriginReason, isMutating } from "@/lib/security/origin";
import { bearerFrom, tokenAllows, tokenPrincipal } from "@/lib/security/tokens";
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
 * The one wrapper for route handlers:
 * 1. a mutating request must be same-origin (Origin / Sec-Fetch-Site; 403) and carry JSON or a
 *    multipart upload (415) — bearer-token calls are not browser calls and skip the origin rule;
 * 2. authenticate: the session (401), or `Authorization: Bearer <api token>` (401 if unknown,
 *    revoked or expired; every use audited);
 * 3. authorize: the role may use the area (403) and, for writes, may write at all — for a token,
 *    its permissions name the area (`tasks:read`, `tasks:write`);
 * the handler then puts the region scope in its query and answers 404 for anything outside it.
 */
export function apiRoute<P = Record<string, string>>(
  opts: { area: Area; write?: boolean },
  handler: (ctx: ApiContext<P>) => Promise<Response>,
) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    const mutating = isMutating(req.method);
    const bearer = bearerFrom(req);
    if (mutating && bearer === null) {
      const why = crossOriginReason(req);
      if (why) return apiError(403, "cross_origin", "拒绝跨站请求");
    }
    if (mutating && badContentType(req)) return apiError(415, "unsupported_media_type", "请求内容须为 JSON（Content-Type: application/json）");
    let user: CurrentUser | null;
    if (bearer !== null) {
      const db = await getDb();
      const p = bearer ? await tokenPrincipal(db, bearer) : null;
      const ip = clientIpFrom((n) => req.headers.get(n));
      const path = new URL(req.url).pathname;
      if (!p) {
        await audit(db, { username: "api:?", ip, action: "api.token_use", outcome: "denied", summary: { method: req.method, path, reason: "invalid_token" } });
        return apiError(401, "invalid_token", "接口令牌无效、已吊销或已过期");
      }
      const allowed = tokenAllows(p.user.apiToken!.permissions, opts.area, Boolean(opts.write) || mutating);
      await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, p.tokenId));
      await audit(db, { userId: p.user.id, username: p.user.username, role: "api_token", ip, action: "api.token_use", objectType: "api_token", objectId: p.tokenId, outcome: allowed ? "success" : "denied", summary: { method: req.method, path, area: opts.area } });
      if (!allowed) return apiError(403, "forbidden", "接口令牌无此权限");
      user = p.user;
    } else {
      user = await getCurrentUser();
      if (!user) return apiError(401, "unauthenticated", "未登录或登录已过期");
      if (user.mustChangePassword) return apiError(403, "password_change_required", "请先修改密码后再使用");
      if (user.mustEnrolTotp) return apiError(403, "totp_enrolment_required", "请先绑定动态验证码");
      if (!canOpen(user.role, opts.area)) return apiError(403, "forbidden", "当前角色无权访问此功能");
    }
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
