/**
 * `npm run rollups:rebuild`: recomputes every rollup row from the raw tables while the server keeps
 * running (lib/metrics/rollup.ts `repairRollups`: one REPEATABLE READ transaction; writers keep
 * appending deltas and are never blocked, readers see the old rows until it commits), then folds
 * the deltas written meanwhile. `--fold` only folds pending deltas.
 */
import { closeDb, getDb } from "@/db/client";
import { countPendingDeltas, foldRollups, repairRollups } from "@/lib/metrics/rollup";

async function main() {
  const db = await getDb();
  const t0 = performance.now();
  if (!process.argv.includes("--fold")) {
    await repairRollups(db);
    console.log(`[rollups] 已按原始数据重建 (rebuilt from the raw tables) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const folded = await foldRollups(db);
  console.log(`[rollups] 已归并 ${folded} 条增量，剩余 ${await countPendingDeltas(db)} 条 (folded deltas)`);
  await closeDb();
}

main().catch(async (e) => {
  console.error(`[rollups] 失败: ${e instanceof Error ? e.message : String(e)}`);
  await closeDb().catch(() => undefined);
  process.exit(1);
});
