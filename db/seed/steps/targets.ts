import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import * as schema from "@/db/schema";
import { STAR_LEVEL_SQL } from "../constants";
import { CAMPAIGN_DAYS } from "../options";
import type { SeedState } from "../state";
import { appTables } from "../tables";

/** Each volunteer's verified hours and star level, from the service records just written. */
export async function updateVerifiedHoursAndStars(gen: SeedState): Promise<void> {
  await gen.q.execute(
    sql.raw(`UPDATE volunteers v SET verified_hours = s.h, star_level = ${STAR_LEVEL_SQL}
      FROM (SELECT volunteer_id, sum(hours) AS h FROM service_records WHERE status = 'verified' GROUP BY volunteer_id) s
      WHERE v.id = s.volunteer_id`),
  );
}

/** Campaign targets per district and street (hours ∝ population). */
export async function seedTargets(gen: SeedState): Promise<void> {
  const rng = gen.rng.fork("targets");
  // Hours target ∝ population; the city total is the campaign's verified hours so far projected
  // to the full 100 days (+10 %), so districts land on both sides of their target.
  const elapsed = Math.max(1, gen.asOfDay - gen.startDay + 1);
  const soFar = gen.campaignHoursByStreet.reduce((a, b) => a + b, 0);
  const cityTarget = Math.max(1000, soFar * (Math.max(CAMPAIGN_DAYS, elapsed) / elapsed) * 1.1);
  const perCapita = cityTarget / gen.popTotal;
  const rows: (typeof schema.campaignTargets.$inferInsert)[] = [
    { campaignId: 1, regionCode: "3702", registrationShare: "0.1500", verifiedHours: (Math.round(cityTarget / 100) * 100).toFixed(2), closureRate: "0.9500" },
  ];
  const add = (code: string, pop: number) =>
    rows.push({
      campaignId: 1, regionCode: code, registrationShare: (rng.int(130, 160) / 1000).toFixed(4),
      verifiedHours: Math.max(10, Math.round(pop * perCapita)).toFixed(2), closureRate: "0.9500",
    });
  for (const d of gen.districts) {
    add(d.code, d.pop);
    for (const si of d.streets) add(gen.streets[si]!.code, gen.streets[si]!.pop);
  }
  await gen.q.insert(schema.campaignTargets).values(rows);
}

/** Every serial id continues after the seeded rows. */
export async function fixSequences(q: Queryable): Promise<void> {
  for (const t of appTables()) {
    const cols = getTableColumns(t) as Record<string, { name: string; getSQLType(): string }>;
    const id = Object.values(cols).find((c) => c.name === "id" && /serial/.test(c.getSQLType()));
    if (!id) continue;
    const name = getTableName(t);
    await q.execute(
      sql.raw(`SELECT setval(pg_get_serial_sequence('"${name}"', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM "${name}"), false)`),
    );
  }
}
