import { asc, gt } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import type { Queryable } from "@/db/client";
import { entryHash, GENESIS_HASH } from "./chain";

export type ChainResult = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Walks the whole chain in id order and names the first entry whose link or hash is wrong. */
export async function verifyAuditChain(db: Queryable, pageSize = 5000): Promise<ChainResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let n = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(pageSize);
    if (rows.length === 0) return { ok: true, entries: n };
    for (const r of rows) {
      n++;
      if (r.prevHash !== prev) return { ok: false, entries: n, brokenAt: r.id, reason: "prev_hash 与上一条记录不符（记录被删除或插入）" };
      const h = entryHash(prev, {
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
      if (h !== r.hash) return { ok: false, entries: n, brokenAt: r.id, reason: "内容与哈希不符（记录被修改）" };
      prev = r.hash;
      lastId = r.id;
    }
  }
}
