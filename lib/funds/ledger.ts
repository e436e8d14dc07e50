/**
 * The volunteer fund's ledger (志愿服务基金): donations in (from a partner or a person), allocations to
 * projects and spending with receipts out. Every movement is one appended entry; the fund row is
 * locked (`FOR UPDATE`) for the entry's transaction, an out beyond the balance is refused (409, nothing
 * written), and the cached balance moves with the entry — so parallel spends serialize on the fund
 * and can never overdraw it (tested on PostgreSQL). A mistake is undone by a reversing entry.
 * Scope: a fund is visible when its region lies in the actor's; only 文明办 staff post.
 */
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, type Queryable, rows, type Tx } from "@/db/client";
import { writeAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { isRegionCode, scopePattern } from "@/lib/auth/rules";
import { DomainError, inTx, type Result } from "@/lib/http";
import { fenToYuan, yuanToFen } from "./money";

export const CATEGORIES = ["donation", "allocation", "spending"] as const;
export const CATEGORY_ZH: Record<string, string> = { donation: "捐赠收入", allocation: "拨付项目", spending: "支出", reversal: "冲正" };

export const EntrySchema = z
  .object({
    category: z.enum(CATEGORIES, { message: "类别须为捐赠收入、拨付项目或支出" }),
    amount: z.union([z.string(), z.number()]).refine((v) => yuanToFen(v) !== null, "金额须为大于 0 的元数，最多两位小数"),
    partnerId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
    projectId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
    counterparty: z.string().trim().max(60, "对方名称最多 60 个字").optional(),
    receiptNo: z.string().trim().max(40, "票据号最多 40 个字").optional(),
    memo: z.string().trim().max(200, "摘要最多 200 个字").optional(),
  })
  .superRefine((x, ctx) => {
    if (x.category === "spending" && !x.receiptNo) ctx.addIssue({ code: "custom", path: ["receiptNo"], message: "支出须填写票据号" });
    if (x.category === "allocation" && !x.projectId) ctx.addIssue({ code: "custom", path: ["projectId"], message: "拨付须选择项目" });
    if (x.category === "donation" && !x.partnerId && !x.counterparty) ctx.addIssue({ code: "custom", path: ["counterparty"], message: "捐赠须填写捐赠方（合作单位或个人）" });
  });
export type EntryInput = z.infer<typeof EntrySchema>;

export const FundsQuery = z.object({ region: z.string().refine(isRegionCode, "不是有效的区划代码").optional() });

export interface FundRow {
  id: number;
  name: string;
  regionCode: string;
  regionName: string;
  balance: string;
}

export interface FundEntry {
  id: number;
  kind: "in" | "out";
  category: string;
  amount: string;
  amountFen: number;
  partner: string | null;
  project: string | null;
  counterparty: string | null;
  receiptNo: string | null;
  memo: string | null;
  reversesId: number | null;
  reversedBy: number | null;
  createdAt: string;
  createdBy: string | null;
}

const fundScope = (actor: Actor, alias = "f"): SQL =>
  ["wmb_staff", "leader", "street_officer"].includes(actor.role) ? sql`${sql.raw(alias)}.region_code LIKE ${scopePattern(actor.scopeCode.slice(0, Math.min(6, actor.scopeCode.length)))}` : sql`false`;

/** `GET /api/v1/funds?region=` — funds whose district lies in the actor's (a street officer sees its district's). */
export async function listFunds(db: Queryable, actor: Actor, { region }: { region?: string }): Promise<FundRow[]> {
  const r = await rows<{ id: number; name: string; region_code: string; region_name: string; balance_fen: string }>(
    db,
    sql`SELECT f.id, f.name, f.region_code, r.name AS region_name, f.balance_fen FROM funds f JOIN regions r ON r.code = f.region_code
      WHERE ${fundScope(actor)} ${region ? sql`AND f.region_code LIKE ${scopePattern(region.slice(0, 6))}` : sql``} ORDER BY f.region_code, f.id`,
  );
  return r.map((x) => ({ id: Number(x.id), name: x.name, regionCode: x.region_code, regionName: x.region_name, balance: fenToYuan(Number(x.balance_fen)) }));
}

export async function getFund(db: Queryable, actor: Actor, { id }: { id: number }): Promise<(FundRow & { balanceFen: number }) | null> {
  const [f] = await rows<{ id: number; name: string; region_code: string; region_name: string; balance_fen: string }>(
    db,
    sql`SELECT f.id, f.name, f.region_code, r.name AS region_name, f.balance_fen FROM funds f JOIN regions r ON r.code = f.region_code WHERE f.id = ${id} AND ${fundScope(actor)}`,
  );
  return f ? { id: Number(f.id), name: f.name, regionCode: f.region_code, regionName: f.region_name, balance: fenToYuan(Number(f.balance_fen)), balanceFen: Number(f.balance_fen) } : null;
}

/** `GET /api/v1/funds/{id}/entries` — the ledger, oldest first; null when the fund is unknown or out of scope. */
export async function listFundEntries(db: Queryable, actor: Actor, { id }: { id: number }): Promise<FundEntry[] | null> {
  if (!(await getFund(db, actor, { id }))) return null;
  const r = await rows<{
    id: number;
    kind: "in" | "out";
    category: string;
    amount_fen: string;
    partner: string | null;
    project: string | null;
    counterparty: string | null;
    receipt_no: string | null;
    memo: string | null;
    reverses_id: number | null;
    reversed_by: number | null;
    created_at: string;
    created_by: string | null;
  }>(
    db,
    sql`SELECT e.id, e.kind, e.category, e.amount_fen, p.name AS partner, pr.name AS project, e.counterparty, e.receipt_no, e.memo, e.reverses_id,
        (SELECT x.id FROM fund_entries x WHERE x.reverses_id = e.id) AS reversed_by,
        to_char(e.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS created_at, u.display_name AS created_by
      FROM fund_entries e LEFT JOIN partners p ON p.id = e.partner_id LEFT JOIN projects pr ON pr.id = e.project_id LEFT JOIN users u ON u.id = e.created_by
      WHERE e.fund_id = ${id} ORDER BY e.id`,
  );
  return r.map((x) => ({
    id: Number(x.id),
    kind: x.kind,
    category: x.category,
    amount: fenToYuan(Number(x.amount_fen)),
    amountFen: Number(x.amount_fen),
    partner: x.partner,
    project: x.project,
    counterparty: x.counterparty,
    receiptNo: x.receipt_no,
    memo: x.memo,
    reversesId: x.reverses_id == null ? null : Number(x.reverses_id),
    reversedBy: x.reversed_by == null ? null : Number(x.reversed_by),
    createdAt: x.created_at,
    createdBy: x.created_by,
  }));
}

function mayPost(actor: Actor) {
  if (actor.role !== "wmb_staff") throw new DomainError("forbidden", "只有文明办可以登记基金收支");
}

/** Locks the fund (in scope) for this transaction; every entry of a fund passes here, so they serialize. */
async function lockFund(tx: Tx, actor: Actor, id: number): Promise<{ balance: number; region: string }> {
  const [f] = await rows<{ balance_fen: string; region_code: string }>(tx, sql`SELECT f.balance_fen, f.region_code FROM funds f WHERE f.id = ${id} AND ${fundScope(actor)} FOR UPDATE`);
  if (!f) throw new DomainError("not_found", "基金不存在或不在您的管辖范围内");
  return { balance: Number(f.balance_fen), region: f.region_code };
}

async function append(tx: Tx, actor: Actor, fundId: number, balance: number, e: { kind: "in" | "out"; category: string; amountFen: number; partnerId?: number | null; projectId?: number | null; counterparty?: string | null; receiptNo?: string | null; memo?: string | null; reversesId?: number | null }) {
  if (e.kind === "out" && e.amountFen > balance) {
    throw new DomainError("insufficient_funds", `金额：超出基金余额（余额 ${fenToYuan(balance)} 元，本次 ${fenToYuan(e.amountFen)} 元），未记账`, { fields: ["amount"], status: 409 });
  }
  const [r] = await rows<{ id: number }>(
    tx,
    sql`INSERT INTO fund_entries (fund_id, kind, category, amount_fen, partner_id, project_id, counterparty, receipt_no, memo, reverses_id, created_by)
      VALUES (${fundId}, ${e.kind}, ${e.category}, ${e.amountFen}, ${e.partnerId ?? null}, ${e.projectId ?? null}, ${e.counterparty || null}, ${e.receiptNo || null}, ${e.memo || null}, ${e.reversesId ?? null}, ${actor.id})
      RETURNING id`,
  );
  const next = e.kind === "in" ? balance + e.amountFen : balance - e.amountFen;
  await tx.execute(sql`UPDATE funds SET balance_fen = ${next} WHERE id = ${fundId}`);
  const id = Number(r!.id);
  await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: `fund.${e.category}`, objectType: "fund", objectId: fundId, summary: { entryId: id, kind: e.kind, amount: fenToYuan(e.amountFen), reversesId: e.reversesId ?? null } });
  return { id, balance: fenToYuan(next) };
}

/** `POST /api/v1/funds/{id}/entries {category, amount, …}` → 201 `{id, balance}`; beyond the balance → 409, nothing written. */
export async function postFundEntry(db: Db, actor: Actor, { fundId, ...input }: EntryInput & { fundId: number }): Promise<Result<{ id: number; balance: string }>> {
  return inTx(db, async (tx) => {
    mayPost(actor);
    const f = await lockFund(tx, actor, fundId);
    if (input.partnerId) {
      const [p] = await rows<{ id: number }>(tx, sql`SELECT id FROM partners WHERE id = ${input.partnerId}`);
      if (!p) throw new DomainError("invalid", "合作单位：不存在", { fields: ["partnerId"] });
    }
    if (input.projectId) {
      const [p] = await rows<{ id: number }>(tx, sql`SELECT id FROM projects WHERE id = ${input.projectId} AND region_code LIKE ${scopePattern(f.region)}`);
      if (!p) throw new DomainError("invalid", "项目：不存在或不在本基金所在区（市）", { fields: ["projectId"] });
    }
    const kind = input.category === "donation" ? "in" : "out";
    return append(tx, actor, fundId, f.balance, { ...input, kind, amountFen: yuanToFen(input.amount)! });
  });
}

/** `POST /api/v1/funds/{id}/entries/{entryId}/reverse` → 201 the reversing entry; once per entry; reversing a donation already spent → 409. */
export async function reverseFundEntry(db: Db, actor: Actor, { fundId, entryId, memo }: { fundId: number; entryId: number; memo?: string }): Promise<Result<{ id: number; balance: string }>> {
  return inTx(db, async (tx) => {
    mayPost(actor);
    const f = await lockFund(tx, actor, fundId);
    const [e] = await rows<{ kind: "in" | "out"; amount_fen: string; reverses_id: number | null; reversed: boolean }>(
      tx,
      sql`SELECT kind, amount_fen, reverses_id, EXISTS (SELECT 1 FROM fund_entries x WHERE x.reverses_id = e.id) AS reversed FROM fund_entries e WHERE e.id = ${entryId} AND e.fund_id = ${fundId}`,
    );
    if (!e) throw new DomainError("not_found", "记账条目不存在");
    if (e.reverses_id != null) throw new DomainError("conflict", "冲正条目不能再冲正");
    if (e.reversed === true || (e.reversed as unknown) === "t") throw new DomainError("conflict", "该条目已冲正");
    return append(tx, actor, fundId, f.balance, { kind: e.kind === "in" ? "out" : "in", category: "reversal", amountFen: Number(e.amount_fen), reversesId: entryId, memo: memo ?? `冲正第 ${entryId} 条` });
  });
}
