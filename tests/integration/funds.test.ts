/**
 * The volunteer fund on a real database: balance = the ledger for every seeded fund; a spend beyond
 * the balance is a 409 with nothing written; reversals; the append-only trigger; the xlsx export
 * opened; and parallel spends that never overdraw (meaningful on PostgreSQL, where they really race).
 */
import ExcelJS from "exceljs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { newApiToken } from "@/lib/security/tokens";
import { listFunds, postFundEntry } from "@/lib/funds/ledger";
import { yuanToFen } from "@/lib/funds/money";
import { GET as fundsRoute } from "@/app/api/v1/funds/route";
import { GET as entriesRoute, POST as postRoute } from "@/app/api/v1/funds/[id]/entries/route";
import { POST as reverseRoute } from "@/app/api/v1/funds/[id]/entries/[entryId]/reverse/route";
import { GET as exportRoute } from "@/app/api/v1/funds/[id]/export/route";
import { testDb, userFor } from "../support/db";

const BASE = "http://localhost:3000";
let token = "";
let tokenId = 0;
let fundId = 0;

beforeAll(async () => {
  const db = await testDb();
  const t = newApiToken();
  token = t.token;
  const [row] = await db
    .insert(apiTokens)
    .values({ name: "funds-test", prefix: t.prefix, tokenHash: t.hash, scopeCode: "370285", permissions: ["organizations:read", "organizations:write"], createdBy: (await userFor("secadmin")).id })
    .returning({ id: apiTokens.id });
  tokenId = row!.id;
  const [f] = await rows<{ id: number }>(db, sql`SELECT id FROM funds WHERE region_code = '370285'`);
  fundId = Number(f!.id);
});
afterAll(async () => {
  await (await testDb()).delete(apiTokens).where(eq(apiTokens.id, tokenId));
});

const call = (method: string, path: string, body?: unknown) =>
  new Request(`${BASE}${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json", Origin: BASE } : {}) }, body: body ? JSON.stringify(body) : undefined });
const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });

async function ledger(id: number) {
  const [r] = await rows<{ bal: string; cached: string; n: number }>(
    await testDb(),
    sql`SELECT coalesce(sum(CASE WHEN kind = 'in' THEN amount_fen ELSE -amount_fen END), 0) AS bal, (SELECT balance_fen FROM funds WHERE id = ${id}) AS cached, count(*)::int AS n FROM fund_entries WHERE fund_id = ${id}`,
  );
  return { ledger: Number(r!.bal), cached: Number(r!.cached), entries: Number(r!.n) };
}

describe("volunteer fund", () => {
  it("one fund per district; every balance equals its ledger (Σ in − Σ out)", async () => {
    const db = await testDb();
    const funds = await listFunds(db, await userFor("wmb_admin"), {});
    const [d] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM regions WHERE length(code) = 6`);
    expect(funds).toHaveLength(Number(d!.n));
    for (const f of funds) {
      const l = await ledger(f.id);
      expect(l.cached, f.name).toBe(l.ledger);
      expect(f.balance).toBe((l.ledger / 100).toFixed(2));
    }
    const res = await fundsRoute(call("GET", "/api/v1/funds?region=370285"), params({}));
    const body = (await res.json()) as { id: number; name: string; regionCode: string; balance: string }[];
    expect(body).toEqual([expect.objectContaining({ id: fundId, regionCode: "370285", balance: expect.stringMatching(/^\d+\.\d{2}$/) })]);
  });

  it("donation in, spend beyond the balance → 409 with nothing written, reversal once", async () => {
    const before = await ledger(fundId);
    const don = await postRoute(call("POST", `/api/v1/funds/${fundId}/entries`, { category: "donation", amount: "1000.05", counterparty: "测试爱心人士" }), params({ id: String(fundId) }));
    expect(don.status).toBe(201);
    const d = (await don.json()) as { id: number; balance: string };
    expect(yuanToFen(d.balance)).toBe(before.ledger + 100005);

    const tooMuch = ((before.ledger + 100005) / 100 + 0.01).toFixed(2);
    const over = await postRoute(call("POST", `/api/v1/funds/${fundId}/entries`, { category: "spending", amount: tooMuch, receiptNo: "FP-OVER" }), params({ id: String(fundId) }));
    expect(over.status).toBe(409);
    const oj = (await over.json()) as { message: string; fields: string[] };
    expect(oj.fields).toEqual(["amount"]);
    expect(oj.message).toContain("超出基金余额");
    const mid = await ledger(fundId);
    expect(mid.entries).toBe(before.entries + 1);
    expect(mid.cached).toBe(before.ledger + 100005);

    const noReceipt = await postRoute(call("POST", `/api/v1/funds/${fundId}/entries`, { category: "spending", amount: "1.00" }), params({ id: String(fundId) }));
    expect(noReceipt.status).toBe(422);
    expect(((await noReceipt.json()) as { fields: string[] }).fields).toEqual(["receiptNo"]);

    const rev = await reverseRoute(call("POST", `/api/v1/funds/${fundId}/entries/${d.id}/reverse`, {}), params({ id: String(fundId), entryId: String(d.id) }));
    expect(rev.status).toBe(201);
    expect(yuanToFen(((await rev.json()) as { balance: string }).balance)).toBe(before.ledger);
    const again = await reverseRoute(call("POST", `/api/v1/funds/${fundId}/entries/${d.id}/reverse`, {}), params({ id: String(fundId), entryId: String(d.id) }));
    expect(again.status).toBe(409);

    const list = (await (await entriesRoute(call("GET", `/api/v1/funds/${fundId}/entries`), params({ id: String(fundId) }))).json()) as { id: number; kind: string; amount: string; reversesId: number | null }[];
    expect(list.find((e) => e.id === d.id)).toMatchObject({ kind: "in", amount: "1000.05" });
    expect(list.find((e) => e.reversesId === d.id)).toMatchObject({ kind: "out", amount: "1000.05" });
    const l = await ledger(fundId);
    expect(l.cached).toBe(l.ledger);
  });

  it("the ledger is append-only (the database refuses UPDATE and DELETE)", async () => {
    const db = await testDb();
    await expect(db.execute(sql`UPDATE fund_entries SET amount_fen = 1 WHERE fund_id = ${fundId}`)).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM fund_entries WHERE fund_id = ${fundId}`)).rejects.toThrow();
  });

  it("the xlsx export, opened: one row per entry and a total row equal to the balance", async () => {
    const res = await exportRoute(call("GET", `/api/v1/funds/${fundId}/export`), params({ id: String(fundId) }));
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const l = await ledger(fundId);
    expect(ws.rowCount).toBe(2 + l.entries + 1);
    const total = ws.getRow(ws.rowCount);
    expect(total.getCell(1).value).toBe("合计");
    expect(Math.round(Number(total.getCell(6).value) * 100)).toBe(l.ledger);
    expect(Math.round(Number(ws.getRow(ws.rowCount - 1).getCell(6).value) * 100)).toBe(l.ledger);
  });

  it("parallel spends never overdraw: exactly as many succeed as the balance carries", async () => {
    const db = await testDb();
    const wmb = await userFor("laixi_wmb");
    const start = await ledger(fundId);
    // spend down to exactly 5 × 100.00 yuan, then race 12 spends of 100.00
    const excess = start.ledger - 50000;
    if (excess > 0) expect((await postFundEntry(db, wmb, { fundId, category: "spending", amount: (excess / 100).toFixed(2), receiptNo: "FP-SETUP" })).ok).toBe(true);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => postFundEntry(db, wmb, { fundId, category: "spending", amount: "100.00", receiptNo: `FP-RACE-${i}` })));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "insufficient_funds")).toBe(true);
    const end = await ledger(fundId);
    expect(end.cached).toBe(0);
    expect(end.ledger).toBe(0);
  });
});
