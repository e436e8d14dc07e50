import "server-only";
/** Small helpers shared by the activities / service-records / time-bank route handlers. */
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import type { CurrentUser } from "@/lib/auth/session";
import { clientIp } from "@/lib/rate-limit";
import type { ServiceActor } from "./actor";
import { canReview, reviewServiceRecord } from "./review";

export function actorOf(user: CurrentUser, req?: Request): ServiceActor {
  return { id: user.id, username: user.username, role: user.role, scopeCode: user.scopeCode, organizationId: user.organizationId, ip: req ? clientIp(req.headers) : null };
}

export async function readJson(req: Request): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; response: Response }> {
  try {
    const b = (await req.json()) as unknown;
    if (b && typeof b === "object" && !Array.isArray(b)) return { ok: true, body: b as Record<string, unknown> };
  } catch {
    /* fall through */
  }
  return { ok: false, response: apiError(400, "bad_request", "请求格式错误：需要 JSON 对象") };
}

export function json(data: unknown, status = 200): Response {
  return NextResponse.json(data, { status, headers: { "Cache-Control": "no-store" } });
}

const STATUS: Record<string, number> = { not_found: 404, invalid: 422, conflict: 409, full: 409, insufficient_points: 409, out_of_stock: 409, not_available: 422 };

export function fail(r: { code: string; message: string; field?: string }): Response {
  return apiError(STATUS[r.code] ?? 400, r.code, r.message, r.field ? { fields: [r.field] } : undefined);
}

export function idParam(raw: string | undefined): number | null {
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * POST /api/v1/service-records/{id}/verify and …/reject: the supervising street or district
 * verifies (hours, star level, earn entry, rollups) or rejects with a reason (a verified record
 * gets a reversing entry, never an edit). One handler, two routes.
 */
export function reviewRoute(to: "verified" | "rejected") {
  const Body = z.object({ version: z.number().int().positive().optional(), reason: z.string().max(500, "原因最多 500 个字").optional() });
  return apiRoute<{ id: string }>({ area: "activities", write: true }, async ({ user, req, params }) => {
    if (!canReview(user.role)) return apiError(403, "forbidden", "只有街道或文明办可以审核服务时长");
    const id = idParam(params.id);
    if (!id) return apiError(404, "not_found", "服务记录不存在");
    const b = await readJson(req);
    if (!b.ok) return b.response;
    const p = Body.safeParse(b.body);
    if (!p.success) return apiError(422, "invalid", `${p.error.issues[0]!.path.join(".")}: ${p.error.issues[0]!.message}`);
    const r = await reviewServiceRecord(await getDb(), actorOf(user, req), { id, to, version: p.data.version, reason: p.data.reason });
    return r.ok ? json(r) : fail({ ...r, field: r.code === "invalid" ? "reason" : undefined });
  });
}
