import fs from "node:fs";
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { describe, expect, it } from "vitest";
import { getTableName } from "drizzle-orm";
import { isTable } from "drizzle-orm";
import * as schema from "@/db/schema";
import { testDb, userFor } from "../support/db";
import { findRegionInScope } from "@/lib/auth/session";

const root = path.resolve(__dirname, "../..");

async function q<T = Record<string, unknown>>(query: SQL): Promise<T[]> {
  return rows<T>(await testDb(), query);
}

describe("schema", () => {
  it("has every table of the Drizzle schema after migrating from empty", async () => {
    const expected = Object.values(schema)
      .filter((v) => isTable(v))
      .map((t) => getTableName(t as never))
      .sort();
    const rows = await q<{ table_name: string }>(sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    const present = new Set(rows.map((r) => r.table_name));
    expect(expected.length).toBeGreaterThan(20);
    for (const t of expected) expect(present, `table ${t}`).toContain(t);
  });
  it("applied exactly the committed migrations", async () => {
    const journal = JSON.parse(fs.readFileSync(path.join(root, "db/migrations/meta/_journal.json"), "utf8"));
    const rows = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
    expect(rows[0]!.n).toBe(journal.entries.length);
  });
  it("refuses impossible values through CHECK constraints", async () => {
    const db = await testDb();
    await expect(db.execute(sql`UPDATE service_records SET hours = 0 WHERE id = (SELECT min(id) FROM service_records)`)).rejects.toThrow();
    await expect(db.execute(sql`UPDATE demands SET rating = 6 WHERE id = (SELECT min(id) FROM demands)`)).rejects.toThrow();
    await expect(db.execute(sql`UPDATE point_accounts SET balance = -1 WHERE volunteer_id = (SELECT min(volunteer_id) FROM point_accounts)`)).rejects.toThrow();
  });
});

describe("seeded Qingdao", () => {
  it("has the real region tree: 10 districts, ~141 streets, ~2,100 communities", async () => {
    const rows = await q<{ level: string; n: number }>(sql`SELECT level::text, count(*)::int AS n FROM regions GROUP BY level`);
    const by = Object.fromEntries(rows.map((r) => [r.level, r.n]));
    expect(by.city).toBe(1);
    expect(by.district).toBe(10);
    expect(by.street).toBeGreaterThan(130);
    expect(by.community).toBeGreaterThan(2000);
    const [shuiji] = await q<{ name: string }>(sql`SELECT name FROM regions WHERE code = '370285001'`);
    expect(shuiji!.name).toBe("水集街道");
  });
  it("keeps population additive: each parent equals the sum of its children", async () => {
    const bad = await q(sql`
      SELECT p.code FROM regions p JOIN regions c ON c.parent_code = p.code
      GROUP BY p.code, p.population HAVING p.population <> sum(c.population)`);
    expect(bad).toEqual([]);
  });
  it("has the ten demo accounts with their scopes", async () => {
    const rows = await q<{ username: string; role: string; scope_code: string }>(sql`SELECT username, role::text, scope_code FROM users ORDER BY username`);
    const by = Object.fromEntries(rows.map((r) => [r.username, `${r.role}@${r.scope_code}`]));
    expect(by).toMatchObject({
      wmb_admin: "wmb_staff@3702",
      city_leader: "leader@3702",
      laixi_wmb: "wmb_staff@370285",
      laixi_leader: "leader@370285",
      shuiji_street: "street_officer@370285001",
      wangcheng_street: "street_officer@370285002",
      org_admin: "org_admin@370285001",
      sysadmin: "sysadmin@3702",
      secadmin: "secadmin@3702",
      auditor: "auditor@3702",
    });
  });
  it("registration share per district looks like a real city (8–20%)", async () => {
    const rows = await q<{ code: string; share: number }>(sql`
      SELECT r.code, (SELECT count(*) FROM volunteers v WHERE v.community_code LIKE r.code || '%')::float / r.population AS share
      FROM regions r WHERE r.level = 'district'`);
    for (const r of rows) {
      expect(r.share, r.code).toBeGreaterThan(0.06);
      expect(r.share, r.code).toBeLessThan(0.22);
    }
  });
  it("has tasks, demands and service records in every state", async () => {
    const t = await q<{ s: string }>(sql`SELECT DISTINCT status::text AS s FROM rectification_tasks`);
    expect(t.map((r) => r.s).sort()).toEqual(["assigned", "closed", "in_progress", "reported", "returned", "submitted"]);
    const d = await q<{ s: string }>(sql`SELECT DISTINCT state::text AS s FROM demands`);
    expect(d.map((r) => r.s).sort()).toEqual(["accepted", "cancelled", "completed", "dispatched", "posted", "rated", "rewarded"]);
    const s = await q<{ s: string }>(sql`SELECT DISTINCT status::text AS s FROM service_records`);
    expect(s.map((r) => r.s).sort()).toEqual(["pending", "rejected", "verified"]);
  });
  it("keeps every point balance equal to the sum of its ledger entries", async () => {
    const bad = await q(sql`
      SELECT a.volunteer_id FROM point_accounts a
      LEFT JOIN (SELECT volunteer_id, sum(amount) AS s FROM point_entries GROUP BY volunteer_id) e USING (volunteer_id)
      WHERE a.balance <> coalesce(e.s, 0)`);
    expect(bad).toEqual([]);
  });
});

describe("region scope in the query", () => {
  it("a district user cannot load another district, a street, or a code that is not one", async () => {
    const laixi = await userFor("laixi_leader");
    expect(await findRegionInScope(laixi, "370285")).toMatchObject({ name: "莱西市" });
    expect(await findRegionInScope(laixi, "370285001")).toMatchObject({ name: "水集街道" });
    expect(await findRegionInScope(laixi, "370202")).toBeNull();
    expect(await findRegionInScope(laixi, "3702")).toBeNull();
    expect(await findRegionInScope(laixi, "3702%")).toBeNull();
    expect(await findRegionInScope(laixi, "370285' OR '1'='1")).toBeNull();
  });
  it("a street user sees only its own street", async () => {
    const shuiji = await userFor("shuiji_street");
    expect(await findRegionInScope(shuiji, "370285001")).not.toBeNull();
    expect(await findRegionInScope(shuiji, "370285002")).toBeNull();
    expect(await findRegionInScope(shuiji, "370285")).toBeNull();
  });
});
