import { publicRoute } from "@/lib/auth/api";
import { json, failureResponse, parseJson } from "@/lib/http";
import { SignIn, signIn } from "@/lib/me/auth";
import { meRoute } from "@/lib/auth/volunteer-api";
import { meSessionLimiter } from "@/lib/me/limits";
import { endVolunteerSession, meCookieHeader } from "@/lib/auth/volunteer-session";

/** Phone + code → 200 and the volunteer session cookie; 401 on a wrong, expired or used code. */
export const POST = publicRoute({ limiter: meSessionLimiter }, async ({ req, db, ip }) => {
  const body = await parseJson(req, SignIn);
  if (!body.ok) return body.response;
  const r = await signIn(db, { ...body.data, ip });
  if (!r.ok) return failureResponse(r);
  return json({ ok: true, volunteerId: r.volunteerId }, 200, { "Set-Cookie": meCookieHeader(r.token) });
});

/** Sign out: ends the session on the server and clears the cookie. */
export const DELETE = meRoute(async ({ db, token }) => {
  await endVolunteerSession(db, token);
  return json({ ok: true }, 200, { "Set-Cookie": meCookieHeader("", 0) });
});
