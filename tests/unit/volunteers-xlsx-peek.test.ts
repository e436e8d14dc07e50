import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { estimateXlsxRows } from "@/lib/spreadsheet";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xlsx-peek-"));
const reader = (file: string) => async (start: number, end: number) => {
  const buf = fs.readFileSync(file);
  return new Uint8Array(buf.subarray(start, end));
};
const row = (i: number) => [`姓名${i}`, `37028519900101${String(i % 1000).padStart(4, "0")}`, `138${String(i).padStart(8, "0")}`, "370285001001", "", "2026-01-01", "急救", "关爱老年"];

describe("row count of a workbook, for the progress bar", () => {
  it("reads Excel's <dimension> when the sheet has one", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("志愿者");
    for (let i = 0; i < 1501; i++) ws.addRow(row(i));
    const file = path.join(dir, "dim.xlsx");
    await wb.xlsx.writeFile(file);
    expect(await estimateXlsxRows(fs.statSync(file).size, reader(file))).toBe(1501);
  });
  it("estimates from the sheet's size when a streamed writer left the dimension out", async () => {
    const file = path.join(dir, "stream.xlsx");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = wb.addWorksheet("志愿者");
    for (let i = 0; i < 20000; i++) ws.addRow(row(i)).commit();
    ws.commit();
    await wb.commit();
    const n = (await estimateXlsxRows(fs.statSync(file).size, reader(file)))!;
    expect(Math.abs(n - 20000) / 20000).toBeLessThan(0.1);
  });
  it("says null for something that is not a workbook", async () => {
    const file = path.join(dir, "x.bin");
    fs.writeFileSync(file, Buffer.alloc(100, 1));
    expect(await estimateXlsxRows(100, reader(file))).toBeNull();
  });
});
