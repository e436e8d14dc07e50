/**
 * `npm run rollups:verify`: compares the rollups every reader sees with a fresh aggregate of the
 * raw tables at every level and grain (lib/metrics/verify.ts) and lists where they disagree
 * (exit 1 if anywhere). Read-only; safe while the server runs. Repair with `npm run rollups:rebuild`.
 */
import { closeDb, getDb } from "@/db/client";
import { verifyRollups } from "@/lib/metrics/verify";

async function main() {
  const t0 = performance.now();
  const r = await verifyRollups(await getDb());
  await closeDb();
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  if (r.ok) {
    console.log(`[rollups] 与原始数据一致：比对 ${r.compared.toLocaleString()} 行（社区/街道/区市/全市 × 日/月），${s} s (rollups equal the raw tables)`);
    return;
  }
  console.error(`[rollups] 与原始数据不一致 (rollups disagree with the raw tables)，前 ${r.mismatches.length} 处：`);
  console.error("  region        grain  period      sector          metric              rollup        raw");
  for (const m of r.mismatches) {
    console.error(`  ${m.regionCode.padEnd(13)} ${m.grain.padEnd(6)} ${m.period.padEnd(11)} ${(m.sector || "—").padEnd(15)} ${m.metric.padEnd(18)} ${String(m.rollup).padStart(9)} ${String(m.raw).padStart(10)}`);
  }
  console.error("  修复：npm run rollups:rebuild（不需停止服务）");
  process.exit(1);
}

main().catch(async (e) => {
  console.error(`[rollups] 失败: ${e instanceof Error ? e.message : String(e)}`);
  await closeDb().catch(() => undefined);
  process.exit(1);
});
