"use server";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { audit } from "@/lib/audit/log";
import { verifyAuditChain, type ChainResult } from "@/lib/audit/verify";
import { getCurrentUser } from "@/lib/auth/session";
import { clientIpFrom } from "@/lib/security/ip";

/** auditor: walk the whole hash chain now and name the first broken entry. Audited `audit.verify`. */
export async function verifyChainNow(): Promise<ChainResult | { error: string }> {
  const u = await getCurrentUser();
  if (!u || u.role !== "auditor" || u.mustChangePassword || u.mustEnrolTotp) throw new Error("forbidden");
  const db = await getDb();
  const r = await verifyAuditChain(db);
  const h = await headers();
  await audit(db, { userId: u.id, username: u.username, role: u.role, ip: clientIpFrom((n) => h.get(n)), action: "audit.verify", outcome: r.ok ? "success" : "failure", summary: r });
  return r;
}
