import "server-only";
/**
 * The volunteer's own session (/me): a session kind separate from the portal's next-auth sign-in.
 * The cookie `civic_me` holds 32 random bytes; volunteer_sessions keeps only their SHA-256, the
 * volunteer and the hash of the phone used to sign in. It is scoped to that one volunteer and never
 * carries a portal role: nothing in lib/auth accepts it, and /me code accepts nothing else.
 * Checked on the server at every request: ended (sign-out), idle longer than ME_IDLE_MINUTES, older
 * than ME_ABSOLUTE_DAYS, the volunteer no longer active or the phone no longer theirs → signed out.
 */
import { createHash, randomBytes } from "node:crypto";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { and, eq, isNull } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { volunteerSessions, volunteers } from "@/db/schema";
import { servedOverHttps } from "@/lib/env";
import { clientIpFrom } from "@/lib/security/ip";
import { piiHash } from "@/lib/volunteers/pii";
import { normalizeMobile } from "@/lib/volunteers/rules";
import { sessionVerdict } from "@/lib/me/rules";

export const ME_COOKIE = "civic_me";
export const ME_IDLE_MINUTES = 120;
export const ME_ABSOLUTE_DAYS = 7;

/** The one "who is acting" on /me: a volunteer, never a portal user. */
export interface VolunteerActor {
  kind: "volunteer";
  role: "volunteer";
  volunteerId: number;
  sessionId: number;
  /** Keyed hash of the phone signed in with (the one number shown unmasked to them). */
  phoneHash: string;
  ip: string | null;
}

const hashToken = (t: string) => createHash("sha256").update(t).digest("hex");

/** Creates a session for a volunteer and returns the cookie value (set it with `meCookie`). */
export async function startVolunteerSession(db: Db, { volunteerId, phone, ip }: { volunteerId: number; phone: string; ip: string | null }): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.insert(volunteerSessions).values({
    tokenHash: hashToken(token),
    volunteerId,
    phoneHash: piiHash(normalizeMobile(phone)),
    ip,
    expiresAt: new Date(Date.now() + ME_ABSOLUTE_DAYS * 86_400_000),
  });
  return token;
}

export function meCookie(value: string, maxAge = ME_ABSOLUTE_DAYS * 86_400) {
  return { name: ME_COOKIE, value, httpOnly: true, sameSite: "lax" as const, secure: servedOverHttps(), path: "/", maxAge };
}

/** `Set-Cookie` header value for route handlers. */
export function meCookieHeader(value: string, maxAge = ME_ABSOLUTE_DAYS * 86_400): string {
  const c = meCookie(value, maxAge);
  return `${c.name}=${c.value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${c.secure ? "; Secure" : ""}`;
}

/** Resolves a cookie value to the volunteer it signs in, ending dead sessions for good. */
export async function resolveVolunteerSession(db: Db, token: string | undefined, ip: string | null, now = new Date()): Promise<VolunteerActor | null> {
  if (!token) return null;
  const [row] = await db
    .select({ s: volunteerSessions, status: volunteers.status, phoneHash: volunteers.phoneHash })
    .from(volunteerSessions)
    .innerJoin(volunteers, eq(volunteers.id, volunteerSessions.volunteerId))
    .where(eq(volunteerSessions.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return null;
  const verdict = sessionVerdict({ ...row.s, volunteerActive: row.status === "active", phoneStillTheirs: row.phoneHash === row.s.phoneHash }, now, ME_IDLE_MINUTES);
  if (verdict !== "alive") {
    if (!row.s.endedAt) await db.update(volunteerSessions).set({ endedAt: now, endReason: verdict }).where(and(eq(volunteerSessions.id, row.s.id), isNull(volunteerSessions.endedAt)));
    return null;
  }
  // Touch at most once a minute (an idle gap is measured from the last request).
  if (now.getTime() - row.s.lastSeenAt.getTime() > 60_000) await db.update(volunteerSessions).set({ lastSeenAt: now }).where(eq(volunteerSessions.id, row.s.id));
  return { kind: "volunteer", role: "volunteer", volunteerId: row.s.volunteerId, sessionId: row.s.id, phoneHash: row.s.phoneHash, ip };
}

/** Ends a session (sign-out). */
export async function endVolunteerSession(db: Db, token: string | undefined, reason = "logout"): Promise<void> {
  if (!token) return;
  await db.update(volunteerSessions).set({ endedAt: new Date(), endReason: reason }).where(and(eq(volunteerSessions.tokenHash, hashToken(token)), isNull(volunteerSessions.endedAt)));
}

/** The signed-in volunteer of this request (pages, actions), cached per request. */
export const getVolunteer = cache(async (): Promise<VolunteerActor | null> => {
  const [c, h] = await Promise.all([cookies(), headers()]);
  return resolveVolunteerSession(await getDb(), c.get(ME_COOKIE)?.value, clientIpFrom((n) => h.get(n)));
});

/** For /me pages and volunteer actions: the volunteer and the database, or a redirect to /me/login. */
export async function requireVolunteer(): Promise<{ me: VolunteerActor; db: Db }> {
  const me = await getVolunteer();
  if (!me) redirect("/me/login");
  return { me, db: await getDb() };
}
