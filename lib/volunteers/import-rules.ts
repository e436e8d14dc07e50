/**
 * Pure rules of the volunteer import: the column layout (the national volunteer system's export),
 * header recognition, one row's validation and community lookup by code or name. Reading the file
 * (sniffing, CSV, cells) is lib/spreadsheet's; lib/volunteers/import.ts drives both.
 */
import { type Cell, cellText, mapHeaders } from "@/lib/spreadsheet/cells";
import { checkName, checkPhone } from "./registration";
import { ageOn, checkTypedAgainstId, MIN_AGE, normalizeMobile, parseIdCard, parseSector, type SectorKey, splitList } from "./rules";

export type ColumnKey = "name" | "idCard" | "phone" | "community" | "volunteerNo" | "registeredOn" | "skills" | "sectors" | "gender" | "birthDate";

export interface ColumnDef {
  key: ColumnKey;
  /** The header as the template writes it. */
  header: string;
  required: boolean;
  aliases: string[];
  example: string;
  width: number;
}

/** The template's columns, in order (the last two are optional checks some exports carry). */
export const IMPORT_COLUMNS: ColumnDef[] = [
  { key: "name", header: "姓名", required: true, aliases: ["志愿者姓名", "真实姓名"], example: "张三", width: 12 },
  { key: "idCard", header: "身份证号", required: true, aliases: ["身份证号码", "证件号码", "公民身份号码", "证件号"], example: "370285199005170013", width: 22 },
  { key: "phone", header: "手机号", required: true, aliases: ["手机号码", "联系电话", "手机", "联系方式"], example: "13812345678", width: 14 },
  { key: "community", header: "所属社区(区划代码或名称)", required: true, aliases: ["所属社区", "社区", "所在社区", "所属社区（村）", "所属社区(村)", "社区（村）"], example: "370285001001", width: 26 },
  { key: "volunteerNo", header: "志愿者编号", required: false, aliases: ["志愿者编码", "编号", "志愿者号"], example: "", width: 16 },
  { key: "registeredOn", header: "注册日期", required: false, aliases: ["注册时间", "登记日期"], example: "2026-03-05", width: 12 },
  { key: "skills", header: "技能", required: false, aliases: ["专业技能", "特长", "技能特长"], example: "急救、摄影", width: 18 },
  { key: "sectors", header: "服务意向", required: false, aliases: ["服务类别", "志愿服务意向", "意向板块", "服务领域"], example: "关爱老年、环境保护", width: 22 },
  { key: "gender", header: "性别", required: false, aliases: [], example: "", width: 6 },
  { key: "birthDate", header: "出生日期", required: false, aliases: [], example: "", width: 12 },
];

/** Columns written into the downloadable template (gender and birth date are derived from the ID). */
export const TEMPLATE_COLUMNS = IMPORT_COLUMNS.filter((c) => c.key !== "gender" && c.key !== "birthDate");

export const COLUMN_LABEL: Record<ColumnKey, string> = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header.replace(/\(.*\)$/, "")])) as Record<ColumnKey, string>;

export type HeaderMap = Partial<Record<ColumnKey, number>>;

/**
 * Recognizes the header row. Returns the column index of each known column, or a message naming
 * the missing required columns (and any column that appears twice).
 */
export function mapVolunteerHeaders(cells: string[]): { ok: true; map: HeaderMap } | { ok: false; message: string } {
  const m = mapHeaders(cells, IMPORT_COLUMNS);
  if (m.missing.length > 0) {
    return {
      ok: false,
      message: `表头不正确：缺少必需的列「${m.missing.map((c) => c.header).join("」「")}」。第一行应为表头：${TEMPLATE_COLUMNS.map((c) => c.header).join("、")}（请下载导入模板）`,
    };
  }
  if (m.duplicates.length > 0) return { ok: false, message: `表头不正确：列「${m.duplicates.map((d) => d.column.header).join("」「")}」出现了不止一次` };
  return { ok: true, map: m.index };
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date cell: a Date, an Excel serial number, or text as YYYY-MM-DD, YYYY/M/D, YYYY.M.D,
 * YYYYMMDD or YYYY年M月D日. Returns YYYY-MM-DD, "" for empty, or null when unreadable.
 */
export function parseDateCell(v: Cell): string | null {
  if (v === null || v === undefined || v === "") return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === "number") {
    if (v >= 19000101 && v <= 29991231 && Number.isInteger(v)) return parseDateCell(String(v));
    if (v < 1 || v > 120000) return null;
    return new Date(EXCEL_EPOCH + Math.floor(v) * 86_400_000).toISOString().slice(0, 10);
  }
  const s = String(v).trim();
  if (!s) return "";
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

// ------------------------------------------------------------------------------ communities

export interface RegionLite {
  code: string;
  name: string;
  level: "city" | "district" | "street" | "community";
  parentCode: string | null;
}

/**
 * Finds a community from what a spreadsheet says: its 12-digit code, its name when that is unique
 * in the city, or its name prefixed by its street (and district) name, with or without separators.
 */
export function makeCommunityResolver(regions: RegionLite[]) {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const byName = new Map<string, string[]>();
  const add = (k: string, code: string) => {
    const list = byName.get(k) ?? [];
    if (!list.includes(code)) list.push(code);
    byName.set(k, list);
  };
  for (const r of regions) {
    if (r.level !== "community") continue;
    const street = r.parentCode ? byCode.get(r.parentCode) : undefined;
    const district = street?.parentCode ? byCode.get(street.parentCode) : undefined;
    add(r.name, r.code);
    if (street) add(street.name + r.name, r.code);
    if (street && district) add(district.name + street.name + r.name, r.code);
  }
  return (raw: string): { ok: true; code: string } | { ok: false; message: string } => {
    const s = raw.trim();
    if (!s) return { ok: false, message: "所属社区不能为空" };
    if (/^\d+$/.test(s)) {
      const r = byCode.get(s);
      if (!r) return { ok: false, message: `区划代码 ${s} 不存在` };
      if (r.level !== "community") return { ok: false, message: `区划代码 ${s}（${r.name}）不是社区（村），请填写 12 位社区代码` };
      return { ok: true, code: s };
    }
    const key = s.replace(/[\s/\\\-·>›|,，、]/g, "").replace(/^青岛市/, "");
    const hit = byName.get(key);
    if (!hit || hit.length === 0) return { ok: false, message: `找不到名为「${s}」的社区（村）` };
    if (hit.length > 1) return { ok: false, message: `社区名称「${s}」不唯一（${hit.length} 处），请写成“街道名+社区名”或填写 12 位区划代码` };
    return { ok: true, code: hit[0]! };
  };
}

// ------------------------------------------------------------------------------ one row

export interface ImportRow {
  row: number;
  name: string;
  idCard: string;
  phone: string;
  gender: "M" | "F";
  birthDate: string;
  communityCode: string;
  volunteerNo: string | null;
  registeredOn: string | null;
  skills: string[] | null; // null: the column is absent or the cell empty → keep what is stored
  sectors: SectorKey[] | null;
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

/**
 * Validates one data row. `row` is the spreadsheet row number (the header is row 1 when it is the
 * first line). Reports every problem of the row, each naming its column.
 */
export function validateImportRow(
  row: number,
  cells: Cell[],
  map: HeaderMap,
  ctx: { resolveCommunity: (raw: string) => { ok: true; code: string } | { ok: false; message: string }; today: string },
): { ok: true; data: ImportRow } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (key: ColumnKey, message: string) => errors.push({ row, column: COLUMN_LABEL[key], message });
  const get = (key: ColumnKey): Cell => (map[key] === undefined ? undefined : cells[map[key]!]);

  const name = cellText(get("name")).replace(/\s+/g, " ");
  const ne = checkName(name);
  if (ne) err("name", ne);

  let idCard = "";
  let gender: "M" | "F" = "M";
  let birthDate = "";
  const idCell = get("idCard");
  if (typeof idCell === "number" && !Number.isSafeInteger(idCell)) {
    err("idCard", "身份证号被 Excel 存成了数字，后几位已丢失；请把该列设为“文本”后重新填写");
  } else {
    const raw = cellText(idCell).replace(/\s/g, "").replace(/^'/, "");
    if (!raw) err("idCard", "身份证号不能为空");
    else {
      const id = parseIdCard(raw);
      if (!id.ok) err("idCard", id.error);
      else {
        idCard = id.normalized;
        gender = id.gender;
        birthDate = id.birthDate;
        if (birthDate > ctx.today) err("idCard", "身份证号中的出生日期晚于今天");
        else if (ageOn(birthDate, ctx.today) < MIN_AGE) err("idCard", `未满 ${MIN_AGE} 周岁`);
        const g = get("gender");
        const b = get("birthDate");
        const bText = b === undefined ? "" : parseDateCell(b);
        for (const e of checkTypedAgainstId(id, { gender: cellText(g), birthDate: bText === null ? "无法识别" : bText })) {
          err(e.field === "gender" ? "gender" : "birthDate", e.message);
        }
      }
    }
  }

  const phone = normalizeMobile(cellText(get("phone")));
  const pe = checkPhone(phone);
  if (pe) err("phone", pe);

  let communityCode = "";
  const c = ctx.resolveCommunity(cellText(get("community")));
  if (c.ok) communityCode = c.code;
  else err("community", c.message);

  const noText = cellText(get("volunteerNo"));
  if (noText && !/^[A-Za-z0-9-]{4,32}$/.test(noText)) err("volunteerNo", "志愿者编号只能包含字母、数字和短横线（4–32 位）");

  let registeredOn: string | null = null;
  const reg = parseDateCell(get("registeredOn"));
  if (reg === null) err("registeredOn", "注册日期无法识别，请写成 YYYY-MM-DD");
  else if (reg) {
    if (reg > ctx.today) err("registeredOn", "注册日期晚于今天");
    else if (reg < "2000-01-01") err("registeredOn", "注册日期早于 2000-01-01");
    else if (birthDate && reg < birthDate) err("registeredOn", "注册日期早于出生日期");
    else registeredOn = reg;
  }

  let skills: string[] | null = null;
  if (map.skills !== undefined) {
    const list = splitList(cellText(get("skills")));
    if (list.length > 10) err("skills", "技能最多 10 项");
    else if (list.some((s) => s.length > 20)) err("skills", "每项技能不超过 20 个字");
    else if (list.length > 0) skills = list;
  }

  let sectors: SectorKey[] | null = null;
  if (map.sectors !== undefined) {
    const list = splitList(cellText(get("sectors")));
    const keys: SectorKey[] = [];
    const unknown: string[] = [];
    for (const s of list) {
      const k = parseSector(s);
      if (!k) unknown.push(s);
      else if (!keys.includes(k)) keys.push(k);
    }
    if (unknown.length > 0) err("sectors", `未知的服务意向「${unknown.join("、")}」，可选：关爱老年、关爱未成年人、乡村振兴、城市温暖提升、环境保护、安全救助`);
    else if (keys.length > 0) sectors = keys;
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, data: { row, name, idCard, phone, gender, birthDate, communityCode, volunteerNo: noText || null, registeredOn, skills, sectors } };
}
