/**
 * The public 点单 route handler as a browser or a script calls it (the real handler and gate, no
 * session — the signed-in street's path with a cookie is in e2e/dispatch.spec.ts): a cross-site or
 * non-JSON post is refused before anything is read or written, and a control character in any field
 * is a 422 naming the field, never a 500.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { demands, regions } from "@/db/schema";
import { POST as postDemandRoute } from "@/app/api/v1/demands/route";
import { testDb } from "../support/db";

const BASE = "http://localhost:3000";
const noParams = { params: Promise.resolve({}) };
let community = "";

beforeAll(async () => {
  const db = await testDb();
  const [c] = await db.select({ code: regions.code }).from(regions).where(and(eq(regions.parentCode, "370285001"), eq(regions.level, "community"))).limit(1);
  community = c!.code;
});

const need = (over: Record<string, unknown> = {}) => ({
  category: "elderly",
  description: "独居老人需要帮忙买菜",
  communityCode: community,
  address: "水集街道测试小区 2 号楼",
  contactName: "李先生",
  contactPhone: "13900001234",
  ...over,
});

/** Each call from its own address, so the per-address limit of the public path never interferes. */
let seq = 0;
function post(body: string, headers: Record<string, string>) {
  return postDemandRoute(new Request(`${BASE}/api/v1/demands`, { method: "POST", headers: { "X-Forwarded-For": `198.51.100.${++seq}`, ...headers }, body }), noParams);
}

async function count() {
  const db = await testDb();
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(demands);
  return r!.n;
}

describe("POST /api/v1/demands", () => {
  it("refuses a cross-site post (Origin of another site, text/plain) with 403 and writes nothing", async () => {
    const before = await count();
    const res = await post(JSON.stringify(need()), { Origin: "http://evil.example", "Content-Type": "text/plain" });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: "cross_origin" });
    expect(await count()).toBe(before);
  });

  it("refuses a same-site text/plain post with 415", async () => {
    const res = await post(JSON.stringify(need()), { Origin: BASE, "Content-Type": "text/plain" });
    expect(res.status).toBe(415);
  });

  it("a NUL in the description → 422 naming description, nothing written", async () => {
    const before = await count();
    const res = await post(JSON.stringify(need({ description: "需要帮忙\u0000买菜" })), { Origin: BASE, "Content-Type": "application/json" });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body).toMatchObject({ error: "invalid", fields: ["description"] });
    expect(body.message).toContain("description");
    expect(await count()).toBe(before);
  });

  it("the same need without it is posted (201 with a reference only)", async () => {
    const res = await post(JSON.stringify(need()), { Origin: BASE, "Content-Type": "application/json" });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.reference).toMatch(/^WY\d{12}$/);
    expect(body.id).toBeUndefined();
  });
});
