import { failureResponse, json, apiError, readJson } from "@/lib/http";
import { publicRoute } from "@/lib/auth/api";
import { today } from "@/lib/metrics/clock";
import { joinLimiter } from "@/lib/volunteers/join";
import { registerVolunteer } from "@/lib/volunteers/register";
import { validateRegistration } from "@/lib/volunteers/registration";

export const dynamic = "force-dynamic";

/**
 * Public registration (the /join page). Rate-limited per client address; answers only about the
 * submission itself: its field errors, the new volunteer number, or "already registered" with whom
 * to contact — never anything about an existing record.
 */
export const POST = publicRoute({ limiter: joinLimiter }, async ({ req, ip, db }) => {
  const body = await readJson(req, { maxBytes: 16_384 });
  if (!body.ok) return body.response;
  const v = validateRegistration(body.data, today());
  if (!v.ok) return apiError(422, "invalid", v.errors[0]!.message, { errors: v.errors });
  const r = await registerVolunteer(db, null, { ...v.data, ip });
  if (r.ok) return json({ volunteerNo: r.volunteerNo }, 201);
  return r.code === "duplicate" ? apiError(409, "duplicate", r.message) : failureResponse(r);
});
