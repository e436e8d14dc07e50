import { asc, gt } from "drizzle-orm";
import { auditChainHeads, auditLog } from "@/db/schema";
import type { Queryable } from "@/db/client";
import { entryHash, genesisHash } from "./chain";

export type ChainResult =
  | { ok: true; entries: number; chains: number }
  | { ok: false; entries: number; brokenAt: number; reason: string; chain: number };

/**
 * Walks the whole log once in id order, following each chain (docs/security.md): every entry must
 * link to the previous entry of its chain (or the chain's genesis) and hash to what it stores; at
 * the end each chain's last entry and count must match its recorded head, so removing the newest
 * entries of a chain is caught too. Names the first entry where a chain breaks.
 */
export async function verifyAuditChain(db: Queryable, pageSize = 5000): Promise<ChainResult> {
  const prev = new Map<number, { hash: string; id: number; n: number }>();
  let lastId = 0;
  let n = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(pageSize);
    if (rows.length === 0) break;
    for (const r of rows) {
      n++;
      const p = prev.get(r.chain);
      const expected = p?.hash ?? genesisHash(r.chain);
      if (r.prevHash !== expected) return { ok: false, entries: n, brokenAt: r.id, chain: r.chain, reason: "prev_hash 与本链上一条记录不符（记录被删除、插入或调换）" };
      const h = entryHash(expected, {
        at: r.at,
        userId: r.userId,
        username: r.username,
        role: r.role,
        ip: r.ip,
        action: r.action,
        objectType: r.objectType,
        objectId: r.objectId,
        outcome: r.outcome,
        summary: r.summary,
      });
      if (h !== r.hash) return { ok: false, entries: n, brokenAt: r.id, chain: r.chain, reason: "内容与哈希不符（记录被修改）" };
      prev.set(r.chain, { hash: r.hash, id: r.id, n: (p?.n ?? 0) + 1 });
      lastId = r.id;
    }
  }
  const heads = await db.select().from(auditChainHeads);
  for (const h of heads) {
    const p = prev.get(h.chain);
    if (h.entries === 0 && !p) continue;
    if (!p || p.id !== h.lastId || p.hash !== h.hash || p.n !== h.entries) {
      return { ok: false, entries: n, brokenAt: p?.id ?? 0, chain: h.chain, reason: `第 ${h.chain} 条链的末尾与链头记录不符（最新的记录被删除）：应为 #${h.lastId}，共 ${h.entries} 条` };
    }
  }
  for (const [chain, p] of prev) {
    if (!heads.some((h) => h.chain === chain)) return { ok: false, entries: n, brokenAt: p.id, chain, reason: `第 ${chain} 条链没有链头记录` };
  }
  return { ok: true, entries: n, chains: prev.size };
}
