/** Pure rules of 道德积分 (unit-tested). */
import { z } from "zod";
import type { Role } from "@/lib/auth/rules";

export const MORAL_CATEGORIES = ["blood_donation", "heroism", "waste_sorting", "civility", "building_lead", "other"] as const;
export type MoralCategory = (typeof MORAL_CATEGORIES)[number];
export const CATEGORY_ZH: Record<MoralCategory, string> = {
  blood_donation: "无偿献血",
  heroism: "见义勇为",
  waste_sorting: "垃圾分类示范",
  civility: "文明劝导",
  building_lead: "志愿楼长",
  other: "其他",
};
export const PROPOSER_ROLES = ["street_officer", "org_admin"] as const;

export const RuleSchema = z
  .object({
    name: z.string({ message: "名称：必填" }).trim().min(2, "名称：至少 2 个字").max(60, "名称：最多 60 个字"),
    category: z.enum(MORAL_CATEGORIES, { message: "类别：请选择有效类别" }),
    points: z.coerce.number({ message: "积分：须为正整数" }).int("积分：须为正整数").min(1, "积分：须为正整数").max(1000, "积分：单次最多 1000"),
    yearlyCap: z.coerce.number({ message: "年度上限：须为正整数" }).int("年度上限：须为正整数").min(1, "年度上限：须为正整数").max(100_000, "年度上限：过大"),
    evidence: z.array(z.enum(["note", "photo"], { message: "证明材料：只能是说明或照片" })).default(["note"]),
    proposerRoles: z.array(z.enum(PROPOSER_ROLES, { message: "提名单位：只能是街道或组织" })).min(1, "提名单位：至少选择一个"),
    approverLevel: z.enum(["district", "city"], { message: "审批单位：只能是区（市）或市文明办" }),
    activeFrom: z.string({ message: "生效日期：必填" }).regex(/^\d{4}-\d{2}-\d{2}$/, "生效日期：格式为 YYYY-MM-DD"),
    activeTo: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "截止日期：格式为 YYYY-MM-DD")
      .nullish(),
    /** Makes this a new version of that rule (the old one is closed the day before activeFrom). */
    replacesId: z.coerce.number().int().positive().optional(),
  })
  .refine((r) => r.yearlyCap >= r.points, { message: "年度上限：不能小于单次积分", path: ["yearlyCap"] })
  .refine((r) => !r.activeTo || r.activeTo >= r.activeFrom, { message: "截止日期：不能早于生效日期", path: ["activeTo"] });
export type RuleInput = z.infer<typeof RuleSchema>;

export const AwardSchema = z.object({
  ruleId: z.coerce.number({ message: "ruleId：请选择规则" }).int().positive("ruleId：请选择规则"),
  volunteerId: z.coerce.number({ message: "volunteerId：请选择志愿者" }).int().positive("volunteerId：请选择志愿者").optional(),
  organizationId: z.coerce.number().int().positive().optional(),
  note: z.string({ message: "note：请填写事迹说明" }).trim().min(4, "note：请填写事迹说明（至少 4 个字）").max(1000, "note：最多 1000 字"),
  photoIds: z.array(z.coerce.number().int().positive()).max(9, "photoIds：最多 9 张").default([]),
});

export const DecisionSchema = z.object({
  approve: z.boolean({ message: "approve：须为 true 或 false" }),
  reason: z.string().trim().max(500, "reason：最多 500 字").optional(),
  version: z.coerce.number({ message: "version：必填" }).int().positive("version：必填"),
});

export const ReverseSchema = z.object({
  reason: z.string({ message: "reason：请填写撤销原因" }).trim().min(2, "reason：请填写撤销原因").max(500, "reason：最多 500 字"),
  version: z.coerce.number({ message: "version：必填" }).int().positive("version：必填"),
});

/** Is the rule in force on a day (YYYY-MM-DD)? */
export function ruleActiveOn(r: { activeFrom: string; activeTo: string | null }, day: string): boolean {
  return r.activeFrom <= day && (r.activeTo === null || r.activeTo >= day);
}

/** Would an award of `points` keep the year's total under the cap? */
export function capCheck(cap: number, totalSoFar: number, points: number): { ok: true } | { ok: false; cap: number; total: number } {
  return totalSoFar + points <= cap ? { ok: true } : { ok: false, cap, total: totalSoFar };
}

/** May this role propose under the rule? */
export function canPropose(role: Role, proposerRoles: readonly string[]): boolean {
  return proposerRoles.includes(role);
}

/**
 * May this 文明办 account decide under the rule for a volunteer of `communityCode`? `city` rules:
 * the city 文明办 only (4-digit scope); `district`: a district or the city 文明办 whose scope holds
 * the volunteer.
 */
export function canApprove(actor: { role: Role; scopeCode: string }, approverLevel: string, communityCode: string): boolean {
  if (actor.role !== "wmb_staff" || !communityCode.startsWith(actor.scopeCode)) return false;
  if (approverLevel === "city") return actor.scopeCode.length === 4;
  return actor.scopeCode.length <= 6;
}

/** The day before a YYYY-MM-DD date. */
export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
