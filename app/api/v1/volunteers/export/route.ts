import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { audit } from "@/lib/audit/log";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { today } from "@/lib/metrics/clock";
import { parseVolunteerFilters } from "@/lib/volunteers/filters";
import { exportVolunteers } from "@/lib/volunteers/queries";
import { XLSX_MIME } from "@/lib/volunteers/report";
import { contentDisposition } from "@/lib/reports/rules";
import { SECTOR_ZH, type SectorKey } from "@/lib/volunteers/rules";

export const dynamic = "force-dynamic";

/** The search result as .xlsx, streamed, masked like the page (no full ID or phone number). */
export const GET = apiRoute({ area: "volunteers" }, async ({ actor, db, req }) => {
  const { filters, errors } = parseVolunteerFilters(Object.fromEntries(new URL(req.url).searchParams));
  if (errors.length > 0) return apiError(400, "bad_request", errors[0]!);
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet("志愿者");
  ws.columns = [
    { header: "志愿者编号", key: "no", width: 14 },
    { header: "姓名", key: "name", width: 10 },
    { header: "性别", key: "gender", width: 6 },
    { header: "年龄", key: "age", width: 6 },
    { header: "身份证号（脱敏）", key: "id", width: 22 },
    { header: "手机号（脱敏）", key: "phone", width: 14 },
    { header: "区（市）", key: "district", width: 10 },
    { header: "街道（镇）", key: "street", width: 14 },
    { header: "社区（村）", key: "community", width: 16 },
    { header: "星级", key: "star", width: 6 },
    { header: "认定时长（小时）", key: "hours", width: 12 },
    { header: "注册日期", key: "reg", width: 12 },
    { header: "服务意向", key: "sectors", width: 30 },
  ];
  (async () => {
    let n = 0;
    try {
      for await (const batch of exportVolunteers(db, actor, filters)) {
        for (const v of batch) {
          ws.addRow({
            no: v.volunteerNo,
            name: v.name,
            gender: v.gender === "M" ? "男" : "女",
            age: v.age,
            id: v.idCard,
            phone: v.phone,
            district: v.district,
            street: v.street,
            community: v.community,
            star: v.starLevel,
            hours: v.verifiedHours,
            reg: v.registeredOn,
            sectors: v.sectorIntentions.map((s) => SECTOR_ZH[s as SectorKey] ?? s).join("、"),
          }).commit();
          n++;
        }
      }
      ws.commit();
      await wb.commit();
      await audit(db, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "volunteer.export", objectType: "volunteer", summary: { filters, rows: n, masked: true } });
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return new Response(Readable.toWeb(out) as unknown as ReadableStream, {
    headers: { "Content-Type": XLSX_MIME, "Content-Disposition": contentDisposition(`志愿者名单-${today()}.xlsx`), "Cache-Control": "no-store" },
  });
});
