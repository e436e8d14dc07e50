import { and, desc, eq, gte, ilike, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { auditLog } from "@/db/schema";
import type { Queryable } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/http";

/** The auditor's filters (query string of /admin and /api/v1/audit/export). */
export const AuditFilterSchema = z.object({
  user: z.string().trim().max(64, "用户名过长").optional().default(""),
  action: z.string().trim().max(64, "操作过长").optional().default(""),
  object: z.string().trim().max(64, "对象过长").optional().default(""),
  outcome: z.enum(["", "success", "denied", "failure"], { message: "结果须为 success / denied / failure" }).optional().default(""),
  from: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, "开始日期格式为 YYYY-MM-DD").optional().default(""),
  to: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, "结束日期格式为 YYYY-MM-DD").optional().default(""),
  page: z.coerce.number().int().min(1, "页码须为正整数").max(100000, "页码过大").optional().default(1),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AUDIT_PAGE_SIZE = 50;

function esc(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** WHERE for the filters; dates are China Standard Time days, `to` inclusive. */
export function auditWhere(f: AuditFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.user) parts.push(ilike(auditLog.username, `%${esc(f.user)}%`));
  if (f.action) parts.push(ilike(auditLog.action, `${esc(f.action)}%`));
  if (f.object) {
    const [type, id] = f.object.split("#");
    parts.push(id !== undefined ? and(eq(auditLog.objectType, type!), eq(auditLog.objectId, id))! : or(eq(auditLog.objectType, f.object), eq(auditLog.objectId, f.object))!);
  }
  if (f.outcome) parts.push(eq(auditLog.outcome, f.outcome));
  if (f.from) parts.push(gte(auditLog.at, new Date(`${f.from}T00:00:00+08:00`)));
  if (f.to) parts.push(lt(auditLog.at, new Date(new Date(`${f.to}T00:00:00+08:00`).getTime() + 86_400_000)));
  return parts.length ? and(...parts) : undefined;
}

const cols = {
  id: auditLog.id,
  at: auditLog.at,
  username: auditLog.username,
  role: auditLog.role,
  ip: auditLog.ip,
  action: auditLog.action,
  objectType: auditLog.objectType,
  objectId: auditLog.objectId,
  outcome: auditLog.outcome,
  summary: auditLog.summary,
};

/** Only the security auditor reads the log (三权分立); anyone else is refused before any query. */
function auditorOnly(actor: Actor) {
  if (actor.role !== "auditor") throw new DomainError("forbidden", "只有安全审计员可以查阅审计日志");
}

export async function searchAudit(db: Queryable, actor: Actor, f: AuditFilter) {
  auditorOnly(actor);
  const where = auditWhere(f);
  const [rowsOut, [count]] = await Promise.all([
    db.select(cols).from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(AUDIT_PAGE_SIZE).offset((f.page - 1) * AUDIT_PAGE_SIZE),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { rows: rowsOut, total: count?.n ?? 0 };
}

/** Up to `max` entries for an export, newest first, in pages so memory stays flat. */
export async function* auditForExport(db: Queryable, actor: Actor, { filter: f, max = 100_000 }: { filter: AuditFilter; max?: number }) {
  auditorOnly(actor);
  const where = auditWhere(f);
  let before = Number.MAX_SAFE_INTEGER;
  let n = 0;
  while (n < max) {
    const page = await db.select(cols).from(auditLog).where(and(where, lte(auditLog.id, before))).orderBy(desc(auditLog.id)).limit(2000);
    if (!page.length) return;
    for (const r of page) {
      yield r;
      if (++n >= max) return;
    }
    before = page[page.length - 1]!.id - 1;
  }
}

/** A CSV/spreadsheet cell that a spreadsheet would run as a formula gets a leading apostrophe. */
export function neutralizeFormula(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function csvCell(v: unknown): string {
  const s = neutralizeFormula(v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
