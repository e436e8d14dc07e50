/** Public-welfare projects (公益项目) and partners: input validation and URL filters. Pure. */
import { z } from "zod";
import { isRegionCode } from "@/lib/auth/rules";
import { controlCharErrors, one, type SearchParams, toQueryString } from "@/lib/search-params";
import { SECTOR_KEYS, type SectorKey } from "@/lib/volunteers/rules";

export const PROJECT_STATUSES = ["planned", "active", "closed"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_ZH: Record<ProjectStatus, string> = { planned: "筹备中", active: "实施中", closed: "已结项" };

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "不是有效的日期");

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

/** A project as the create/edit form and POST/PATCH /api/v1/projects send it. */
export const ProjectInput = z
  .object({
    name: z.string({ message: "项目名称：必填" }).trim().min(2, "项目名称：至少 2 个字").max(60, "项目名称：不超过 60 个字"),
    sector: z.enum(SECTOR_KEYS, { message: "公益板块：请选择六大板块之一" }),
    regionCode: z
      .string({ message: "实施社区：必填" })
      .trim()
      .regex(/^\d{12}$/, "实施社区：请选到社区（村）一级"),
    organizationId: z.coerce.number({ message: "实施组织：必填" }).int("实施组织：无效").positive("实施组织：请选择"),
    partnerId: z.preprocess(blankToNull, z.coerce.number().int().positive("合作伙伴：无效").nullable()),
    startDate: isoDay.describe("开始日期"),
    endDate: z.preprocess(blankToNull, isoDay.nullable()),
    status: z.enum(PROJECT_STATUSES, { message: "状态：只能是 筹备中/实施中/已结项" }),
    description: z.preprocess(blankToNull, z.string().trim().max(500, "项目简介：不超过 500 个字").nullable()),
  })
  .superRefine((v, ctx) => {
    if (v.endDate && v.endDate < v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "结束日期：不能早于开始日期" });
    if (v.status === "closed" && !v.endDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "结束日期：已结项的项目必须填写结束日期" });
  });
export type ProjectInputT = z.infer<typeof ProjectInput>;

const FIELD_ZH: Record<string, string> = {
  name: "项目名称",
  sector: "公益板块",
  regionCode: "实施社区",
  organizationId: "实施组织",
  partnerId: "合作伙伴",
  startDate: "开始日期",
  endDate: "结束日期",
  status: "状态",
  description: "项目简介",
};

/** Zod issues → [{field, message}] with the field's Chinese name in front. */
export function projectErrors(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => {
    const field = String(i.path[0] ?? "");
    const label = FIELD_ZH[field] ?? field;
    const message = i.message.includes("：") ? i.message : `${label}：${i.message}`;
    return { field, message };
  });
}

export interface ProjectFilters {
  q: string;
  region: string;
  sector: SectorKey | null;
  status: ProjectStatus | null;
  org: number | null;
  partner: number | null;
  page: number;
}

/** The list's filters from the URL; a bad value (a control character too) is dropped and reported, naming the parameter. */
export function parseProjectFilters(sp: SearchParams): { filters: ProjectFilters; errors: string[] } {
  const errors = controlCharErrors(sp);
  const q = (one(sp.q) ?? "").trim().slice(0, 40);
  let region = (one(sp.region) ?? "").trim();
  if (region && !isRegionCode(region)) {
    errors.push(`region：不是有效的区划代码 ${region}`);
    region = "";
  }
  const sectorRaw = one(sp.sector);
  let sector: SectorKey | null = null;
  if (sectorRaw) {
    if ((SECTOR_KEYS as readonly string[]).includes(sectorRaw)) sector = sectorRaw as SectorKey;
    else errors.push(`sector：未知的板块 ${sectorRaw}`);
  }
  const statusRaw = one(sp.status);
  let status: ProjectStatus | null = null;
  if (statusRaw) {
    if ((PROJECT_STATUSES as readonly string[]).includes(statusRaw)) status = statusRaw as ProjectStatus;
    else errors.push(`status：未知的状态 ${statusRaw}`);
  }
  const orgRaw = one(sp.org);
  let org: number | null = null;
  if (orgRaw) {
    const n = Number(orgRaw);
    if (Number.isInteger(n) && n > 0) org = n;
    else errors.push("org：组织编号应为正整数");
  }
  const partnerRaw = one(sp.partner);
  let partner: number | null = null;
  if (partnerRaw) {
    const n = Number(partnerRaw);
    if (Number.isInteger(n) && n > 0) partner = n;
    else errors.push("partner：合作伙伴编号应为正整数");
  }
  const pageRaw = one(sp.page);
  let page = 1;
  if (pageRaw) {
    const n = Number(pageRaw);
    if (Number.isInteger(n) && n >= 1 && n <= 100_000) page = n;
    else errors.push("page：页码应为正整数");
  }
  return { filters: { q, region, sector, status, org, partner, page }, errors };
}

export function projectFiltersToQuery(f: Partial<ProjectFilters>, overrides: Partial<ProjectFilters> = {}): string {
  const m = { ...f, ...overrides };
  return toQueryString({ q: m.q, region: m.region, sector: m.sector, status: m.status, org: m.org, partner: m.partner, page: m.page });
}
