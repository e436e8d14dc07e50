import { sql } from "drizzle-orm";
import * as schema from "@/db/schema";
import { cstMs, dayToIso } from "../random";
import type { SeedState } from "../state";

/**
 * The volunteer structure (issue 19): per district a 新时代文明实践志愿服务总队, under it one 分队 per
 * street that has teams, and every team (小队) without a parent placed under its street's 分队.
 * Deterministic (fixed order, ids after the seeded organizations), two inserts and two set-based
 * updates, so the city profile pays a few hundred rows. Runs after the other steps, before the
 * sequences are fixed.
 */
export async function seedOrgTree(gen: SeedState): Promise<void> {
  let next = gen.orgs.length + 1;
  const founded = dayToIso(gen.startDay - 420);
  const createdAt = new Date(cstMs(gen.startDay - 400, 9));
  const name = (base: string) => {
    let n = base;
    for (let i = 2; gen.orgNames.has(n); i++) n = `${base}（${i}）`;
    gen.orgNames.add(n);
    return n;
  };
  const corps: (typeof schema.organizations.$inferInsert)[] = [];
  const divisions: (typeof schema.organizations.$inferInsert)[] = [];
  const divisionOfStreet: [string, number][] = [];
  for (const d of gen.districts) {
    if (d.teams.length === 0) continue;
    const corpsId = next++;
    corps.push({
      id: corpsId, name: name(`${d.name}新时代文明实践志愿服务总队`), type: "community", isTeam: false, level: "corps", parentId: null,
      regionCode: d.code, supervisorCode: d.code, lat: d.lat, lng: d.lng, sectors: [], foundedOn: founded, createdAt,
    });
    for (const si of d.streets) {
      const s = gen.streets[si]!;
      if (s.teams.length === 0) continue;
      const id = next++;
      divisions.push({
        id, name: name(`${s.name}新时代文明实践志愿服务分队`), type: "community", isTeam: false, level: "division", parentId: corpsId,
        regionCode: s.code, supervisorCode: s.code, lat: s.lat, lng: s.lng, sectors: [], foundedOn: founded, createdAt,
      });
      divisionOfStreet.push([s.code, id]);
    }
  }
  if (corps.length === 0) return;
  await gen.q.insert(schema.organizations).values(corps);
  for (let i = 0; i < divisions.length; i += 500) await gen.q.insert(schema.organizations).values(divisions.slice(i, i + 500));
  // every seeded team is a 小队; those without a parent go under their street's 分队
  await gen.q.execute(sql`UPDATE organizations SET level = 'team' WHERE is_team AND level = 'other'`);
  const streets = divisionOfStreet.map(([c]) => c);
  const ids = divisionOfStreet.map(([, id]) => id);
  await gen.q.execute(sql`UPDATE organizations o SET parent_id = d.id
    FROM unnest(${`{${streets.join(",")}}`}::text[], ${`{${ids.join(",")}}`}::int[]) AS d(street, id)
    WHERE o.level = 'team' AND o.parent_id IS NULL AND left(o.region_code, 9) = d.street`);
}
