import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb, noteWrite } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { apiError } from "@/lib/http";
import { type RateLimiter, rateLimitMessage } from "@/lib/rate-limit";
import { clientIpFrom } from "@/lib/security/ip";
import { badContentType, crossOriginReason, isMutating } from "@/lib/security/origin";
import { bearerFrom, tokenAllows, tokenPrincipal } from "@/lib/security/tokens";
import type { Actor } from "./actor";
import { type Area, canOpen, canWrite, type Role } from "./rules";
import { getCurrentUser, type CurrentUser } from "./session";
import { acquireReadSlot } from "./read-limit";

export interface ApiContext<P> {
  /** The signed-in user (or API token principal), with the request's client address. */
  user: CurrentUser;
  /** The same caller as the one Actor type every lib function takes. */
  actor: Actor;
  req: Request;
  params: P;
  /** The database for this request (`fn(db, actor, input)`; open a transaction on it for writes). */
  db: Db;
}

export interface ApiRouteOptions {
  area: Area;
  /** The handler changes data: read-only roles (leaders) and read-only tokens get 403. */
  write?: boolean;
  /** Only these roles (403 for the others, after the area check). */
  roles?: readonly Role[];
  /** An expensive read (city-wide figures, exports): limited per account (429 with Retry-After). */
  expensive?: boolean;
}

/** 429 with the wait in the body and in a Retry-After header (clients and proxies honour the header). */
function tooMany(message: string, retryAfter: number): Response {
  const res = apiError(429, "rate_limited", message, { retryAfter });
  res.headers.set("Retry-After", String(retryAfter));
  return res;
}

/** Mutating browser requests must be same-origin (403) and carry JSON or multipart (415). */
function browserWriteCheck(req: Request): Response | null {
  if (!isMutating(req.method)) return null;
  if (crossOriginReason(req)) return apiError(403, "cross_origin", "拒绝跨站请求");
  if (badContentType(req)) return apiError(415, "unsupported_media_type", "请求内容须为 JSON（Content-Type: application/json）");
  return null;
}

/**
 * The one wrapper for signed-in route handlers — its call is the handler's first statement:
 * 1. a mutating request must be same-origin (Origin / Sec-Fetch-Site; 403) and carry JSON or a
 *    multipart upload (415) — bearer-token calls are not browser calls and skip the origin rule;
 * 2. authenticate: the session (401), or `Authorization: Bearer <api token>` (401 if unknown,
 *    revoked or expired; every use audited);
 * 3. authorize: the role may use the area (403) and, for writes, may write at all — for a token,
 *    its permissions name the area (`tasks:read`, `tasks:write`);
 * 4. expensive reads take a per-account slot (429 with Retry-After when one account floods them);
 * the handler then puts the actor's scope in its query and answers 404 for anything outside it.
 */
export function apiRoute<P = Record<string, string>>(opts: ApiRouteOptions, handler: (ctx: ApiContext<P>) => Promise<Response>) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    const mutating = isMutating(req.method);
    const bearer = bearerFrom(req);
    if (bearer === null) {
      const refused = browserWriteCheck(req);
      if (refused) return refused;
    } else if (mutating && badContentType(req)) {
      return apiError(415, "unsupported_media_type", "请求内容须为 JSON（Content-Type: application/json）");
    }
    const ip = clientIpFrom((n) => req.headers.get(n));
    let user: CurrentUser | null;
    if (bearer !== null) {
      const db = await getDb();
      const p = bearer ? await tokenPrincipal(db, bearer) : null;
      const path = new URL(req.url).pathname;
      if (!p) {
        await audit(db, { username: "api:?", ip, action: "api.token_use", outcome: "denied", summary: { method: req.method, path, reason: "invalid_token" } });
        return apiError(401, "invalid_token", "接口令牌无效、已吊销或已过期");
      }
      const allowed = tokenAllows(p.user.apiToken!.permissions, opts.area, Boolean(opts.write) || mutating);
      await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, p.tokenId));
      await audit(db, { userId: p.user.id, username: p.user.username, role: "api_token", ip, action: "api.token_use", objectType: "api_token", objectId: p.tokenId, outcome: allowed ? "success" : "denied", summary: { method: req.method, path, area: opts.area } });
      if (!allowed) return apiError(403, "forbidden", "接口令牌无此权限");
      user = { ...p.user, ip };
    } else {
      user = await getCurrentUser();
      if (!user) return apiError(401, "unauthenticated", "未登录或登录已过期");
      if (user.mustChangePassword) return apiError(403, "password_change_required", "请先修改密码后再使用");
      if (user.mustEnrolTotp) return apiError(403, "totp_enrolment_required", "请先绑定动态验证码");
      if (!canOpen(user.role, opts.area)) return apiError(403, "forbidden", "当前角色无权访问此功能");
      user = { ...user, ip };
    }
    if (opts.write && !canWrite(user.role)) return apiError(403, "forbidden", "当前角色为只读");
    if (opts.roles && !opts.roles.includes(user.role)) return apiError(403, "forbidden", "当前角色无权执行此操作");
    const params = ctx?.params ? await ctx.params : ({} as P);
    const db = await getDb();
    const writer = user;
    try {
      if (!opts.expensive) return await handler({ user, actor: user, req, params, db });
      const slot = acquireReadSlot(`u:${user.id}`);
      if (!slot.ok) return tooMany(`请求过于频繁，请 ${slot.retryAfter} 秒后再试`, slot.retryAfter);
      try {
        return await handler({ user, actor: user, req, params, db });
      } finally {
        slot.release();
      }
    } finally {
      // Read-your-writes on a cluster: this user's next reads wait for the standby to have it.
      if (mutating) await noteWrite(writer.id);
    }
  };
}

export interface PublicContext<P> {
  req: Request;
  /** The client address (rate-limit key, audit). */
  ip: string;
  params: P;
  /** The signed-in user when the same route also serves staff (e.g. 点单 entered by phone). */
  user: CurrentUser | null;
  db: Db;
}

/**
 * The wrapper for deliberately public handlers (no login): a mutating request must be same-origin
 * and JSON/multipart like every other; each call takes a slot from the limiter (429 with
 * Retry-After and a Chinese message), unless `exemptStaff` lets a signed-in writer through
 * unlimited (their own audit trail identifies them).
 */
export function publicRoute<P = Record<string, string>>(
  opts: { limiter: () => RateLimiter; limitMessage?: (retryAfter: number) => string; exemptStaff?: (user: CurrentUser) => boolean },
  handler: (ctx: PublicContext<P>) => Promise<Response>,
) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    const refused = browserWriteCheck(req);
    if (refused) return refused;
    const ip = clientIpFrom((n) => req.headers.get(n)) ?? "unknown";
    let user: CurrentUser | null = null;
    if (opts.exemptStaff) {
      const u = await getCurrentUser().catch(() => null);
      if (u && !u.mustChangePassword && !u.mustEnrolTotp && opts.exemptStaff(u)) user = { ...u, ip };
    }
    if (!user) {
      const gate = await opts.limiter().consume(ip);
      if (!gate.ok) {
        const message = (opts.limitMessage ?? rateLimitMessage)(gate.retryAfter);
        return tooMany(message, gate.retryAfter);
      }
    }
    const params = ctx?.params ? await ctx.params : ({} as P);
    return handler({ req, ip, params, user, db: await getDb() });
  };
}
