import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { cstMs } from "../random";
import type { SeedState } from "../state";

const SHIBEI = "370203";

/**
 * Events in 市北 (issue 19): the 市北区总工会「情满市北 爱在身边」launch holding the twelve earliest
 * of the 18 latest completed activities of 市北, and a second event holding the other six. Set-based (one insert, one update per event), deterministic (ordered by start time and id).
 */
export async function seedEvents(gen: SeedState): Promise<void> {
  const [org] = await rows<{ id: number; region_code: string }>(
    gen.q,
    sql`SELECT id, region_code FROM organizations WHERE region_code LIKE ${`${SHIBEI}%`} ORDER BY (type = 'union') DESC, (level = 'corps') DESC, id LIMIT 1`,
  );
  if (!org) return;
  // the 18 latest completed activities of 市北, in time order
  const acts = (
    await rows<{ id: number; day: string }>(
      gen.q,
      sql`SELECT id, to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM activities
        WHERE region_code LIKE ${`${SHIBEI}%`} AND status = 'completed' AND event_id IS NULL ORDER BY starts_at DESC, id DESC LIMIT 18`,
    )
  ).reverse();
  if (acts.length === 0) return;
  const plan = [
    { name: "市北区总工会“情满市北 爱在身边”志愿服务启动仪式", venue: "市北区新时代文明实践中心", ids: acts.slice(0, 12).map((a) => Number(a.id)), day: acts[0]!.day },
    { name: "市北区“学雷锋 五为”志愿服务集中行动日", venue: "市北区台东步行街", ids: acts.slice(12).map((a) => Number(a.id)), day: acts[12]?.day },
  ];
  for (const e of plan) {
    if (e.ids.length === 0 || !e.day) continue;
    const [r] = await rows<{ id: number }>(
      gen.q,
      sql`INSERT INTO events (name, organization_id, region_code, held_on, venue, created_at) VALUES (${e.name}, ${org.id}, ${SHIBEI}, ${e.day}, ${e.venue}, ${new Date(cstMs(gen.asOfDay - 1, 9)).toISOString()}) RETURNING id`,
    );
    await gen.q.execute(sql`UPDATE activities SET event_id = ${r!.id} WHERE id = ANY(${`{${e.ids.join(",")}}`}::int[])`);
  }
}
