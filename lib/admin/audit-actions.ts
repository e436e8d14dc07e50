"use server";
import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { verifyAuditChain } from "@/lib/audit/verify";
import { actionOk, serverAction } from "@/lib/auth/action";

/** auditor: walk the whole hash chain now and name the first broken entry (`data`). Audited `audit.verify`. */
export const verifyChainNow = serverAction({ area: "admin", roles: ["auditor"] }, z.object({}), async ({ actor, db }) => {
  const r = await verifyAuditChain(db);
  await audit(db, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "audit.verify", outcome: r.ok ? "success" : "failure", summary: r });
  return actionOk(r.ok ? "审计链完整" : "审计链已断开", r);
});
