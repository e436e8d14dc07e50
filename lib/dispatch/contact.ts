/**
 * The requester's phone, given "用于联系": the one place it leaves the database in full. Only staff
 * who handle the need may read it — the dispatcher whose scope holds the need's community, and the
 * admin of the team it was sent to — and each reveal is written to the audit log in the same
 * transaction (who, which need, when; never the number). Anyone else finds no such need (404),
 * and that refusal is audited as well.
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { demands } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { audit, writeAudit } from "@/lib/audit/log";
import { DomainError, fail, inTx, type Result } from "@/lib/http";
import { decryptPii } from "@/lib/volunteers/pii";
import { NOT_FOUND_MESSAGE } from "./service";

/** Who may read a need's phone, as a WHERE clause: the dispatcher's region, or the team it is with. */
function handlerSql(actor: Pick<Actor, "role" | "scopeCode" | "organizationId">) {
  if (actor.role === "org_admin") return eq(demands.teamId, actor.organizationId ?? -1);
  if (actor.role === "street_officer" && actor.scopeCode.length === 9) return sql`left(${demands.communityCode}, 9) = ${actor.scopeCode}`;
  if (actor.role === "wmb_staff" && (actor.scopeCode.length === 4 || actor.scopeCode.length === 6)) return sql`${demands.communityCode} LIKE ${`${actor.scopeCode}%`}`;
  return sql`false`;
}

export async function revealContact(db: Db, actor: Actor, { id }: { id: number }): Promise<Result<{ name: string; phone: string }>> {
  const who = { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "demand.contact_reveal", objectType: "demand", objectId: id };
  const r = await inTx(db, async (tx) => {
    const [d] = await tx
      .select({ reference: demands.reference, name: demands.contactName, enc: demands.contactPhoneEnc })
      .from(demands)
      .where(and(eq(demands.id, id), handlerSql(actor)))
      .limit(1);
    if (!d) throw new DomainError("not_found", NOT_FOUND_MESSAGE);
    await writeAudit(tx, { ...who, outcome: "success", summary: { reference: d.reference, fields: ["contact_phone"] } });
    return { name: d.name, phone: decryptPii(d.enc) };
  });
  if (!r.ok) {
    await audit(db, { ...who, outcome: "denied", summary: { reason: "not_found" } });
    return fail(r.code, r.message);
  }
  return r;
}
