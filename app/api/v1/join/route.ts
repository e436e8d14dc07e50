import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { apiError } from "@/lib/http";
import { today } from "@/lib/metrics/clock";
import { joinLimiter, readJsonBody } from "@/lib/volunteers/join";
import { clientIp, rateLimitMessage } from "@/lib/rate-limit";
import { registerVolunteer } from "@/lib/volunteers/register";
import { validateRegistration } from "@/lib/volunteers/registration";

export const dynamic = "force-dynamic";

/**
 * Public registration (the /join page). Rate-limited per client address; answers only about the
 * submission itself: its field errors, the new volunteer number, or "already registered" with whom
 * to contact — never anything about an existing record.
 */
export async function POST(req: Request) {
  const ip = clientIp(req.headers);
  const gate = joinLimiter().take(ip);
  if (!gate.ok) {
    return apiError(429, "rate_limited", rateLimitMessage(gate.retryAfter), { retryAfter: gate.retryAfter });
  }
  const body = await readJsonBody(req);
  if (body === "too_large") return apiError(413, "too_large", "提交的内容过长");
  if (!body) return apiError(400, "bad_request", "请求格式错误：需要 JSON 对象");
  const v = validateRegistration(body, today());
  if (!v.ok) return apiError(422, "invalid", v.errors[0]!.message, { errors: v.errors });
  const db = await getDb();
  const r = await registerVolunteer(db, { kind: "public", ip }, v.data);
  if (r.ok) return NextResponse.json({ volunteerNo: r.volunteerNo }, { status: 201, headers: { "Cache-Control": "no-store" } });
  if (r.code === "duplicate") return apiError(409, "duplicate", r.message);
  return apiError(422, "invalid", r.errors[0]!.message, { errors: r.errors });
}
