/**
 * The monthly report on the seeded database: every figure it shares with the cockpit equals the
 * metrics API's for the same scope and days (and the naive raw computation), a publication freezes
 * the numbers against late records, republishing needs a reason, scope is enforced, and the files
 * it exports carry the published numbers.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { today } from "@/lib/metrics/clock";
import { getRegionMetrics } from "@/lib/metrics/queries";
import { computeRaw } from "@/lib/metrics/raw";
import { reportJson } from "@/lib/metrics/serialize";
import { getDispatchFigures } from "@/lib/dispatch/figures";
import { getTimebankFigures } from "@/lib/timebank/figures";
import { reviewServiceRecord } from "@/lib/service-hours/review";
import { csvTable, renderFile } from "@/lib/reports/export";
import { monthRange } from "@/lib/reports/rules";
import { diffKeys, loadReport, publishReport, reportToServe } from "@/lib/reports/service";
import { testDb, userFor } from "../support/db";

const MONTH = "2026-10";
const FROM = "2026-10-01";
const TO = "2026-10-31";

async function live(username: string, code: string, month = MONTH) {
  const r = await loadReport(await testDb(), await userFor(username), { month, code });
  if (!r.ok) throw new Error(r.message);
  return r;
}

describe("the report's numbers are the cockpit's numbers", () => {
  for (const [username, code] of [
    ["laixi_wmb", "370285"],
    ["wmb_admin", "3702"],
  ] as const) {
    it(`${code}: headline figures and every child row equal /api/v1/regions/${code}/metrics?from=${FROM}&to=${TO}`, async () => {
      const user = await userFor(username);
      const { live: r } = await live(username, code);
      const api = reportJson((await getRegionMetrics({ user, code, period: { kind: "custom", from: FROM, to: TO } }))!);
      expect(r.meta).toMatchObject({ regionCode: code, from: FROM, to: TO, partial: false });
      // Campaign from 2026-09-01: 31 October is day 61, whatever today is.
      expect(r.meta.campaign.day).toBe(61);
      expect(r.key).toMatchObject({
        registeredVolunteers: api.registeredVolunteers,
        newVolunteers: api.newVolunteers,
        activeVolunteers: api.activeVolunteers,
        verifiedHours: api.verifiedHours,
        peopleServed: api.peopleServed,
        activeProjects: api.activeProjects,
        demandsReceived: api.demands.received,
        demandsCompleted: api.demands.completed,
        tasksTotal: api.tasks.total,
        tasksClosed: api.tasks.closed,
        tasksOverdue: api.tasks.overdue,
        pointsIssued: api.pointsIssued,
        pointsRedeemed: api.pointsRedeemed,
      });
      expect(r.key.closureRate).toBeCloseTo(api.tasks.closureRate!, 4);
      expect(r.key.onTimeClosureRate).toBeCloseTo(api.tasks.onTimeClosureRate!, 4);
      const vol = r.tables.find((t) => t.id === "volunteers")!;
      const rect = r.tables.find((t) => t.id === "rectification")!;
      const pts = r.tables.find((t) => t.id === "points")!;
      expect(vol.rows).toHaveLength(api.children.length);
      api.children.forEach((c, i) => {
        expect(vol.rows[i]).toMatchObject({ name: c.name, registered: c.registeredVolunteers, newVolunteers: c.newVolunteers, active: c.activeVolunteers, hours: c.verifiedHours, served: c.peopleServed });
        expect(rect.rows[i]).toMatchObject({ name: c.name, total: c.tasks.total, closed: c.tasks.closed, overdue: c.tasks.overdue });
        expect(pts.rows[i]).toMatchObject({ issued: c.pointsIssued, redeemed: c.pointsRedeemed });
      });
      expect(vol.total).toMatchObject({ registered: api.registeredVolunteers, hours: api.verifiedHours });
    });
  }

  it("agrees with the naive computation from the raw tables too (not only with its own source)", async () => {
    const db = await testDb();
    const { live: r } = await live("laixi_wmb", "370285");
    const [own] = await rows<{ population: number }>(db, sql`SELECT population FROM regions WHERE code = '370285'`);
    const raw = await computeRaw(db, { code: "370285", from: FROM, to: TO, campaignStart: "2026-09-01" }, own!.population);
    expect(r.key.registeredVolunteers).toBe(raw.registeredVolunteers);
    expect(r.key.verifiedHours).toBeCloseTo(raw.verifiedHours, 2);
    expect(r.key.tasksClosed).toBe(raw.tasks.closed);
    expect(r.key.demandsReceived).toBe(raw.demands.received);
    expect(r.key.pointsIssued).toBe(raw.pointsIssued);
  });

  it("the dispatch and points sections are the dispatch and time-bank modules' figures, and agree with the rollups", async () => {
    const db = await testDb();
    const { live: r } = await live("laixi_wmb", "370285");
    const d = await getDispatchFigures(db, await userFor("laixi_wmb"), { regionCode: "370285", from: FROM, to: TO });
    const tb = await getTimebankFigures(db, await userFor("laixi_wmb"), { code: "370285", from: FROM, to: TO });
    const dt = r.tables.find((t) => t.id === "dispatch")!;
    expect(dt.total).toMatchObject({ received: d.received, completed: d.completed, cancelled: d.cancelled, dispatched: d.dispatched });
    expect(d.received).toBe(r.key.demandsReceived);
    expect(d.completed).toBe(r.key.demandsCompleted);
    expect(tb.pointsIssued).toBe(r.key.pointsIssued);
    expect(tb.pointsRedeemed).toBe(r.key.pointsRedeemed);
  });

  it("ranks the district's streets by closure rate with the rule shown; red and black never overlap", async () => {
    const { live: r } = await live("laixi_wmb", "370285");
    const t = r.tables.find((x) => x.id === "ranking")!;
    const rates = t.rows.map((x) => Number(x.closureRate));
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect(t.note).toContain("按整改率");
    const red = new Set(r.ranking.red.map((x) => x.name));
    expect(r.ranking.black.some((x) => red.has(x.name))).toBe(false);
    expect(t.rows.filter((x) => x.list === "红榜").map((x) => x.name)).toEqual(r.ranking.red.map((x) => x.name));
  });

  it("every ranked street carries the cockpit's figures for that street, in a district and in a city report", async () => {
    const city = await userFor("wmb_admin");
    const laixi = reportJson((await getRegionMetrics({ user: city, code: "370285", period: { kind: "custom", from: FROM, to: TO } }))!);
    for (const [username, code] of [
      ["laixi_wmb", "370285"],
      ["wmb_admin", "3702"],
    ] as const) {
      const { live: r } = await live(username, code);
      const rows = r.tables.find((t) => t.id === "ranking")!.rows.filter((x) => x.district === "莱西市");
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const c = laixi.children.find((x) => x.name === row.name)!;
        expect(row, `${code} ${row.name}`).toMatchObject({ total: c.tasks.total, closed: c.tasks.closed, overdue: c.tasks.overdue });
        expect(Number(row.closureRate)).toBeCloseTo(c.tasks.closureRate!, 4);
      }
    }
  });

  it("writes the summary paragraph from the same figures", async () => {
    const { live: r } = await live("laixi_wmb", "370285");
    expect(r.summary).toContain("2026年10月，莱西市");
    expect(r.summary).toContain(`已整改${r.key.tasksClosed.toLocaleString("zh-CN")}个`);
  });
});

describe("scope", () => {
  it("a district user can only report on their district; streets and other districts are not found", async () => {
    const laixi = await userFor("laixi_wmb");
    for (const code of ["3702", "370202", "370285001", "999999"]) {
      const r = await loadReport(await testDb(), laixi, { month: MONTH, code: code });
      expect(r.ok, code).toBe(false);
      expect(!r.ok && r.status).toBe(404);
    }
    const street = await userFor("shuiji_street");
    const s = await loadReport(await testDb(), street, { month: MONTH, code: "370285" });
    expect(!s.ok && s.status).toBe(404);
    const city = await loadReport(await testDb(), await userFor("wmb_admin"), { month: MONTH, code: "370202" });
    expect(city.ok).toBe(true);
  });
  it("a month that has not started is refused with a message naming the field", async () => {
    const r = await loadReport(await testDb(), await userFor("laixi_wmb"), { month: "2099-01", code: "370285" });
    expect(!r.ok && r.status).toBe(400);
    expect(!r.ok && r.message).toMatch(/^month: /);
  });
});

describe("publishing freezes the month", () => {
  it("a late verified record changes the live report but not the published one or its export; republishing needs a reason", async () => {
    const db = await testDb();
    const user = await userFor("laixi_wmb");
    const first = await publishReport(await testDb(), user, { month: MONTH, code: "370285" });
    expect(first).toMatchObject({ ok: true });
    const rev = (first as { revision: number }).revision;
    const published = (await live("laixi_wmb", "370285")).published!;
    expect(published.revision).toBe(rev);

    // A late record: an October record in 莱西 verified now.
    const [rec] = await rows<{ id: number; hours: string }>(
      db,
      sql`SELECT id, hours FROM service_records WHERE status = 'pending' AND community_code LIKE '370285%' AND service_date BETWEEN ${FROM}::date AND ${TO}::date ORDER BY id LIMIT 1`,
    );
    let late = rec;
    if (!late) {
      const [v] = await rows<{ id: number; community_code: string }>(db, sql`SELECT id, community_code FROM volunteers WHERE community_code LIKE '370285%' ORDER BY id LIMIT 1`);
      [late] = await rows<{ id: number; hours: string }>(
        db,
        sql`INSERT INTO service_records (volunteer_id, community_code, sector, service_date, hours, status) VALUES (${v!.id}, ${v!.community_code}, 'elderly', '2026-10-15', 3.5, 'pending') RETURNING id, hours`,
      );
    }
    const ok = await reviewServiceRecord(db, user, { id: late!.id, to: "verified" });
    expect(ok.ok).toBe(true);

    const after = await live("laixi_wmb", "370285");
    expect(after.live.key.verifiedHours).toBeCloseTo(published.report.key.verifiedHours + Number(late!.hours), 2);
    expect(after.published!.report.key.verifiedHours).toBe(published.report.key.verifiedHours);
    const diff = diffKeys(after.live, after.published!.report).find((d) => d.key === "verifiedHours")!;
    expect(diff.delta).toBeCloseTo(Number(late!.hours), 2);

    // The export of the published month carries the published numbers.
    const file = await renderFile(after.published!.report, { source: "published", revision: rev, publishedAt: after.published!.publishedAt }, "xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file!.body as never);
    const sum = wb.getWorksheet("汇总")!;
    expect(String(sum.getCell("A3").value)).toContain(`已发布数据（第 ${rev} 版`);
    let hours: unknown = null;
    sum.eachRow((row) => {
      if (row.getCell(1).value === "认定服务时长（小时）") hours = row.getCell(2).value;
    });
    expect(hours).toBe(published.report.key.verifiedHours);

    const again = await publishReport(await testDb(), user, { month: MONTH, code: "370285" });
    expect(again).toMatchObject({ ok: false, status: 400, code: "reason_required" });
    const re = await publishReport(await testDb(), user, { month: MONTH, code: "370285", reason: "补录10月底迟报的服务时长" });
    expect(re).toMatchObject({ ok: true, revision: rev + 1 });
    const now = await live("laixi_wmb", "370285");
    expect(now.published!.report.key.verifiedHours).toBeCloseTo(after.live.key.verifiedHours, 2);
    // What the API and the exports serve: the newest publication, or live on request.
    const served = await reportToServe(await testDb(), user, { month: MONTH, code: "370285", preferLive: false });
    expect(served).toMatchObject({ ok: true, source: "published" });
    expect(served.ok && served.report.key).toEqual(now.published!.report.key);
    const liveServed = await reportToServe(await testDb(), user, { month: MONTH, code: "370285", preferLive: true });
    expect(liveServed).toMatchObject({ ok: true, source: "live" });
    const audits = await rows<{ action: string; object_id: string }>(db, sql`SELECT action, object_id FROM audit_log WHERE object_type = 'monthly_report' AND object_id = '370285:2026-10' ORDER BY id`);
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["report.publish", "report.republish"]));
  });

  it("the running month cannot be published", async () => {
    const now = today();
    const month = now.slice(0, 7);
    const range = monthRange(month, now);
    if (!range.ok || !range.range.partial) return; // the last day of a month: nothing partial to refuse
    const r = await publishReport(await testDb(), await userFor("laixi_wmb"), { month, code: "370285" });
    expect(r).toMatchObject({ ok: false, status: 409 });
  });
});

describe("exported files", () => {
  it("xlsx: a 汇总 sheet plus one per table, scope/month in the header, frozen header rows, numbers as numbers", async () => {
    const { live: r } = await live("laixi_wmb", "370285");
    const f = await renderFile(r, { source: "live" }, "xlsx");
    expect(f!.name).toBe("莱西市_2026年10月_志愿服务与创城工作月报.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f!.body as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "志愿者注册与服务", "志愿者星级分布", "六大领域项目覆盖", "志愿服务活动", "网约志愿服务（点单派单）", "问题整改", "街道整改排名（红黑榜）", "时间银行积分", "热门兑换奖品", "典型未整改问题"]);
    const ws = wb.getWorksheet("问题整改")!;
    expect(String(ws.getCell("A2").value)).toContain("莱西市（370285）");
    expect(String(ws.getCell("A2").value)).toContain("2026-10-01 至 2026-10-31");
    expect(String(ws.getCell("A3").value)).toContain("实时数据");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 5 });
    expect(ws.getRow(5).getCell(1).value).toBe("街道（镇）");
    const rect = r.tables.find((t) => t.id === "rectification")!;
    expect(ws.getRow(6).getCell(2).value).toBe(rect.rows[0]!.total);
    expect(ws.getRow(6).getCell(7).numFmt).toMatch(/0\.0%$/);
  });

  it("docx: title, headings, the summary paragraph and the two charts as images", async () => {
    const { live: r } = await live("laixi_wmb", "370285");
    const f = await renderFile(r, { source: "live" }, "docx");
    const zip = await JSZip.loadAsync(f!.body as Buffer);
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("莱西市2026年10月志愿服务与创城工作月报");
    for (const h of ["综述", "一、志愿者注册与服务", "六、问题整改", "七、街道整改排名（红黑榜）"]) expect(text).toContain(h);
    expect(text).toContain(r.summary.slice(0, 30));
    const media = Object.keys(zip.files).filter((n) => n.startsWith("word/media/"));
    expect(media.length).toBeGreaterThanOrEqual(2);
  });

  it("csv: BOM, one file per table, unknown table refused", async () => {
    const { live: r } = await live("laixi_wmb", "370285");
    const csv = csvTable(r, "rectification")!;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("街道（镇）,发现问题（个）,已整改（个）,未整改（个）,超期未整改（个）,督办（个）,整改率（%）,按期整改率（%）");
    expect(lines).toHaveLength(1 + r.tables.find((t) => t.id === "rectification")!.rows.length + 1);
    expect(csvTable(r, "nope")).toBeNull();
  });
});
