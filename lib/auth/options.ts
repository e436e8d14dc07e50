import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { authSecret } from "@/lib/env";
import { audit } from "@/lib/audit/log";
import { checkCredentials } from "./login";
import type { Role } from "./rules";

export const SESSION_MAX_AGE_S = 12 * 60 * 60;

function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const h = headers ?? {};
  const fwd = (h["x-forwarded-for"] ?? h["X-Forwarded-For"]) as string | undefined;
  return fwd?.split(",")[0]?.trim() || ((h["x-real-ip"] as string | undefined) ?? null);
}

/**
 * next-auth 4: account + password (Credentials, fields `username` and `password`), JWT sessions
 * carrying user id, role, scope and session version. The JWT is only a pointer: every request
 * re-reads the user (lib/auth/session.ts) and refuses a stale session version.
 */
export const authOptions: NextAuthOptions = {
  // A getter, so `next build` can import this module without the runtime secret.
  get secret() {
    return authSecret();
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "账号密码",
      credentials: {
        username: { label: "用户名", type: "text" },
        password: { label: "密码", type: "password" },
      },
      async authorize(credentials, req) {
        const username = String(credentials?.username ?? "");
        const password = String(credentials?.password ?? "");
        if (!username || !password) throw new Error("请输入用户名和密码");
        const db = await getDb();
        const r = await checkCredentials(db, username, password, clientIp(req?.headers as Record<string, unknown>));
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
      }
      return token;
    },
    async session({ session, token }) {
      (session as unknown as { uid: number }).uid = token.uid as number;
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
