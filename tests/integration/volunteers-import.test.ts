import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { RAW_ROLLUP_SQL } from "@/lib/metrics/rollup";
import { fileSource, ImportRefused } from "@/lib/spreadsheet";
import { importVolunteers } from "@/lib/volunteers/import";
import { decryptPii, piiHash } from "@/lib/volunteers/pii";
import { findReport } from "@/lib/volunteers/report";
import { makeIdCard } from "@/lib/volunteers/rules";
import { testDb, userFor } from "../support/db";
import { xlsxBomb } from "../support/xlsx-bomb";

const HEAD = ["姓名", "身份证号", "手机号", "所属社区(区划代码或名称)", "志愿者编号", "注册日期", "技能", "服务意向"];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vol-import-"));
process.env.IMPORT_REPORT_DIR = path.join(dir, "reports");

async function xlsx(name: string, data: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("志愿者");
  for (const r of data) ws.addRow(r);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

async function counts() {
  const db = await testDb();
  const [r] = await rows<{ v: number; nv: string; audit: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM volunteers) AS v, (SELECT coalesce(sum(new_volunteers), 0)::text FROM rollups WHERE grain = 'day' AND length(region_code) = 12) AS nv,
        (SELECT count(*)::int FROM audit_log) AS audit`,
  );
  return { volunteers: r!.v, rollup: Number(r!.nv), audit: r!.audit };
}

let community = "";
let farCommunity = "";
let existing: { name: string; id: string; phone: string; community: string } = { name: "", id: "", phone: "", community: "" };
let changed: { name: string; id: string; community: string } = { name: "", id: "", community: "" };
const NEW = [makeIdCard("370285", "1985-01-01", 101), makeIdCard("370285", "1986-02-02", 102), makeIdCard("370283", "1970-12-31", 103)];
let file = "";

beforeAll(async () => {
  const db = await testDb();
  const [c] = await rows<{ code: string }>(db, sql`SELECT code FROM regions WHERE parent_code = '370285002' ORDER BY code LIMIT 1`);
  community = c!.code;
  const [f] = await rows<{ code: string }>(db, sql`SELECT code FROM regions WHERE level = 'community' AND code LIKE '370202%' ORDER BY code LIMIT 1`);
  farCommunity = f!.code;
  const vs = await rows<{ name: string; id_card_enc: string; phone_enc: string; community_code: string }>(
    db,
    sql`SELECT name, id_card_enc, phone_enc, community_code FROM volunteers WHERE community_code LIKE '370285%' ORDER BY id LIMIT 2`,
  );
  existing = { name: vs[0]!.name, id: decryptPii(vs[0]!.id_card_enc), phone: decryptPii(vs[0]!.phone_enc), community: vs[0]!.community_code };
  changed = { name: vs[1]!.name, id: decryptPii(vs[1]!.id_card_enc), community: vs[1]!.community_code };
  file = await xlsx("mixed.xlsx", [
    HEAD,
    ["导入甲", NEW[0], "13600000001", community, "", "2026-10-08", "急救、摄影", "关爱老年、环境保护"], // row 2 created
    ["导入乙", NEW[1], 13600000002, "望城街道" + "", "", "", "", ""], // row 3 rejected (community name is a street)
    ["导入丙", NEW[2], "13600000003", community, "", "", "", "安全救助"], // row 4 created
    ["导入丁", NEW[0].slice(0, 17) + (NEW[0][17] === "1" ? "2" : "1"), "13600000004", community], // row 5 rejected (check digit)
    ["导入戊", NEW[1], "1360000", "不存在的社区"], // row 6 rejected (phone + community)
    ["导入甲", NEW[0], "13600000001", community], // row 7 skipped (same as row 2)
    [existing.name, existing.id, existing.phone, existing.community], // row 8 skipped (already registered, nothing changed)
    [changed.name, changed.id, "13600000009", changed.community], // row 9 updated (phone)
    ["导入己", makeIdCard("370202", "1990-01-01", 105), "13600000005", farCommunity], // row 10 rejected (outside Laixi)
    [],
    ["导入庚", makeIdCard("370285", "1999-09-09", 107), "13600000006", community, "NAT-2026-000107", "2026-11-01", "", "城市温暖提升"], // row 12 created
  ]);
});

describe("importing volunteers from a spreadsheet", () => {
  it("creates, updates, skips and rejects per row, naming row and column", async () => {
    const db = await testDb();
    const user = await userFor("laixi_wmb");
    const before = await counts();
    const progress: number[] = [];
    const r = await importVolunteers(db, user, { source: fileSource(file), chunkSize: 3, onProgress: (p) => progress.push(p.rows) });
    expect({ created: r.created, updated: r.updated, skipped: r.skipped, rejected: r.rejected, rows: r.rows }).toEqual({ created: 3, updated: 1, skipped: 2, rejected: 4, rows: 10 });
    const at = (row: number) => r.errors.filter((e) => e.row === row);
    expect(at(3)).toEqual([{ row: 3, column: "所属社区", message: expect.stringContaining("找不到") }]);
    expect(at(5)).toEqual([{ row: 5, column: "身份证号", message: "身份证号校验位不正确" }]);
    expect(at(6).map((e) => e.column)).toEqual(["手机号", "所属社区"]);
    expect(at(7)).toEqual([{ row: 7, column: "身份证号", message: "与第 2 行身份证号相同，重复行已跳过" }]);
    expect(at(10)).toEqual([{ row: 10, column: "所属社区", message: "所属社区不在您的管辖范围内" }]);
    expect(progress.length).toBeGreaterThan(0);
    const after = await counts();
    expect(after.volunteers).toBe(before.volunteers + 3);
    expect(after.rollup).toBe(before.rollup + 3);
    const [row] = await rows<{ phone_last4: string; version: number }>(db, sql`SELECT phone_last4, version FROM volunteers WHERE id_card_hash = ${piiHash(changed.id)}`);
    expect(row!.phone_last4).toBe("0009");
    const [nat] = await rows<{ volunteer_no: string; registered_on: string; sector_intentions: string[] }>(
      db,
      sql`SELECT volunteer_no, registered_on::text AS registered_on, sector_intentions FROM volunteers WHERE id_card_hash = ${piiHash(makeIdCard("370285", "1999-09-09", 107))}`,
    );
    expect(nat).toMatchObject({ volunteer_no: "NAT-2026-000107", registered_on: "2026-11-01" });

    // the downloadable report: every row, masked, owned by the importer only
    expect(r.reportId).toBeTruthy();
    expect(await findReport(r.reportId!, user.id + 1)).toBeNull();
    const rep = (await findReport(r.reportId!, user.id))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(rep.bytes as never);
    const ws = wb.getWorksheet("导入结果")!;
    expect(ws.actualRowCount).toBe(11); // header + 10 data rows
    const text = JSON.stringify(ws.getSheetValues());
    for (const id of [...NEW, existing.id, changed.id]) expect(text).not.toContain(id);
    expect(text).toContain(`${NEW[0].slice(0, 6)}********${NEW[0].slice(-4)}`);
  });

  it("re-importing the same file changes nothing", async () => {
    const db = await testDb();
    const user = await userFor("laixi_wmb");
    const before = await counts();
    const [v] = await rows<{ s: string }>(db, sql`SELECT md5(string_agg(v::text, '|' ORDER BY id)) AS s FROM volunteers v`);
    const r = await importVolunteers(db, user, { source: fileSource(file) });
    expect({ created: r.created, updated: r.updated, skipped: r.skipped, rejected: r.rejected }).toEqual({ created: 0, updated: 0, skipped: 6, rejected: 4 });
    const after = await counts();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    const [v2] = await rows<{ s: string }>(db, sql`SELECT md5(string_agg(v::text, '|' ORDER BY id)) AS s FROM volunteers v`);
    expect(v2!.s).toBe(v!.s);
  });

  it("reads CSV in UTF-8 and in GBK (Excel's Chinese default)", async () => {
    const db = await testDb();
    const user = await userFor("laixi_wmb");
    const id1 = makeIdCard("370285", "1977-07-07", 111);
    const id2 = makeIdCard("370285", "1978-08-08", 113);
    const utf8 = path.join(dir, "u.csv");
    fs.writeFileSync(utf8, `\uFEFF${HEAD.join(",")}\r\n"Li Lei",${id1},13600000011,${community},,,"a,b",关爱老年\r\n`);
    const r1 = await importVolunteers(db, user, { source: fileSource(utf8) });
    expect(r1).toMatchObject({ created: 1, rejected: 0 });
    // GBK: build the bytes from the decoder's own table
    const table = new Map<string, number[]>();
    const dec = new TextDecoder("gbk");
    for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) table.set(dec.decode(new Uint8Array([a, b])), [a, b]);
    const gbk = (s: string) => Buffer.from([...s].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
    const gbkFile = path.join(dir, "g.csv");
    fs.writeFileSync(gbkFile, gbk(`姓名,身份证号,手机号,所属社区\n韩梅梅,${id2},13600000012,${community}\n`));
    const r2 = await importVolunteers(db, user, { source: fileSource(gbkFile) });
    expect(r2).toMatchObject({ created: 1, rejected: 0 });
    const [n] = await rows<{ name: string }>(db, sql`SELECT name FROM volunteers WHERE id_card_hash = ${piiHash(id2)}`);
    expect(n!.name).toBe("韩梅梅");
  });

  it("refuses what is not a spreadsheet, is empty or has wrong headers — and writes nothing", async () => {
    const db = await testDb();
    const user = await userFor("laixi_wmb");
    const before = await counts();
    const png = path.join(dir, "photo.xlsx");
    fs.writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const xls = path.join(dir, "old.xls");
    fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    const empty = path.join(dir, "empty.csv");
    fs.writeFileSync(empty, "");
    const headerOnly = await xlsx("header-only.xlsx", [HEAD]);
    const wrong = await xlsx("wrong.xlsx", [["name", "id", "mobile"], ["x", NEW[0], "13600000001"]]);
    const blank = await xlsx("blank.xlsx", [[]]);
    const corrupt = path.join(dir, "corrupt.xlsx");
    fs.writeFileSync(corrupt, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
    const cases: [string, RegExp][] = [
      [png, /不是电子表格/],
      [xls, /\.xls/],
      [empty, /空/],
      [headerOnly, /没有数据行/],
      [wrong, /缺少必需的列/],
      [blank, /空/],
      [corrupt, /无法读取|没有工作表/],
    ];
    for (const [f, msg] of cases) {
      const err = await importVolunteers(db, user, { source: fileSource(f) }).then(
        () => null,
        (e) => e,
      );
      expect(err, f).toBeInstanceOf(ImportRefused);
      expect((err as Error).message, f).toMatch(msg);
    }
    expect(await counts()).toEqual(before);
  });

  it("keeps the rollups equal to the raw tables", async () => {
    const db = await testDb();
    const diff = await rows(
      db,
      sql.raw(`SELECT 1 FROM (SELECT * FROM rollups WHERE grain = 'day' AND length(region_code) = 12) r
        FULL JOIN (${RAW_ROLLUP_SQL}) x ON x.community_code = r.region_code AND x.day = r.period AND x.sector = r.sector
        WHERE coalesce(r.new_volunteers, 0) <> coalesce(x.new_volunteers, 0) LIMIT 1`),
    );
    expect(diff).toEqual([]);
    for (const grain of ["day", "month"]) {
      const d = await rows(
        db,
        sql.raw(`SELECT 1 FROM (SELECT left(region_code, 9) k, ${grain === "day" ? "period" : "date_trunc('month', period)::date"} p, sum(new_volunteers) n FROM rollups WHERE grain = 'day' AND length(region_code) = 12 GROUP BY 1, 2) a
          FULL JOIN (SELECT region_code k, period p, new_volunteers n FROM rollups WHERE grain = '${grain}' AND length(region_code) = 9 AND sector = '') b USING (k, p)
          WHERE coalesce(a.n, 0) <> coalesce(b.n, 0) LIMIT 1`),
      );
      expect(d, grain).toEqual([]);
    }
  });

  it("refuses a zip bomb within seconds, whether it inflates to a million rows or to one giant cell — nothing written", async () => {
    const db = await testDb();
    const user = await userFor("laixi_wmb");
    const before = await counts();
    const manyRows = path.join(dir, "bomb-rows.xlsx");
    fs.writeFileSync(manyRows, await xlsxBomb({ inflatedBytes: 1_070_000_000 }));
    const bigCell = path.join(dir, "bomb-cell.xlsx");
    const mb = "x".repeat(1024 * 1024);
    fs.writeFileSync(bigCell, await xlsxBomb({ inflatedBytes: 1_070_000_000, unit: mb, before: '<row r="2"><c r="A2" t="inlineStr"><is><t>', after: "</t></is></c></row>" }));
    expect(fs.statSync(manyRows).size).toBeLessThan(8 * 1024 * 1024);
    for (const [f, msg] of [
      [manyRows, /文件超过 1,000,000 行，已拒绝导入/],
      [bigCell, /文件解压后超过 512 MB.*已拒绝导入/],
    ] as const) {
      const started = Date.now();
      const err = await importVolunteers(db, user, { source: fileSource(f) }).then(
        () => null,
        (e) => e,
      );
      expect(err, f).toBeInstanceOf(ImportRefused);
      expect((err as Error).message, f).toMatch(msg);
      expect(Date.now() - started, f).toBeLessThan(15_000);
    }
    expect(await counts()).toEqual(before);
  }, 60_000);

  it("writes what the uploader typed into the result workbook as text, never as a formula", async () => {
    const db = await testDb();
    const user = await userFor("laixi_wmb");
    const evil = '=HYPERLINK("http://evil.example/x","点我")';
    const f = await xlsx("formula.xlsx", [HEAD, [evil, "+" + NEW[0], "@SUM(1)", "-1+2"]]);
    const r = await importVolunteers(db, user, { source: fileSource(f) });
    expect(r.rejected).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await findReport(r.reportId!, user.id))!.bytes as never);
    const row = wb.getWorksheet("导入结果")!.getRow(2);
    const name = row.getCell(2);
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe(`'${evil}`);
    for (let c = 1; c <= 6; c++) {
      const cell = row.getCell(c);
      expect(cell.formula, `column ${c}`).toBeUndefined();
      if (typeof cell.value === "string") expect(cell.value, `column ${c}`).not.toMatch(/^[=+\-@]/);
    }
  });
});
