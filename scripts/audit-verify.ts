/**
 * `npm run audit:verify`: walks every audit chain and checks every chain head (lib/audit/verify.ts);
 * names the first broken entry (exit 1 if any).
 */
import { closeDb, getDb } from "@/db/client";
import { verifyAuditChain } from "@/lib/audit/verify";

async function main() {
  const r = await verifyAuditChain(await getDb());
  await closeDb();
  if (r.ok) {
    console.log(`[audit] 审计链完整：共 ${r.entries} 条记录，${r.chains} 条链 (all chains intact)`);
    return;
  }
  console.error(`[audit] 审计链 ${r.chain} 在第 ${r.brokenAt} 条记录处断裂：${r.reason} (chain ${r.chain} broken at entry ${r.brokenAt})`);
  process.exit(1);
}

main().catch(async (e) => {
  console.error(`[audit] 失败: ${e instanceof Error ? e.message : String(e)}`);
  await closeDb().catch(() => undefined);
  process.exit(1);
});
