import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { authSecret, servedOverHttps } from "@/lib/env";
import { audit } from "@/lib/audit/log";
import { clientIpFrom } from "@/lib/security/ip";
import { checkCredentials } from "./login";
import type { Role } from "./rules";

/**
 * The cookie/JWT lifetime is the longest absolute session the settings allow (24 h); the configured
 * absolute and idle limits are enforced on the server at every request (lib/auth/session.ts) from
 * the JWT's login time and the account's last_seen_at.
 */
export const SESSION_MAX_AGE_S = 24 * 60 * 60;

function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const h = headers ?? {};
  return clientIpFrom((n) => (h[n] ?? h[n.toLowerCase()]) as string | undefined);
}

/**
 * next-auth 4: account + password + second factor (Credentials, fields `username`, `password`,
 * `otp` — a TOTP code or a recovery code, for enrolled accounts), JWT sessions
 * carrying user id, role, scope and session version. The JWT is only a pointer: every request
 * re-reads the user (lib/auth/session.ts) and refuses a stale session version.
 */
export const authOptions: NextAuthOptions = {
  // A getter, so `next build` can import this module without the runtime secret.
  get secret() {
    return authSecret();
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  // next-auth's defaults, stated: HttpOnly, SameSite=Lax, path /, and Secure (with the __Secure-
  // prefix) whenever NEXTAUTH_URL is https — which production deployments must use.
  useSecureCookies: servedOverHttps(),
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "账号密码",
      credentials: {
        username: { label: "用户名", type: "text" },
        password: { label: "密码", type: "password" },
        otp: { label: "动态验证码", type: "text" },
      },
      async authorize(credentials, req) {
        const username = String(credentials?.username ?? "");
        const password = String(credentials?.password ?? "");
        if (!username || !password) throw new Error("请输入用户名和密码");
        const db = await getDb();
        const otp = String(credentials?.otp ?? "");
        const r = await checkCredentials(db, username, password, clientIp(req?.headers as Record<string, unknown>), otp);
        if (!r.ok) throw new Error(r.message);
        return { id: String(r.user.id), name: r.user.displayName, role: r.user.role, scope: r.user.scopeCode, sv: r.user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { id: string; role: Role; scope: string; sv: number };
        token.uid = Number(u.id);
        token.role = u.role;
        token.scope = u.scope;
        token.sv = u.sv;
        // Login time: the absolute session limit counts from here, whatever refreshes the cookie.
        token.lat = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    async session({ session, token }) {
      // /api/auth/session answers for a live session only: a cookie whose session version has
      // moved on (logout, disable, password or role change, timeout) reveals nothing about anyone.
      const uid = Number(token.uid);
      const db = await getDb();
      const [u] = uid
        ? await db.select({ sv: users.sessionVersion, disabled: users.disabled }).from(users).where(eq(users.id, uid)).limit(1)
        : [];
      if (!u || u.disabled || u.sv !== token.sv) return {} as typeof session;
      (session as unknown as { uid: number }).uid = uid;
      return session;
    },
  },
  events: {
    // Logging out ends every session of the user: the stored session version moves on.
    async signOut({ token }) {
      const uid = Number((token as { uid?: number } | null)?.uid);
      if (!uid) return;
      const db = await getDb();
      const [u] = await db
        .update(users)
        .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.id, uid))
        .returning({ username: users.username, role: users.role });
      if (u) await audit(db, { userId: uid, username: u.username, role: u.role, action: "auth.logout" });
    },
  },
};
