import { sql } from "drizzle-orm";
import { getDb, rows, closeDb } from "@/db/client";
import { RAW_ROLLUP_SQL, ROLLUP_METRICS } from "@/lib/metrics/rollup";
async function main() {
  const db = await getDb();
  const cols = ROLLUP_METRICS.map((m) => `coalesce(r.${m}, 0) <> coalesce(x.${m}, 0)`).join(" OR ");
  const d = await rows(db, sql.raw(`SELECT coalesce(r.region_code, x.community_code) code, coalesce(r.period, x.day)::text d, coalesce(r.sector,x.sector) s, ${ROLLUP_METRICS.map(m=>`r.${m} r_${m}, x.${m} x_${m}`).join(",")} FROM (SELECT * FROM rollups WHERE grain = 'day' AND length(region_code) = 12) r
        FULL JOIN (${RAW_ROLLUP_SQL}) x ON x.community_code = r.region_code AND x.day = r.period AND x.sector = r.sector WHERE ${cols} LIMIT 10`));
  for (const r of d) console.log(Object.fromEntries(Object.entries(r).filter(([k,v]) => v !== null && v !== "0" && v!==0 || ['code','d','s'].includes(k))));
  const s = await rows(db, sql`SELECT volunteer_id, service_date::text, sector, status, id FROM service_records WHERE community_code = '370285116280' AND service_date BETWEEN '2026-09-10' AND '2026-11-20' ORDER BY volunteer_id, service_date`);
  console.log(s.filter((x: any) => x.status === 'verified').length);
  await closeDb();
}
main();
