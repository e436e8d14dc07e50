/** `npm run audit:verify`: walks the audit chain and names the first broken entry (exit 1 if any). */
import { closeDb, getDb } from "@/db/client";
import { verifyAuditChain } from "@/lib/audit/verify";

async function main() {
  const r = await verifyAuditChain(await getDb());
  await closeDb();
  if (r.ok) {
    console.log(`[audit] 审计链完整：共 ${r.entries} 条记录 (chain intact)`);
    return;
  }
  console.error(`[audit] 审计链在第 ${r.brokenAt} 条记录处断裂：${r.reason} (chain broken at entry ${r.brokenAt})`);
  process.exit(1);
}

main().catch(async (e) => {
  console.error(`[audit] 失败: ${e instanceof Error ? e.message : String(e)}`);
  await closeDb().catch(() => undefined);
  process.exit(1);
});
