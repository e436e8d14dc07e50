import { cache } from "react";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { campaigns, campaignTargets, settings } from "@/db/schema";

export interface Campaign {
  id: number;
  name: string;
  start: string;
  days: number;
}

/** The current hundred-day campaign (the newest one); memoized per request. */
export const getCampaign = cache(async (db: Queryable): Promise<Campaign> => {
  const [c] = await db.select().from(campaigns).orderBy(desc(campaigns.startDate)).limit(1);
  if (!c) return { id: 0, name: "百日攻坚行动", start: "2026-09-01", days: 100 };
  return { id: c.id, name: c.name, start: c.startDate, days: c.days };
});

export interface Target {
  registrationShare: number;
  verifiedHours: number;
  closureRate: number;
}

/** Targets for the given regions; a region without its own target inherits the nearest ancestor's. */
export async function getTargets(db: Queryable, campaignId: number, codes: string[]): Promise<Map<string, Target>> {
  const wanted = new Set<string>();
  for (const c of codes) for (const n of [4, 6, 9, 12]) if (n <= c.length) wanted.add(c.slice(0, n));
  if (wanted.size === 0) return new Map();
  const rows = await db
    .select()
    .from(campaignTargets)
    .where(and(eq(campaignTargets.campaignId, campaignId), inArray(campaignTargets.regionCode, [...wanted])));
  const by = new Map(rows.map((r) => [r.regionCode, r]));
  const out = new Map<string, Target>();
  for (const c of codes) {
    for (const n of [12, 9, 6, 4]) {
      const t = n <= c.length ? by.get(c.slice(0, n)) : undefined;
      if (t) {
        out.set(c, { registrationShare: Number(t.registrationShare), verifiedHours: Number(t.verifiedHours), closureRate: Number(t.closureRate) });
        break;
      }
    }
  }
  return out;
}

/** A numeric setting (points per hour, escalation days, …) with its default. */
export async function getNumberSetting(db: Queryable, key: string, fallback: number): Promise<number> {
  const [r] = await db.select({ v: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
  const n = r ? Number(JSON.parse(r.v)) : NaN;
  return Number.isFinite(n) ? n : fallback;
}

