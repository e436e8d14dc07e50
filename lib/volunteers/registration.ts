/**
 * Validation of one registration (staff form, public /join page, POST /api/v1/volunteers and
 * /api/v1/join). Pure, so the browser runs the same checks before sending and the server runs them
 * again. Every message is Chinese and names the field.
 */
import { ageOn, checkTypedAgainstId, type FieldError, isMobile, MIN_AGE, normalizeMobile, parseIdCard, parseSector, SECTOR_KEYS, type SectorKey, splitList } from "./rules";

export interface Registration {
  name: string;
  idCard: string; // normalized, 18 characters
  phone: string; // 11 digits
  gender: "M" | "F";
  birthDate: string;
  communityCode: string;
  organizationIds: number[];
  skills: string[];
  sectorIntentions: SectorKey[];
}

/** Field labels as the forms show them (also used to name the field in messages). */
export const FIELD_LABELS: Record<string, string> = {
  name: "姓名",
  idCard: "身份证号",
  phone: "手机号",
  gender: "性别",
  birthDate: "出生日期",
  communityCode: "所属社区",
  organizationIds: "所属组织",
  skills: "技能",
  sectorIntentions: "服务意向",
  consent: "个人信息授权",
};

const NAME_RE = /^[\p{Script=Han}A-Za-z·•.\s]{2,30}$/u;

/** Names: 2–30 Chinese characters or letters, with the middle dot of transliterated names. */
export function checkName(raw: string): string | null {
  const v = raw.trim().replace(/\s+/g, " ");
  if (!v) return "姓名不能为空";
  if (!NAME_RE.test(v)) return "姓名应为 2–30 个汉字或字母（可含间隔号 ·）";
  return null;
}

export function checkPhone(raw: string): string | null {
  const v = normalizeMobile(raw);
  if (!v) return "手机号不能为空";
  if (!isMobile(v)) return "手机号必须是 11 位中国大陆手机号（1 开头，第二位 3–9）";
  return null;
}

function asString(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return "";
}

function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => splitList(asString(x)));
  return splitList(asString(v));
}

/**
 * Validates raw input (JSON body or form values). Derives gender and birth date from the ID number
 * and checks any typed values against them. `today` (YYYY-MM-DD) bounds the age.
 */
export function validateRegistration(raw: Record<string, unknown>, today: string): { ok: true; data: Registration } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const name = asString(raw.name).trim().replace(/\s+/g, " ");
  const nameErr = checkName(name);
  if (nameErr) errors.push({ field: "name", message: nameErr });

  const idRaw = asString(raw.idCard).replace(/\s/g, "");
  let gender: "M" | "F" = "M";
  let birthDate = "";
  let idCard = "";
  if (!idRaw) errors.push({ field: "idCard", message: "身份证号不能为空" });
  else {
    const id = parseIdCard(idRaw);
    if (!id.ok) errors.push({ field: "idCard", message: id.error });
    else {
      idCard = id.normalized;
      gender = id.gender;
      birthDate = id.birthDate;
      if (birthDate > today) errors.push({ field: "idCard", message: "身份证号中的出生日期晚于今天" });
      else if (ageOn(birthDate, today) < MIN_AGE) errors.push({ field: "idCard", message: `未满 ${MIN_AGE} 周岁，请由监护人陪同到社区登记` });
      errors.push(...checkTypedAgainstId(id, { gender: asString(raw.gender), birthDate: asString(raw.birthDate) }));
    }
  }

  const phone = normalizeMobile(asString(raw.phone));
  const phoneErr = checkPhone(phone);
  if (phoneErr) errors.push({ field: "phone", message: phoneErr });

  const communityCode = asString(raw.communityCode).trim();
  if (!communityCode) errors.push({ field: "communityCode", message: "请选择所属社区（区 → 街道 → 社区）" });
  else if (!/^\d{12}$/.test(communityCode)) errors.push({ field: "communityCode", message: "所属社区必须选到社区（村）一级" });

  const orgRaw = Array.isArray(raw.organizationIds) ? raw.organizationIds : asList(raw.organizationIds);
  const organizationIds: number[] = [];
  for (const o of orgRaw) {
    const n = Number(o);
    if (!Number.isInteger(n) || n <= 0) {
      errors.push({ field: "organizationIds", message: `所属组织编号无效：${asString(o)}` });
      break;
    }
    if (!organizationIds.includes(n)) organizationIds.push(n);
  }
  if (organizationIds.length > 5) errors.push({ field: "organizationIds", message: "所属组织最多选择 5 个" });

  const skills = asList(raw.skills);
  if (skills.length > 10) errors.push({ field: "skills", message: "技能最多填写 10 项" });
  else if (skills.some((s) => s.length > 20)) errors.push({ field: "skills", message: "每项技能不超过 20 个字" });

  const sectorIntentions: SectorKey[] = [];
  for (const s of asList(raw.sectorIntentions)) {
    const k = parseSector(s);
    if (!k) {
      errors.push({ field: "sectorIntentions", message: `未知的服务意向：${s}（可选：${SECTOR_KEYS.length} 大公益板块）` });
      break;
    }
    if (!sectorIntentions.includes(k)) sectorIntentions.push(k);
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, data: { name, idCard, phone, gender, birthDate, communityCode, organizationIds, skills, sectorIntentions } };
}
