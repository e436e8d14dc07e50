import "server-only";
import ExcelJS from "exceljs";
import type { Queryable } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { neutralizeCell } from "@/lib/reports/rules";
import { CATEGORY_ZH, getFund, listFundEntries } from "./ledger";

/** The fund's ledger as .xlsx: one row per entry (收入/支出 in yuan, two decimals), running balance, and the total row = the balance. */
export async function exportFundXlsx(db: Queryable, actor: Actor, { id }: { id: number }): Promise<{ buffer: Buffer; fileName: string } | null> {
  const fund = await getFund(db, actor, { id });
  const entries = fund ? await listFundEntries(db, actor, { id }) : null;
  if (!fund || !entries) return null;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("基金台账");
  ws.addRow([`${fund.name}（${fund.regionName}）收支台账`]);
  ws.addRow(["序号", "时间", "类别", "收入（元）", "支出（元）", "余额（元）", "捐赠方/对方", "项目", "票据号", "摘要", "冲正"]);
  let bal = 0;
  for (const e of entries) {
    bal += e.kind === "in" ? e.amountFen : -e.amountFen;
    ws.addRow([
      e.id,
      e.createdAt,
      CATEGORY_ZH[e.category] ?? e.category,
      e.kind === "in" ? e.amountFen / 100 : null,
      e.kind === "out" ? e.amountFen / 100 : null,
      bal / 100,
      neutralizeCell(e.partner ?? e.counterparty ?? ""),
      neutralizeCell(e.project ?? ""),
      neutralizeCell(e.receiptNo ?? ""),
      neutralizeCell(e.memo ?? ""),
      e.reversesId ? `冲正 #${e.reversesId}` : e.reversedBy ? `已被 #${e.reversedBy} 冲正` : "",
    ]);
  }
  const inSum = entries.filter((e) => e.kind === "in").reduce((s, e) => s + e.amountFen, 0);
  const outSum = entries.filter((e) => e.kind === "out").reduce((s, e) => s + e.amountFen, 0);
  ws.addRow(["合计", "", "", inSum / 100, outSum / 100, (inSum - outSum) / 100]);
  for (const c of [4, 5, 6]) ws.getColumn(c).numFmt = "#,##0.00";
  ws.getColumn(2).width = 18;
  ws.getColumn(7).width = 24;
  ws.getColumn(8).width = 24;
  ws.getRow(2).font = { bold: true };
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, fileName: `${fund.name}-台账.xlsx` };
}
