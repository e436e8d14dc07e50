import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { authSecret, env, servedOverHttps } from "@/lib/env";
import { buildCsp, newNonce } from "@/lib/security/csp";

/**
 * Runs before every page (Next 16 "proxy", formerly middleware). It does two things only:
 * 1. a per-request CSP nonce (lib/security/csp.ts) on the request (Next.js applies it to its inline
 *    scripts) and on the response;
 * 2. sends a visitor without a session cookie to the login page.
 * It AUTHORIZES NOTHING and is not a security boundary: every page, action and route handler checks
 * the user, role, region scope and session on the server itself (lib/auth), so a request that skips
 * the proxy (x-middleware-subrequest and friends) gains nothing — e2e/security.spec.ts proves it.
 */
const PUBLIC = /^\/(?:login|password|totp|join|request|activities|verify|me\/login)(?:\/|$)/;
/** The volunteer's own pages: a separate session kind (lib/me/session.ts), its own sign-in page. */
const VOLUNTEER = /^\/me(?:\/|$)/;
const VOLUNTEER_COOKIE = "civic_me";

export default async function proxy(req: NextRequest) {
  const nonce = newNonce();
  const csp = buildCsp(nonce, { dev: env().NODE_ENV !== "production", https: servedOverHttps() });
  const { pathname, search } = req.nextUrl;
  if (!PUBLIC.test(pathname) && VOLUNTEER.test(pathname)) {
    // Only redirects a visitor without the cookie; /me pages check the session on the server.
    if (!req.cookies.get(VOLUNTEER_COOKIE)?.value) {
      const res = NextResponse.redirect(new URL("/me/login", req.url));
      res.headers.set("Content-Security-Policy", csp);
      return res;
    }
  } else if (!PUBLIC.test(pathname)) {
    const token = await getToken({ req, secret: authSecret() });
    if (!token) {
      const login = new URL("/login", req.url);
      login.searchParams.set("callbackUrl", `${pathname}${search}`);
      const res = NextResponse.redirect(login);
      res.headers.set("Content-Security-Policy", csp);
      return res;
    }
  }
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  return res;
}

export const config = {
  // Pages only: the JSON API answers 401 itself, next-auth and static files need no nonce; the files
  // of public/ (icons, robots.txt) are served to anyone without a session.
  matcher: ["/((?!api/|_next/static|_next/image|favicon\\.ico|icon\\.svg|robots\\.txt).*)"],
};
