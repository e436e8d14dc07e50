import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { auditLog, regions } from "@/db/schema";
import { getCampaign } from "@/lib/campaign/queries";
import { computeFigures } from "@/lib/metrics/compute";
import { getOrganization, listOrganizations } from "@/lib/organizations/queries";
import { getCoverage, getProject, listPartners, listProjects } from "@/lib/projects/queries";
import { ProjectInput } from "@/lib/projects/rules";
import { createProject, updateProject } from "@/lib/projects/write";
import { SECTOR_KEYS } from "@/lib/volunteers/rules";
import { testDb, userFor } from "../support/db";

const TODAY = "2026-11-30";
const orgFilters = { q: "", region: "", type: null, sector: null, page: 1 };
const projFilters = { q: "", region: "", sector: null, status: null, org: null, partner: null, page: 1 };

async function cockpitMatrix(code: string, from: string, to: string) {
  const db = await testDb();
  const campaign = await getCampaign(db);
  const kids = await db.select({ code: regions.code, population: regions.population }).from(regions).where(eq(regions.parentCode, code)).orderBy(asc(regions.code));
  const f = await computeFigures(db, { code, from, to, campaignStart: campaign.start }, new Map(kids.map((k) => [k.code, k.population])), 0);
  return f;
}

describe("coverage: regions × six sectors", () => {
  for (const [code, from, to] of [
    ["3702", "2026-09-01", TODAY],
    ["370285", "2026-09-01", TODAY],
    ["370285001", "2026-11-01", TODAY],
    ["370211", "2025-01-01", "2025-06-30"],
  ] as const) {
    it(`equals the cockpit's matrix for ${code} ${from}…${to}`, async () => {
      const db = await testDb();
      const city = await userFor("wmb_admin");
      const cov = (await getCoverage(db, city, { code: code, from: from, to: to }))!;
      const f = await cockpitMatrix(code, from, to);
      expect(cov.rows.length).toBe(f.children.size);
      for (const r of cov.rows) {
        expect(r.bySector, r.code).toEqual(f.children.get(r.code)!.projectsBySector);
      }
      const total = cov.rows.reduce((s, r) => s + r.total, 0);
      expect(total).toBe(f.total.activeProjects);
    });
  }

  it("shows a community as its own row, and nothing outside the scope", async () => {
    const shuiji = await userFor("shuiji_street");
    const db = await testDb();
    const [c] = await rows<{ code: string }>(db, sql`SELECT code FROM regions WHERE parent_code = '370285001' ORDER BY code LIMIT 1`);
    const cov = (await getCoverage(db, shuiji, { code: c!.code, from: "2026-09-01", to: TODAY }))!;
    expect(cov.rows.map((r) => r.code)).toEqual([c!.code]);
    expect(await getCoverage(db, shuiji, { code: "370285", from: "2026-09-01", to: TODAY })).toBeNull();
    expect(await getCoverage(db, shuiji, { code: "370202", from: "2026-09-01", to: TODAY })).toBeNull();
  });
});

describe("organizations", () => {
  it("lists by region, type and sector within the scope", async () => {
    const db = await testDb();
    const laixi = await userFor("laixi_wmb");
    const all = await listOrganizations(db, laixi, orgFilters);
    expect(all.total).toBeGreaterThan(0);
    expect(all.items.every((o) => o.regionCode.startsWith("370285"))).toBe(true);
    const t = all.items[0]!.type;
    const byType = await listOrganizations(db, laixi, { ...orgFilters, type: t });
    expect(byType.items.every((o) => o.type === t)).toBe(true);
    const bySector = await listOrganizations(db, laixi, { ...orgFilters, sector: "elderly" });
    expect(bySector.items.every((o) => o.sectors.includes("elderly"))).toBe(true);
    const shuiji = await userFor("shuiji_street");
    const street = await listOrganizations(db, shuiji, { ...orgFilters, region: "370285001" });
    expect(street.items.every((o) => o.regionCode.startsWith("370285001"))).toBe(true);
    expect((await listOrganizations(db, shuiji, { ...orgFilters, region: "370202" })).total).toBe(0);
  });

  it("an organization's page: members in scope, projects, activities, verified hours; outside the scope → null", async () => {
    const db = await testDb();
    const orgAdmin = await userFor("org_admin");
    const o = (await getOrganization(db, orgAdmin, { id: orgAdmin.organizationId! }))!;
    expect(o.name).toContain("水集街道");
    expect(o.regionPath).toContain("莱西市 水集街道");
    expect(o.membersVisible).toBe(o.members);
    expect(o.memberList.length).toBe(Math.min(50, o.members));
    expect(o.memberList.every((m) => /^\*+\d{4}$/.test(m.phone))).toBe(true);
    const [h] = await rows<{ h: string }>(db, sql`SELECT coalesce(sum(hours), 0) AS h FROM service_records WHERE organization_id = ${o.id} AND status = 'verified'`);
    expect(o.verifiedHours).toBeCloseTo(Number(h!.h), 2);
    const [far] = await rows<{ id: number }>(db, sql`SELECT id FROM organizations WHERE region_code LIKE '370202%' LIMIT 1`);
    expect(await getOrganization(db, await userFor("laixi_wmb"), { id: far!.id })).toBeNull();
    expect(await getOrganization(db, orgAdmin, { id: far!.id })).toBeNull();
  });
});

describe("projects and partners", () => {
  it("creates and edits a project with validation, scope, audit and no silent overwrite", async () => {
    const db = await testDb();
    const shuiji = await userFor("shuiji_street");
    const [c] = await rows<{ code: string }>(db, sql`SELECT code FROM regions WHERE parent_code = '370285001' ORDER BY code LIMIT 1`);
    const [org] = await rows<{ id: number }>(db, sql`SELECT id FROM organizations WHERE region_code LIKE '370285001%' ORDER BY id LIMIT 1`);
    const bad = ProjectInput.safeParse({ name: "x", sector: "art", regionCode: "370285001", organizationId: "", startDate: "2026-13-01", status: "closed" });
    expect(bad.success).toBe(false);
    const input = ProjectInput.parse({ name: "测试助老项目", sector: "elderly", regionCode: c!.code, organizationId: String(org!.id), partnerId: "", startDate: "2026-11-01", endDate: "", status: "active", description: "" });
    const before = await getCoverage(db, shuiji, { code: "370285001", from: "2026-09-01", to: TODAY });
    const r = await createProject(db, shuiji, input);
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    const after = await getCoverage(db, shuiji, { code: "370285001", from: "2026-09-01", to: TODAY });
    const row = (x: typeof before) => x!.rows.find((k) => k.code === c!.code)!.bySector.elderly;
    expect(row(after)).toBe(row(before) + 1);

    const p = (await getProject(db, shuiji, { id: r.id }))!;
    const ok = await updateProject(db, shuiji, { id: r.id, fingerprint: p.fingerprint, data: { ...input, status: "closed", endDate: "2026-11-20" } });
    expect(ok).toMatchObject({ ok: true });
    // a second editor still holding the old version is refused
    const stale = await updateProject(db, shuiji, { id: r.id, fingerprint: p.fingerprint, data: { ...input, name: "覆盖别人" } });
    expect(stale).toMatchObject({ ok: false, code: "conflict" });
    // outside the scope: not found; a community outside the street: refused
    const wangcheng = await userFor("wangcheng_street");
    expect(await updateProject(db, wangcheng, { id: r.id, fingerprint: (await getProject(db, shuiji, { id: r.id }))!.fingerprint, data: input })).toMatchObject({ ok: false, code: "not_found" });
    const [far] = await rows<{ code: string }>(db, sql`SELECT code FROM regions WHERE level = 'community' AND code LIKE '370202%' LIMIT 1`);
    expect(await createProject(db, shuiji, { ...input, regionCode: far!.code })).toMatchObject({ ok: false, code: "invalid", fields: ["regionCode"] });
    expect(await createProject(db, await userFor("laixi_leader"), input)).toMatchObject({ ok: false, code: "forbidden" });
    const audits = await db.select().from(auditLog).where(eq(auditLog.objectId, String(r.id)));
    expect(audits.map((a) => a.action).filter((a) => a.startsWith("project."))).toEqual(["project.create", "project.update"]);
  });

  it("lists projects by region and sector, and partners with agreement date and amount or in-kind support", async () => {
    const db = await testDb();
    const laixi = await userFor("laixi_wmb");
    const list = await listProjects(db, laixi, { ...projFilters, sector: "elderly", region: "370285001" });
    expect(list.items.every((p) => p.sector === "elderly" && p.regionCode.startsWith("370285001"))).toBe(true);
    const partners = await listPartners(db, laixi);
    expect(partners.length).toBeGreaterThan(0);
    expect(partners.every((p) => p.regionCode === "3702" || p.regionCode.startsWith("370285"))).toBe(true);
    expect(partners.some((p) => p.amountYuan !== null || p.inKind !== null)).toBe(true);
    expect(SECTOR_KEYS.length).toBe(6);
  });
});
