/**
 * 智慧大脑 on the seeded database (PGlite locally, PostgreSQL with DATABASE_URL): the analytics'
 * totals equal each other and the cockpit's rollup-based demands.received for the city, a district
 * and a street; requester types from 点单 land in their column; unmet counts cancelled, overdue and
 * repeated needs once each; scope answers "not found"; the city is read once per cache TTL.
 */
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { regions } from "@/db/schema";
import { type Actor, withIp } from "@/lib/auth/actor";
import { getCampaign } from "@/lib/campaign/queries";
import { computeDemandAnalytics, getDemandAnalytics, overdueCutoff } from "@/lib/dispatch/analytics";
import { DEMAND_CATEGORIES, REQUESTER_TYPES } from "@/lib/dispatch/categories";
import { isOverdue } from "@/lib/dispatch/rules";
import { moveDemand, postDemand } from "@/lib/dispatch/service";
import { cacheComputations } from "@/lib/metrics/cache";
import { computeFigures } from "@/lib/metrics/compute";
import { cstDate } from "@/lib/metrics/rollup";
import { testDb, userFor } from "../support/db";

const SHUIJI = "370285001";
let city: Actor;
let street: Actor;
let otherStreet: Actor;
let community = "";
let from = "";
let to = "";

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

beforeAll(async () => {
  city = withIp(await userFor("wmb_admin"), "127.0.0.1");
  street = withIp(await userFor("shuiji_street"), "127.0.0.1");
  otherStreet = withIp(await userFor("wangcheng_street"), "127.0.0.1");
  const db = await testDb();
  const [c] = await db.select({ code: regions.code }).from(regions).where(and(eq(regions.parentCode, SHUIJI), eq(regions.level, "community"))).orderBy(asc(regions.code)).limit(1);
  community = c!.code;
  from = (await getCampaign(db)).start;
  to = cstDate(new Date());
});

describe("demand analytics", () => {
  it("stores the requester type from 点单 and counts it, unmet once per need", async () => {
    const db = await testDb();
    const before = await computeDemandAnalytics(db, street, { regionCode: SHUIJI, from, to });
    const post = async (requesterType: "unit" | "community" | undefined, address: string) => {
      const r = await postDemand(db, { kind: "public", ip: "127.0.0.1" }, { category: "mental", requesterType, description: "社区需要心理疏导讲座", communityCode: community, address, contactName: "李先生", contactPhone: "13900007777", preferredTime: null });
      if (!r.ok) throw new Error(r.message);
      return r;
    };
    const addr = `水集街道分析测试 ${Date.now()} 号`;
    await post("unit", addr);
    const again = await post("community", ` ${addr.replace(/ /g, "")} `); // same place (spaces ignored), same category → repeated
    await post(undefined, `${addr} 另一处`);
    const cancel = await moveDemand(db, street, { id: again.id, move: "cancel", version: again.version, reason: "重复提交" });
    expect(cancel.ok).toBe(true);
    const after = await computeDemandAnalytics(db, street, { regionCode: SHUIJI, from, to });
    expect(after.received - before.received).toBe(3);
    expect(after.byRequesterType.unit - before.byRequesterType.unit).toBe(1);
    expect(after.byRequesterType.community - before.byRequesterType.community).toBe(1);
    expect(after.byRequesterType.individual - before.byRequesterType.individual).toBe(1);
    expect(after.byCategory.mental - before.byCategory.mental).toBe(3);
    // the repeated one is also cancelled: one unmet need, two reasons
    expect(after.unmet - before.unmet).toBe(1);
    expect(after.unmetByReason.cancelled - before.unmetByReason.cancelled).toBe(1);
    expect(after.unmetByReason.repeated - before.unmetByReason.repeated).toBe(1);
    const item = after.unmetList.find((u) => u.id === again.id);
    expect(item?.reasons.sort()).toEqual(["cancelled", "repeated"]);
  });

  it("Σ byCategory = Σ byRequesterType = Σ children = received = the cockpit's demands.received", async () => {
    const db = await testDb();
    for (const code of ["3702", "370285", SHUIJI]) {
      const [own] = await db.select({ population: regions.population }).from(regions).where(eq(regions.code, code));
      const kids = await db.select({ code: regions.code, population: regions.population }).from(regions).where(eq(regions.parentCode, code));
      const cockpit = await computeFigures(db, { code, from, to, campaignStart: from }, new Map(kids.map((k) => [k.code, k.population])), own!.population);
      const a = await computeDemandAnalytics(db, city, { regionCode: code, from, to });
      expect(a.received).toBeGreaterThan(0);
      expect(a.received).toBe(cockpit.total.demands.received);
      expect(sum(a.byCategory)).toBe(a.received);
      expect(sum(a.byRequesterType)).toBe(a.received);
      expect(a.children.reduce((s, c) => s + c.received, 0)).toBe(a.received);
      expect(a.byMonth.reduce((s, m) => s + m.received, 0)).toBe(a.received);
      expect(Object.keys(a.byCategory).sort()).toEqual([...DEMAND_CATEGORIES].sort());
      expect(Object.keys(a.byRequesterType).sort()).toEqual([...REQUESTER_TYPES].sort());
      expect(a.unmet).toBeLessThanOrEqual(a.received);
      for (const c of a.children) expect(cockpit.children.get(c.code)?.demands.received ?? 0).toBe(c.received);
    }
  });

  it("answers not found outside the actor's scope", async () => {
    const db = await testDb();
    await expect(computeDemandAnalytics(db, otherStreet, { regionCode: SHUIJI, from, to })).rejects.toMatchObject({ code: "not_found" });
    await expect(getDemandAnalytics(db, street, { regionCode: "370285", from, to })).rejects.toMatchObject({ code: "not_found" });
    await expect(getDemandAnalytics(db, street, { regionCode: "3702", from, to })).rejects.toMatchObject({ code: "not_found" });
  });

  it("reads the city once per cache TTL", async () => {
    const db = await testDb();
    const first = await getDemandAnalytics(db, city, { regionCode: "3702", from: "2020-01-01", to });
    const n = cacheComputations();
    const second = await getDemandAnalytics(db, city, { regionCode: "3702", from: "2020-01-01", to });
    expect(cacheComputations()).toBe(n);
    expect(second.received).toBe(first.received);
  });

  it("the overdue cutoff is the dispatch overdue rule", () => {
    const now = new Date("2026-12-03T01:30:00Z"); // 09:30 China time
    for (const hours of [1, 2, 5, 30]) {
      const c = overdueCutoff(now, hours);
      expect(isOverdue({ state: "posted", postedAt: c }, now, hours)).toBe(true);
      expect(isOverdue({ state: "posted", postedAt: new Date(c.getTime() + 1) }, now, hours)).toBe(false);
    }
  });
});
