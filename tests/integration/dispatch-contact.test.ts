/**
 * The requester's phone on a need's page (POST /api/v1/demands/{id}/contact → lib/dispatch/contact.ts):
 * the dispatcher in scope and the team the need was sent to get the full number, each time written to
 * the audit log (never the number itself); another street, a team that only sees the need open for
 * grabbing, and any other team find no such need — and that refusal is audited too.
 */
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, organizations, regions } from "@/db/schema";
import { type Actor, withIp } from "@/lib/auth/actor";
import { revealContact } from "@/lib/dispatch/contact";
import { getDemandDetail } from "@/lib/dispatch/queries";
import { moveDemand, postDemand } from "@/lib/dispatch/service";
import { failureResponse } from "@/lib/http";
import { testDb, userFor } from "../support/db";

const SHUIJI = "370285001";
const TEAM = 1; // 水集街道新时代文明实践志愿服务队, administered by org_admin
const PHONE = "13912345678";
const who: Record<string, Actor> = {};
let community = "";
let otherTeam = 0;

async function newNeed(): Promise<number> {
  const db = await testDb();
  const r = await postDemand(db, { kind: "public", ip: "127.0.0.1" }, { category: "elderly", description: "独居老人需要有人帮忙取药", communityCode: community, address: "水集街道测试小区 3 号楼", contactName: "赵大爷", contactPhone: PHONE, preferredTime: null });
  if (!r.ok) throw new Error(r.message);
  return r.id;
}

async function lastAudit(id: number) {
  const db = await testDb();
  const [a] = await db.select().from(auditLog).where(and(eq(auditLog.action, "demand.contact_reveal"), eq(auditLog.objectId, String(id)))).orderBy(desc(auditLog.id)).limit(1);
  return a;
}

beforeAll(async () => {
  for (const u of ["shuiji_street", "wangcheng_street", "laixi_wmb", "org_admin"]) who[u] = withIp(await userFor(u), "127.0.0.1");
  const db = await testDb();
  const [c] = await db.select({ code: regions.code }).from(regions).where(and(eq(regions.parentCode, SHUIJI), eq(regions.level, "community"))).orderBy(asc(regions.code)).limit(1);
  community = c!.code;
  const [o] = await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.isTeam, true), ne(organizations.id, TEAM))).orderBy(asc(organizations.id)).limit(1);
  otherTeam = o!.id;
});

describe("revealing a requester's phone", () => {
  it("gives the street that dispatches it the full number and audits who read it, without the number", async () => {
    const db = await testDb();
    const id = await newNeed();
    const r = await revealContact(db, who.shuiji_street!, { id });
    expect(r).toMatchObject({ ok: true, name: "赵大爷", phone: PHONE });
    const a = await lastAudit(id);
    expect(a).toMatchObject({ username: "shuiji_street", outcome: "success", objectType: "demand" });
    expect(JSON.stringify(a!.summary)).not.toContain("5678");
    // the district 文明办 above the street dispatches too
    expect(await revealContact(db, who.laixi_wmb!, { id })).toMatchObject({ ok: true, phone: PHONE });
  });

  it("answers another street 404 (as if the need did not exist) and audits the refusal", async () => {
    const db = await testDb();
    const id = await newNeed();
    const r = await revealContact(db, who.wangcheng_street!, { id });
    expect(r).toMatchObject({ ok: false, code: "not_found" });
    if (r.ok) return;
    expect(failureResponse(r).status).toBe(404);
    expect(JSON.stringify(r)).not.toContain("5678");
    expect(await lastAudit(id)).toMatchObject({ username: "wangcheng_street", outcome: "denied" });
  });

  it("refuses a team that only sees the need open for grabbing, and any other team, until it is sent to them", async () => {
    const db = await testDb();
    const id = await newNeed();
    expect(await moveDemand(db, who.shuiji_street!, { id, move: "open", version: 1 })).toMatchObject({ ok: true });
    // the team sees the need on its board, but it is not theirs yet
    expect(await getDemandDetail(db, who.org_admin!, { id })).not.toBeNull();
    expect(await revealContact(db, who.org_admin!, { id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await lastAudit(id)).toMatchObject({ username: "org_admin", outcome: "denied" });

    const d = await moveDemand(db, who.shuiji_street!, { id, move: "dispatch", version: 2, teamId: TEAM });
    expect(d).toMatchObject({ ok: true, state: "dispatched" });
    expect(await revealContact(db, who.org_admin!, { id })).toMatchObject({ ok: true, phone: PHONE });
    expect(await lastAudit(id)).toMatchObject({ username: "org_admin", outcome: "success" });

    const stranger: Actor = { ...who.org_admin!, id: who.org_admin!.id, organizationId: otherTeam };
    expect(await revealContact(db, stranger, { id })).toMatchObject({ ok: false, code: "not_found" });
  });
});
