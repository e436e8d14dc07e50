import { sql } from "drizzle-orm";
import { it } from "vitest";
import { rows } from "@/db/client";
import { testDb } from "../support/db";
it("probe", async () => {
  const db = await testDb();
  console.log(JSON.stringify(await rows(db, sql`SELECT v.id, v.volunteer_no, v.community_code, array(SELECT organization_id FROM memberships m WHERE m.volunteer_id = v.id) AS orgs FROM volunteers v WHERE v.volunteer_no = 'QD00000731'`)));
  console.log(JSON.stringify(await rows(db, sql`SELECT v.id, v.community_code, array(SELECT organization_id FROM memberships m WHERE m.volunteer_id = v.id) AS orgs FROM volunteers v WHERE v.community_code LIKE '370285001%' AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.volunteer_id = v.id AND m.organization_id = 1) AND EXISTS (SELECT 1 FROM memberships m WHERE m.volunteer_id = v.id) LIMIT 3`)));
  console.log(JSON.stringify(await rows(db, sql`SELECT count(*) FROM memberships WHERE organization_id = 1`)));
  console.log(JSON.stringify(await rows(db, sql`SELECT state, count(*), count(team_id) FROM demands GROUP BY state`)));
  console.log(JSON.stringify(await rows(db, sql`SELECT d.id, d.state, d.team_id, d.community_code, (SELECT array_agg(volunteer_id) FROM demand_assignees a WHERE a.demand_id = d.id) AS vs FROM demands d WHERE d.community_code LIKE '370285001%' ORDER BY d.id LIMIT 12`)));
  console.log(JSON.stringify(await rows(db, sql`SELECT id, name, region_code, supervisor_code, is_team FROM organizations WHERE id <= 3 OR id IN (SELECT team_id FROM demands WHERE community_code LIKE '370285001%')`)));
});
