/**
 * Events that group activities (issue 19) on a real database: the seeded 市北 launch, totals = Σ its
 * activities computed straight from the raw tables, recording an event with three activities through
 * the real route handlers, and an activity of another district refused with nothing written.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { newApiToken } from "@/lib/security/tokens";
import { getEvent, listEvents, sumActivities } from "@/lib/events/service";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/events/route";
import { GET as getRoute } from "@/app/api/v1/events/[id]/route";
import { PATCH as activitiesRoute } from "@/app/api/v1/events/[id]/activities/route";
import { testDb, userFor } from "../support/db";

const BASE = "http://localhost:3000";
let token = "";
let tokenId = 0;

beforeAll(async () => {
  const db = await testDb();
  const t = newApiToken();
  token = t.token;
  const [row] = await db
    .insert(apiTokens)
    .values({ name: "events-test", prefix: t.prefix, tokenHash: t.hash, scopeCode: "370285", permissions: ["organizations:read", "organizations:write"], createdBy: (await userFor("secadmin")).id })
    .returning({ id: apiTokens.id });
  tokenId = row!.id;
});
afterAll(async () => {
  await (await testDb()).delete(apiTokens).where(eq(apiTokens.id, tokenId));
});

const call = (method: string, path: string, body?: unknown) =>
  new Request(`${BASE}${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json", Origin: BASE } : {}) }, body: body ? JSON.stringify(body) : undefined });
const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });

/** An event's figures straight from the raw tables. */
async function flat(eventId: number) {
  const [r] = await rows<{ n: number; vols: number; served: number; solved: number }>(
    await testDb(),
    sql`SELECT count(*)::int AS n,
      (SELECT count(*)::int FROM service_records sr JOIN activities x ON x.id = sr.activity_id WHERE x.event_id = ${eventId} AND sr.status = 'verified') AS vols,
      coalesce(sum(people_served), 0)::int AS served, coalesce(sum(problems_solved), 0)::int AS solved FROM activities WHERE event_id = ${eventId}`,
  );
  return { activities: Number(r!.n), volunteers: Number(r!.vols), peopleServed: Number(r!.served), problemsSolved: Number(r!.solved) };
}

describe("events", () => {
  it("the seeded 市北 launch holds twelve activities; its totals are their sums (list, detail and raw tables agree)", async () => {
    const db = await testDb();
    const city = await userFor("wmb_admin");
    const list = await listEvents(db, city, { region: "370203" });
    const launch = list.find((e) => e.name.includes("情满市北"))!;
    expect(launch).toBeDefined();
    expect(launch.totals.activities).toBe(12);
    const detail = (await getEvent(db, city, { id: launch.id }))!;
    expect(detail.activities).toHaveLength(12);
    expect(detail.totals).toEqual(sumActivities(detail.activities));
    expect(detail.totals).toEqual(launch.totals);
    expect(detail.totals).toEqual(await flat(launch.id));
    expect(detail.totals.peopleServed).toBeGreaterThan(0);
    // 莱西 staff do not see 市北's event
    expect(await getEvent(db, await userFor("laixi_wmb"), { id: launch.id })).toBeNull();
  });

  it("records an event with three activities (201); GET answers totals = Σ activities; another district's activity → 422, nothing written", async () => {
    const db = await testDb();
    const acts = await rows<{ id: number }>(
      db,
      sql`SELECT id FROM activities WHERE region_code LIKE '370285001%' AND status = 'completed' AND event_id IS NULL ORDER BY people_served DESC NULLS LAST, id LIMIT 3`,
    );
    expect(acts).toHaveLength(3);
    const [org] = await rows<{ id: number }>(db, sql`SELECT id FROM organizations WHERE region_code LIKE '370285%' AND level = 'corps'`);
    const res = await createRoute(
      call("POST", "/api/v1/events", { name: "水集街道“邻里守望”志愿服务集中行动", organizationId: Number(org!.id), regionCode: "370285001", heldOn: "2026-11-20", activityIds: acts.map((a) => Number(a.id)) }),
      params({}),
    );
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    const got = await getRoute(call("GET", `/api/v1/events/${id}`), params({ id: String(id) }));
    expect(got.status).toBe(200);
    const body = (await got.json()) as { totals: Record<string, number>; activities: { id: number; name: string; peopleServed: number; problemsSolved: number }[] };
    expect(body.activities.map((a) => a.id).sort()).toEqual(acts.map((a) => Number(a.id)).sort());
    expect(body.totals.activities).toBe(3);
    expect(body.totals.peopleServed).toBe(body.activities.reduce((s, a) => s + a.peopleServed, 0));
    expect(body.totals.problemsSolved).toBe(body.activities.reduce((s, a) => s + a.problemsSolved, 0));
    expect(body.totals).toEqual(await flat(id));

    // an activity of 市北 cannot join a 莱西 event (the token's scope cannot even see it): 422 naming the field, nothing changed
    const [shibei] = await rows<{ id: number }>(db, sql`SELECT id FROM activities WHERE region_code LIKE '370203%' AND event_id IS NULL ORDER BY id LIMIT 1`);
    const [own] = await rows<{ id: number }>(db, sql`SELECT id FROM activities WHERE region_code LIKE '370285%' AND event_id IS NULL ORDER BY id LIMIT 1`);
    const bad = await activitiesRoute(call("PATCH", `/api/v1/events/${id}/activities`, { add: [Number(own!.id), Number(shibei!.id)] }), params({ id: String(id) }));
    expect(bad.status).toBe(422);
    const bj = (await bad.json()) as { message: string; fields: string[] };
    expect(bj.fields).toEqual(["activityIds.1"]);
    expect(bj.message).toContain("activityIds.1");
    const [still] = await rows<{ event_id: number | null }>(db, sql`SELECT event_id FROM activities WHERE id = ${own!.id}`);
    expect(still!.event_id).toBeNull();
    expect(await flat(id)).toEqual(body.totals);

    const listed = await listRoute(call("GET", "/api/v1/events?region=370285001"), params({}));
    const items = ((await listed.json()) as { items: { id: number; totals: Record<string, number> }[] }).items;
    expect(items.find((e) => e.id === id)!.totals).toEqual(body.totals);
  });

  it("a city 文明办 moving a 市北 activity into a 莱西 event is refused naming the activity's district", async () => {
    const db = await testDb();
    const city = await userFor("wmb_admin");
    const [ev] = await rows<{ id: number }>(db, sql`SELECT id FROM events WHERE region_code LIKE '370285%' ORDER BY id LIMIT 1`);
    const [shibei] = await rows<{ id: number }>(db, sql`SELECT id FROM activities WHERE region_code LIKE '370203%' AND event_id IS NULL ORDER BY id LIMIT 1`);
    const { changeEventActivities } = await import("@/lib/events/service");
    const r = await changeEventActivities(db, city, { id: Number(ev!.id), add: [Number(shibei!.id)] });
    expect(r).toMatchObject({ ok: false, code: "invalid", fields: ["activityIds.0"] });
    expect((r as { message: string }).message).toContain("其他区");
  });
});
