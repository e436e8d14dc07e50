import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { today } from "@/lib/metrics/clock";
import { parseVolunteerFilters } from "@/lib/volunteers/filters";
import { readJsonBody } from "@/lib/volunteers/join";
import { searchVolunteers } from "@/lib/volunteers/queries";
import { clientIp } from "@/lib/rate-limit";
import { registerVolunteer } from "@/lib/volunteers/register";
import { validateRegistration } from "@/lib/volunteers/registration";

export const dynamic = "force-dynamic";

/** `GET /api/v1/volunteers?q=&region=&org=&star=&sector=&active=&page=` — masked, scoped. */
export const GET = apiRoute({ area: "volunteers" }, async ({ user, req }) => {
  const sp = Object.fromEntries(new URL(req.url).searchParams);
  const { filters, errors } = parseVolunteerFilters(sp);
  if (errors.length > 0) return apiError(400, "bad_request", errors[0]!, { issues: errors });
  const r = await searchVolunteers(user, filters);
  return NextResponse.json(r, { headers: { "Cache-Control": "no-store" } });
});

/** `POST /api/v1/volunteers` — staff registration (JSON body as the form sends it). */
export const POST = apiRoute({ area: "volunteers", write: true }, async ({ user, req }) => {
  const body = await readJsonBody(req);
  if (body === "too_large") return apiError(413, "too_large", "提交的内容过长");
  if (!body) return apiError(400, "bad_request", "请求格式错误：需要 JSON 对象");
  const v = validateRegistration(body, today());
  if (!v.ok) return apiError(422, "invalid", v.errors[0]!.message, { errors: v.errors });
  const r = await registerVolunteer(await getDb(), { kind: "staff", user, ip: clientIp(req.headers) }, v.data);
  if (r.ok) return NextResponse.json({ id: r.id, volunteerNo: r.volunteerNo, registeredOn: r.registeredOn }, { status: 201, headers: { "Cache-Control": "no-store" } });
  if (r.code === "duplicate") return apiError(409, "duplicate", r.message, { duplicate: r.duplicate });
  return apiError(422, "invalid", r.errors[0]!.message, { errors: r.errors });
});
