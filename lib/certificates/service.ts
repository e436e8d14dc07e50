/**
 * Issuing 志愿服务记录证明: gathers the volunteer's VERIFIED records in the period (only verified
 * hours count), numbers the certificate (one sequence per year under an advisory lock), draws its
 * verification code and records it with a snapshot of what it prints; audit last. The issuing office
 * is the issuer's own (lib/certificates/rules.ts#issuingOffice), never typed. The public check needs
 * the number and the code (check.ts).
 */
import { and, desc, eq, like, sql } from "drizzle-orm";
import type { Db, Queryable } from "@/db/client";
import { certificates, organizations, regions } from "@/db/schema";
import { rows } from "@/db/client";
import { writeAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { volunteerScopeSql } from "@/lib/auth/scope";
import { type Failure, fail } from "@/lib/http";
import { today } from "@/lib/metrics/clock";
import { maskIdCard } from "@/lib/volunteers/rules";
import type { CertificateContent } from "./content";
import { CERT_PREFIX, nextCertificateNumber } from "./number";
import { issuingOffice, summarize } from "./rules";
import { newVerifyCode, verifyPath } from "./verify";

export interface IssueInput {
  volunteerId: number;
  from: string;
  to: string;
  handler: string;
  contact?: string | null;
}

export type IssueResult = { ok: true; id: number; number: string; verifyCode: string; verifyUrl: string; content: CertificateContent } | Failure;

/** The office the actor issues as, read from their account's scope region or organization. */
export async function issuerOffice(db: Queryable, actor: Actor): Promise<string | null> {
  const [r] = await db.select({ name: regions.name, level: regions.level }).from(regions).where(eq(regions.code, actor.scopeCode)).limit(1);
  let organizationName: string | null = null;
  if (actor.role === "org_admin" && actor.organizationId) {
    const [o] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, actor.organizationId)).limit(1);
    organizationName = o?.name ?? null;
  }
  return issuingOffice({ role: actor.role, regionName: r?.name ?? "", regionLevel: r?.level ?? "city", organizationName });
}

/**
 * The content for a volunteer and period, without a number (preview) — null when the volunteer is
 * outside the actor's reach (the one volunteer scope rule, lib/auth/scope.ts, in the WHERE clause).
 */
export async function certificateContent(db: Queryable, actor: Actor, input: Pick<IssueInput, "volunteerId" | "from" | "to">) {
  const [v] = await rows<{ id: number; name: string; volunteerNo: string; idPrefix: string; idLast4: string; communityCode: string }>(
    db,
    sql`SELECT v.id, v.name, v.volunteer_no AS "volunteerNo", v.id_prefix AS "idPrefix", v.id_last4 AS "idLast4", v.community_code AS "communityCode"
        FROM volunteers v WHERE v.id = ${input.volunteerId} AND ${volunteerScopeSql(actor, "v")} LIMIT 1`,
  );
  if (!v) return null;
  const recs = await rows<{ service_date: string; title: string | null; org: string | null; hours: string; demand_id: number | null }>(
    db,
    sql`SELECT s.service_date::text AS service_date, a.title, o.name AS org, s.hours, s.demand_id
        FROM service_records s LEFT JOIN activities a ON a.id = s.activity_id LEFT JOIN organizations o ON o.id = s.organization_id
        WHERE s.volunteer_id = ${v.id} AND s.status = 'verified' AND s.service_date BETWEEN ${input.from}::date AND ${input.to}::date
        ORDER BY s.service_date, s.id`,
  );
  const hours = Math.round(recs.reduce((s, r) => s + Number(r.hours), 0) * 100) / 100;
  const orgs = [...new Set(recs.map((r) => r.org).filter((o): o is string => !!o))];
  const lines = recs.map((r) => ({ date: r.service_date, title: r.title ?? (r.demand_id ? "网约志愿服务" : "志愿服务"), organization: r.org ?? "—", hours: Number(r.hours) }));
  const { activities, summary } = summarize(lines);
  return {
    volunteer: v,
    content: {
      name: v.name,
      idType: "居民身份证",
      idMasked: maskIdCard(v.idPrefix, v.idLast4),
      volunteerNo: v.volunteerNo,
      periodFrom: input.from,
      periodTo: input.to,
      hours,
      records: recs.length,
      activities,
      summary,
      organizations: orgs,
    },
  };
}

export async function issueCertificate(db: Db, actor: Actor, input: IssueInput): Promise<IssueResult> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.from)) return fail("invalid", "开始日期格式应为 YYYY-MM-DD", { fields: ["from"] });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.to)) return fail("invalid", "结束日期格式应为 YYYY-MM-DD", { fields: ["to"] });
  if (input.to < input.from) return fail("invalid", "结束日期不能早于开始日期", { fields: ["to"] });
  if (!input.handler.trim()) return fail("invalid", "请填写经办人", { fields: ["handler"] });
  return db.transaction(async (tx): Promise<IssueResult> => {
    const office = await issuerOffice(tx, actor);
    if (!office) return fail("forbidden", "当前账号没有可出具证明的单位");
    const base = await certificateContent(tx, actor, input);
    if (!base) return fail("not_found", "志愿者不存在或不在您的权限范围内", { fields: ["volunteerId"] });
    const issuedOn = today();
    const year = Number(issuedOn.slice(0, 4));
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7702006)`);
    const [last] = await tx.select({ n: certificates.number }).from(certificates).where(like(certificates.number, `${CERT_PREFIX}-${year}-%`)).orderBy(desc(certificates.number)).limit(1);
    const number = nextCertificateNumber(year, last?.n ?? null);
    const verifyCode = newVerifyCode();
    const content: CertificateContent = { ...base.content, number, issuer: office, handler: input.handler.trim(), contact: input.contact?.trim() || null, issuedOn };
    const [c] = await tx
      .insert(certificates)
      .values({
        number,
        verifyCode,
        volunteerId: base.volunteer.id,
        periodFrom: input.from,
        periodTo: input.to,
        hours: String(content.hours),
        content,
        issuerName: office,
        handlerUserId: actor.id,
        handlerName: content.handler,
        contactPhone: content.contact,
        communityCode: base.volunteer.communityCode,
      })
      .returning({ id: certificates.id });
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "certificate.issue", objectType: "certificate", objectId: c!.id, summary: { number, volunteerId: base.volunteer.id, hours: content.hours, from: input.from, to: input.to, issuer: office } });
    return { ok: true, id: c!.id, number, verifyCode, verifyUrl: verifyPath(number, verifyCode), content };
  });
}

/**
 * A certificate of a volunteer the actor may act on (the printable page, reprinting the PDF, the
 * staff lookup by number): the volunteer scope rule in the WHERE clause, so a number from another
 * area — or of a non-member for an organization admin — is simply not found.
 */
export async function getCertificate(db: Queryable, actor: Actor, by: { id: number } | { number: string }) {
  const key = "id" in by ? eq(certificates.id, by.id) : eq(certificates.number, by.number.trim().toUpperCase());
  const [c] = await db
    .select()
    .from(certificates)
    .where(and(key, sql`EXISTS (SELECT 1 FROM volunteers v WHERE v.id = ${certificates.volunteerId} AND ${volunteerScopeSql(actor, "v")})`))
    .limit(1);
  return c ? { ...c, content: c.content as CertificateContent } : null;
}
