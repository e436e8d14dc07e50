import { publicRoute } from "@/lib/auth/api";
import { json, failureResponse, parseJson } from "@/lib/http";
import { CodeRequest, requestSignInCode } from "@/lib/me/auth";
import { meCodeAddressLimiter } from "@/lib/me/limits";

/** Ask for a sign-in code by SMS: 202 whether or not the number is registered (no enumeration). */
export const POST = publicRoute({ limiter: meCodeAddressLimiter }, async ({ req, db }) => {
  const body = await parseJson(req, CodeRequest);
  if (!body.ok) return body.response;
  const r = await requestSignInCode(db, body.data);
  if (!r.ok) {
    const res = failureResponse(r);
    res.headers.set("Retry-After", String(r.extra?.retryAfter ?? 60));
    return res;
  }
  return json({ ok: true, message: "如该手机号已注册为志愿者，验证码已发送，5 分钟内有效" }, 202);
});
