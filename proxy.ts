import { withAuth } from "next-auth/middleware";
import { authSecret } from "@/lib/env";

/**
 * Only redirects visitors without a session to the login page. It authorizes nothing: every page,
 * action and route handler checks the user, role and region scope itself (lib/auth).
 */
const guard = withAuth({ pages: { signIn: "/login" }, secret: authSecret() });

export default function proxy(...args: Parameters<typeof guard>) {
  return guard(...args);
}

export const config = {
  // Public: login, next-auth, the JSON API (answers 401 itself), health, static files, public pages.
  matcher: ["/((?!(?:login|password|join|request|activities)(?:/|$)|api/|_next/|favicon\\.ico).*)"],
};
