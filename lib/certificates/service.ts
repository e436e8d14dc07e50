/**
 * Issuing 志愿服务记录证明: gathers the volunteer's VERIFIED records in the period (only verified
 * hours count), numbers the certificate (one sequence per year under an advisory lock), draws its
 * verification code and records it with a snapshot of what it prints; audit last. The issuing office
 * is the issuer's own (lib/certificates/rules.ts#issuingOffice), never typed. The public check needs
 * the number and the code (check.ts).
 */
import { and, desc, eq, like, sql } from "drizzle-orm";
import type { Db, Queryable } from "@/db/client";
import { certificates, organizations, regions, volunteers } from "@/db/schema";
import { rows } from "@/db/client";
import { writeAudit } from "@/lib/audit/log";
import { today } from "@/lib/metrics/clock";
import type { ServiceActor } from "@/lib/service/actor";
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

export type IssueResult =
  | { ok: true; id: number; number: string; verifyCode: string; verifyUrl: string; content: CertificateContent }
  | { ok: false; code: "not_found" | "invalid" | "forbidden"; message: string; field?: string };

/** The office the actor issues as, read from their account's scope region or organization. */
export async function issuerOffice(db: Queryable, actor: ServiceActor): Promise<string | null> {
  const [r] = await db.select({ name: regions.name, level: regions.level }).from(regions).where(eq(regions.code, actor.scopeCode)).limit(1);
  let organizationName: string | null = null;
  if (actor.role === "org_admin" && actor.organizationId) {
    const [o] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, actor.organizationId)).limit(1);
    organizationName = o?.name ?? null;
  }
  return issuingOffice({ role: actor.role, regionName: r?.name ?? "", regionLevel: r?.level ?? "city", organizationName });
}

/** The content for a volunteer and period, without a number (preview) — null when out of scope. */
export async function certificateContent(db: Queryable, actor: Pick<ServiceActor, "scopeCode">, input: Pick<IssueInput, "volunteerId" | "from" | "to">) {
  const [v] = await db
    .select({ id: volunteers.id, name: volunteers.name, volunteerNo: volunteers.volunteerNo, idPrefix: volunteers.idPrefix, idLast4: volunteers.idLast4, communityCode: volunteers.communityCode })
    .from(volunteers)
    .where(and(eq(volunteers.id, input.volunteerId), sql`${volunteers.communityCode} LIKE ${`${actor.scopeCode}%`}`))
    .limit(1);
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

export async function issueCertificate(db: Db, actor: ServiceActor, input: IssueInput): Promise<IssueResult> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.from)) return { ok: false, code: "invalid", message: "开始日期格式应为 YYYY-MM-DD", field: "from" };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.to)) return { ok: false, code: "invalid", message: "结束日期格式应为 YYYY-MM-DD", field: "to" };
  if (input.to < input.from) return { ok: false, code: "invalid", message: "结束日期不能早于开始日期", field: "to" };
  if (!input.handler.trim()) return { ok: false, code: "invalid", message: "请填写经办人", field: "handler" };
  return db.transaction(async (tx) => {
    const office = await issuerOffice(tx, actor);
    if (!office) return { ok: false, code: "forbidden", message: "当前账号无出具单位，不能出具证明" } as const;
    const base = await certificateContent(tx, actor, input);
    if (!base) return { ok: false, code: "not_found", message: "志愿者不存在或不在您的权限范围内", field: "volunteerId" } as const;
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
    return { ok: true, id: c!.id, number, verifyCode, verifyUrl: verifyPath(number, verifyCode), content } as const;
  });
}

/** A certificate in the actor's scope (the printable page, reprinting the PDF, looking one up by number). */
export async function getCertificate(db: Queryable, actor: Pick<ServiceActor, "scopeCode">, by: { id: number } | { number: string }) {
  const key = "id" in by ? eq(certificates.id, by.id) : eq(certificates.number, by.number.trim().toUpperCase());
  const [c] = await db.select().from(certificates).where(and(key, sql`${certificates.communityCode} LIKE ${`${actor.scopeCode}%`}`)).limit(1);
  return c ? { ...c, content: c.content as CertificateContent } : null;
}
