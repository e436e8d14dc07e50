import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { cstMs } from "../random";
import type { SeedState } from "../state";

/**
 * One 志愿服务基金 per district (issue 19) with a short, deterministic ledger: two donations (a partner
 * of the district if any, and a person), one allocation to an active project of the district, one
 * spending with a receipt. Amounts follow the district's index, the balance is the ledger's sum.
 */
export async function seedFunds(gen: SeedState): Promise<void> {
  const at = (d: number) => new Date(cstMs(gen.asOfDay - d, 10)).toISOString();
  for (const [i, d] of gen.districts.entries()) {
    const [f] = await rows<{ id: number }>(gen.q, sql`INSERT INTO funds (name, region_code, created_at) VALUES (${`${d.name}志愿服务基金`}, ${d.code}, ${at(120)}) RETURNING id`);
    const fund = Number(f!.id);
    const [partner] = await rows<{ id: number }>(gen.q, sql`SELECT id FROM partners WHERE region_code LIKE ${`${d.code}%`} ORDER BY id LIMIT 1`);
    const [project] = await rows<{ id: number }>(gen.q, sql`SELECT id FROM projects WHERE region_code LIKE ${`${d.code}%`} AND status = 'active' ORDER BY id LIMIT 1`);
    const entries: [string, string, number, number | null, number | null, string | null, string | null, string, number][] = [
      ["in", "donation", 5_000_000 + i * 250_000, partner ? Number(partner.id) : null, null, partner ? null : "爱心企业", null, "年度捐赠", 100],
      ["in", "donation", 200_000 + i * 1_000, null, null, "爱心市民", null, "个人捐赠", 80],
    ];
    if (project) entries.push(["out", "allocation", 1_200_000 + i * 50_000, null, Number(project.id), null, null, "拨付公益项目", 60]);
    entries.push(["out", "spending", 86_050 + i * 100, null, null, "志愿者保险", `FP${d.code}${String(i + 1).padStart(4, "0")}`, "志愿者意外险", 30]);
    let bal = 0;
    for (const [kind, category, amount, partnerId, projectId, counterparty, receipt, memo, daysAgo] of entries) {
      bal += kind === "in" ? amount : -amount;
      await gen.q.execute(sql`INSERT INTO fund_entries (fund_id, kind, category, amount_fen, partner_id, project_id, counterparty, receipt_no, memo, created_at)
        VALUES (${fund}, ${kind}, ${category}, ${amount}, ${partnerId}, ${projectId}, ${counterparty}, ${receipt}, ${memo}, ${at(daysAgo)})`);
    }
    await gen.q.execute(sql`UPDATE funds SET balance_fen = ${bal} WHERE id = ${fund}`);
  }
}
