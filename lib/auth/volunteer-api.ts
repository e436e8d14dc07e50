import "server-only";
/**
 * The wrapper for the volunteer's own route handlers (/api/v1/me/…) — the counterpart of
 * `apiRoute` for the separate volunteer session kind; its call is the handler's first statement:
 * a mutating request must be same-origin (403) and JSON (415), then the `civic_me` session cookie
 * must resolve to a live volunteer session (401; 403 for a signed-in portal account). A portal sign-in is not accepted here, and the
 * volunteer session is accepted nowhere else. The handler reads only `me.volunteerId`'s rows.
 */
import { cookies } from "next/headers";
import { type Db, getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { apiError } from "@/lib/http";
import { clientIpFrom } from "@/lib/security/ip";
import { badContentType, crossOriginReason, isMutating } from "@/lib/security/origin";
import { ME_COOKIE, resolveVolunteerSession, type VolunteerActor } from "./volunteer-session";

export interface MeContext<P> {
  me: VolunteerActor;
  req: Request;
  params: P;
  db: Db;
  /** The raw session cookie (sign-out ends it). */
  token: string;
}

export function meRoute<P = Record<string, string>>(handler: (ctx: MeContext<P>) => Promise<Response>) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    if (isMutating(req.method)) {
      if (crossOriginReason(req)) return apiError(403, "cross_origin", "拒绝跨站请求");
      if (badContentType(req)) return apiError(415, "unsupported_media_type", "请求内容须为 JSON（Content-Type: application/json）");
    }
    const token = (await cookies()).get(ME_COOKIE)?.value;
    const db = await getDb();
    const me = await resolveVolunteerSession(db, token, clientIpFrom((n) => req.headers.get(n)));
    if (!me || !token) {
      // A portal account is not a volunteer: signed in as staff → 403, not signed in at all → 401.
      if (await getCurrentUser().catch(() => null)) return apiError(403, "forbidden", "工作人员账号不能使用志愿者本人接口，请用志愿者手机号登录");
      return apiError(401, "unauthenticated", "未登录或登录已过期，请用手机号和验证码登录");
    }
    const params = ctx?.params ? await ctx.params : ({} as P);
    return handler({ me, req, params, db, token });
  };
}
