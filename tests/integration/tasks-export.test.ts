/**
 * The task list and the overdue list as .xlsx (GET /api/v1/tasks/export, the real handler and gate
 * with an API token of 莱西市): opened and read back — it prints on A4 landscape fitted to one page
 * wide with the header row repeated, deadlines are real dates, a point name that looks like a
 * formula is text, the rows are exactly the list's (same filters, same scope), and the overdue list
 * holds exactly the header's overdue count.
 */
import { and, asc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, rectificationTasks, regions } from "@/db/schema";
import { withIp } from "@/lib/auth/actor";
import { newApiToken } from "@/lib/security/tokens";
import { getTaskSummary, listTasks } from "@/lib/tasks/queries";
import { createTask } from "@/lib/tasks/service";
import { GET as exportRoute } from "@/app/api/v1/tasks/export/route";
import { testDb, userFor } from "../support/db";

const BASE = "http://localhost:3000";
const LAIXI = "370285";
let token = "";
let tokenId = 0;
let taskId = 0;
const POINT = '=HYPERLINK("http://evil.example","点我")';

beforeAll(async () => {
  const db = await testDb();
  const secadmin = await userFor("secadmin");
  const t = newApiToken();
  token = t.token;
  const [row] = await db.insert(apiTokens).values({ name: "tasks-export-test", prefix: t.prefix, tokenHash: t.hash, scopeCode: LAIXI, permissions: ["tasks:read"], createdBy: secadmin.id }).returning({ id: apiTokens.id });
  tokenId = row!.id;
  const [c] = await db.select({ code: regions.code, parent: regions.parentCode }).from(regions).where(and(eq(regions.parentCode, "370285001"), eq(regions.level, "community"))).orderBy(asc(regions.code)).limit(1);
  const r = await createTask(db, withIp(await userFor("laixi_wmb"), "127.0.0.1"), { type: "flyposting", pointName: POINT, description: "+SUM(A1:A9) 电线杆上的小广告", streetCode: c!.parent!, communityCode: c!.code, deadline: "2099-12-31", assignNow: false, photoIds: [] });
  if (!r.ok) throw new Error(r.message);
  taskId = r.id;
});

afterAll(async () => {
  const db = await testDb();
  await db.delete(apiTokens).where(eq(apiTokens.id, tokenId));
  await db.delete(rectificationTasks).where(eq(rectificationTasks.id, taskId));
});

async function download(query: string) {
  const res = await exportRoute(new Request(`${BASE}/api/v1/tasks/export${query}`, { headers: { Authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("spreadsheetml");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  return { ws: wb.worksheets[0]!, disposition: res.headers.get("content-disposition") ?? "" };
}

/** Data rows (below the header on row 4) as {header: value}. */
function records(ws: ExcelJS.Worksheet) {
  const header = (ws.getRow(4).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  for (let i = 5; i <= ws.rowCount; i++) {
    const v = (ws.getRow(i).values as unknown[]).slice(1);
    out.push(Object.fromEntries(header.map((h, j) => [h, v[j] ?? null])));
  }
  return out;
}

describe("GET /api/v1/tasks/export", () => {
  it("the filtered list prints on A4 landscape, one page wide, header row repeated, with real dates and neutralised formulas", async () => {
    const { ws, disposition } = await download("?type=flyposting&street=370285001");
    expect(decodeURIComponent(disposition)).toContain("整改任务清单");
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "4:4" });
    expect(ws.getCell("A2").value).toContain("类型：小广告");
    const rows = records(ws);
    const db = await testDb();
    const list = await listTasks(db, await userFor("laixi_wmb"), { type: "flyposting", street: "370285001", page: 1, pageSize: 100 });
    expect(rows.map((r) => r["任务编号"])).toEqual(list.items.map((t) => t.id));
    const mine = rows.find((r) => r["任务编号"] === taskId)!;
    expect(mine["点位名称"]).toBe(`'${POINT}`);
    expect(String(mine["问题描述"]).startsWith("'+SUM")).toBe(true);
    expect(mine["整改期限"]).toBeInstanceOf(Date);
    expect((mine["整改期限"] as Date).toISOString().slice(0, 10)).toBe("2099-12-31");
    expect(ws.getCell(`K5`).numFmt).toBe("yyyy-mm-dd");
    expect(rows.every((r) => r["问题类型"] === "小广告")).toBe(true);
  });

  it("the overdue list holds exactly the overdue tasks the header counts, most overdue first", async () => {
    const { ws, disposition } = await download("?kind=overdue");
    expect(decodeURIComponent(disposition)).toContain("超期整改任务清单");
    const rows = records(ws);
    const summary = await getTaskSummary(await testDb(), await userFor("laixi_wmb"));
    expect(summary.overdue).toBeGreaterThan(0);
    expect(rows).toHaveLength(summary.overdue);
    const days = rows.map((r) => Number(r["超期天数"]));
    expect(days.every((d) => d > 0)).toBe(true);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(rows.some((r) => r["任务编号"] === taskId)).toBe(false);
  });

  it("a bad kind is a 400 naming the field", async () => {
    const res = await exportRoute(new Request(`${BASE}/api/v1/tasks/export?kind=all`, { headers: { Authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
    expect(res.status).toBe(400);
    expect((await res.json()).fields).toContain("kind");
  });
});
