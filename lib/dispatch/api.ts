import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { apiError } from "@/lib/http";
import type { CurrentUser } from "@/lib/auth/session";
import { clientIpFrom } from "@/lib/security/ip";
import type { Failure, StaffActor } from "./service";

export const json = (body: unknown, status = 200) => NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });

export function failure(f: Failure): Response {
  return apiError(f.status, f.code, f.message, { ...(f.fields ? { fields: f.fields } : {}), ...(f.currentVersion !== undefined ? { currentVersion: f.currentVersion } : {}) });
}

/** A zod failure as 422 naming the field (400 when the body is not JSON at all is the caller's). */
export function invalid(error: z.ZodError): Response {
  const issue = error.issues[0]!;
  const field = issue.path.join(".");
  return apiError(422, "invalid", field ? `${field}: ${issue.message}` : issue.message, { fields: error.issues.map((i) => i.path.join(".")), issues: error.issues.map((i) => ({ field: i.path.join("."), message: i.message })) });
}

export function staffOf(user: CurrentUser, req: Request): StaffActor {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, scopeCode: user.scopeCode, organizationId: user.organizationId, ip: clientIpFrom((n) => req.headers.get(n)) };
}

export function idParam(raw: string | undefined): number | null {
  return raw && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}
