/**
 * Issuing 志愿服务记录证明: gathers the volunteer's VERIFIED records in the period (only verified
 * hours count), numbers the certificate (one sequence per year under an advisory lock) and records
 * it with a snapshot of what it prints; audit last. Checking by number reads the snapshot back.
 */
import { and, desc, eq, like, sql } from "drizzle-orm";
import type { Db, Queryable } from "@/db/client";
import { certificates, volunteers } from "@/db/schema";
import { rows } from "@/db/client";
import { writeAudit } from "@/lib/audit/log";
import { today } from "@/lib/metrics/clock";
import type { Actor as ServiceActor } from "@/lib/auth/actor";
import { maskIdCard } from "@/lib/volunteers/rules";
import type { CertificateContent } from "./content";
import { CERT_PREFIX, nextCertificateNumber, parseCertificateNumber } from "./number";

const MAX_LINES = 40;

export interface IssueInput {
  volunteerId: number;
  from: string;
  to: string;
  issuer: string;
  handler: string;
  contact?: string | null;
}

export type IssueResult = { ok: true; id: number; number: string; content: CertificateContent } | { ok: false; code: "not_found" | "invalid"; message: string; field?: string };

/** The content for a volunteer and period, without a number (preview) — null when out of scope. */
export async function certificateContent(db: Queryable, scopeCode: string, input: Omit<IssueInput, "issuer" | "handler" | "contact">) {
  const [v] = await db
    .select({ id: volunteers.id, name: volunteers.name, volunteerNo: volunteers.volunteerNo, idPrefix: volunteers.idPrefix, idLast4: volunteers.idLast4, communityCode: volunteers.communityCode })
    .from(volunteers)
    .where(and(eq(volunteers.id, input.volunteerId), sql`${volunteers.communityCode} LIKE ${`${scopeCode}%`}`))
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
      activities: lines.slice(0, MAX_LINES),
      moreActivities: Math.max(0, lines.length - MAX_LINES),
      organizations: orgs,
    },
  };
}

export async function issueCertificate(db: Db, actor: ServiceActor, input: IssueInput): Promise<IssueResult> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.from) || !/^\d{4}-\d{2}-\d{2}$/.test(input.to)) return { ok: false, code: "invalid", message: "服务期间格式应为 YYYY-MM-DD", field: "from" };
  if (input.to < input.from) return { ok: false, code: "invalid", message: "结束日期不能早于开始日期", field: "to" };
  if (!input.issuer.trim()) return { ok: false, code: "invalid", message: "请填写出具单位", field: "issuer" };
  if (!input.handler.trim()) return { ok: false, code: "invalid", message: "请填写经办人", field: "handler" };
  return db.transaction(async (tx) => {
    const base = await certificateContent(tx, actor.scopeCode, input);
    if (!base) return { ok: false, code: "not_found", message: "志愿者不存在或不在您的权限范围内" } as const;
    const issuedOn = today();
    const year = Number(issuedOn.slice(0, 4));
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7702006)`);
    const [last] = await tx.select({ n: certificates.number }).from(certificates).where(like(certificates.number, `${CERT_PREFIX}-${year}-%`)).orderBy(desc(certificates.number)).limit(1);
    const number = nextCertificateNumber(year, last?.n ?? null);
    const content: CertificateContent = { ...base.content, number, issuer: input.issuer.trim(), handler: input.handler.trim(), contact: input.contact?.trim() || null, issuedOn };
    const [c] = await tx
      .insert(certificates)
      .values({
        number,
        volunteerId: base.volunteer.id,
        periodFrom: input.from,
        periodTo: input.to,
        hours: String(content.hours),
        content,
        issuerName: content.issuer,
        handlerUserId: actor.id,
        handlerName: content.handler,
        contactPhone: content.contact,
        communityCode: base.volunteer.communityCode,
      })
      .returning({ id: certificates.id });
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "certificate.issue", objectType: "certificate", objectId: c!.id, summary: { number, volunteerId: base.volunteer.id, hours: content.hours, from: input.from, to: input.to } });
    return { ok: true, id: c!.id, number, content } as const;
  });
}

/** Checks a certificate by number: what was printed, or null. Anyone holding the number may check it. */
export async function findCertificate(db: Queryable, raw: string) {
  if (!parseCertificateNumber(raw)) return null;
  const [c] = await db.select().from(certificates).where(eq(certificates.number, raw.trim().toUpperCase())).limit(1);
  return c ? { ...c, content: c.content as CertificateContent } : null;
}

/** A certificate in the user's scope (for reprinting the PDF). */
export async function getCertificate(db: Queryable, scopeCode: string, id: number) {
  const [c] = await db.select().from(certificates).where(and(eq(certificates.id, id), sql`${certificates.communityCode} LIKE ${`${scopeCode}%`}`)).limit(1);
  return c ? { ...c, content: c.content as CertificateContent } : null;
}
