import { apiRoute } from "@/lib/auth/api";
import { apiError, failureResponse, json, readJson } from "@/lib/http";
import { today } from "@/lib/metrics/clock";
import { parseVolunteerFilters } from "@/lib/volunteers/filters";
import { searchVolunteers } from "@/lib/volunteers/queries";
import { registerVolunteer } from "@/lib/volunteers/register";
import { validateRegistration } from "@/lib/volunteers/registration";

export const dynamic = "force-dynamic";

/** `GET /api/v1/volunteers?q=&region=&org=&star=&sector=&active=&page=` — masked, scoped. A bad parameter → 400 naming it. */
export const GET = apiRoute({ area: "volunteers" }, async ({ actor, db, req }) => {
  const { filters, errors } = parseVolunteerFilters(Object.fromEntries(new URL(req.url).searchParams));
  if (errors.length > 0) return apiError(400, "bad_request", errors[0]!, { issues: errors });
  return json(await searchVolunteers(db, actor, filters));
});

/** `POST /api/v1/volunteers` — staff registration (JSON body as the form sends it). */
export const POST = apiRoute({ area: "volunteers", write: true }, async ({ actor, db, req }) => {
  const body = await readJson(req, { maxBytes: 16_384 });
  if (!body.ok) return body.response;
  const v = validateRegistration(body.data, today());
  if (!v.ok) return apiError(422, "invalid", v.errors[0]!.message, { errors: v.errors });
  const r = await registerVolunteer(db, actor, v.data);
  return r.ok ? json({ id: r.id, volunteerNo: r.volunteerNo, registeredOn: r.registeredOn }, 201) : failureResponse(r);
});
