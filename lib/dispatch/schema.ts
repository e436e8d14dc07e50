/** Input shapes of the dispatch paths (API and pages share them); messages are Chinese and name the field. */
import { z } from "zod";
import { DEMAND_CATEGORIES, REQUESTER_TYPES } from "./categories";
import { DEMAND_STATES } from "./rules";

const PHONE = /^1[3-9]\d{9}$/;

export const postDemandSchema = z.object({
  category: z.enum(DEMAND_CATEGORIES, { error: "请选择需求类别（七帮）" }),
  /** Who asks: a person (default), a unit (单位) or a community. */
  requesterType: z.enum(REQUESTER_TYPES, { error: "请求方类型只能是 个人、单位 或 社区" }).optional(),
  description: z.string({ error: "请填写需求内容" }).trim().min(4, "需求内容至少 4 个字").max(500, "需求内容不超过 500 字"),
  communityCode: z.string({ error: "请选择所在社区（村）" }).regex(/^3702\d{8}$/, "请选择所在社区（村）"),
  address: z.string({ error: "请填写详细地址" }).trim().min(2, "请填写详细地址").max(200, "地址不超过 200 字"),
  contactName: z.string({ error: "请填写联系人" }).trim().min(1, "请填写联系人").max(40, "联系人不超过 40 字"),
  contactPhone: z.string({ error: "请填写手机号码" }).trim().regex(PHONE, "请填写 11 位手机号码"),
  preferredTime: z
    .string()
    .trim()
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || !Number.isNaN(Date.parse(v.length === 16 ? `${v}:00+08:00` : v)), "期望服务时间格式不正确"),
  lat: z.coerce.number().min(35, "纬度超出青岛范围").max(37.2, "纬度超出青岛范围").optional().nullable(),
  lng: z.coerce.number().min(119.5, "经度超出青岛范围").max(121.2, "经度超出青岛范围").optional().nullable(),
  /** staff entry only: open it for nearby teams to claim. */
  openForGrab: z.boolean().optional(),
});
export type PostDemandInput = z.infer<typeof postDemandSchema>;

/** "2026-12-01T09:30" (a datetime-local, China time) or any ISO instant → Date. */
export function parsePreferred(v: string | null | undefined): Date | null {
  if (!v) return null;
  const d = new Date(v.length === 16 ? `${v}:00+08:00` : v);
  return Number.isNaN(d.getTime()) ? null : d;
}

const version = z.coerce.number({ error: "缺少版本号 version" }).int("版本号无效").min(1, "版本号无效");

export const moveBodySchemas = {
  dispatch: z.object({ version, teamId: z.coerce.number({ error: "请选择派单队伍" }).int().positive("请选择派单队伍") }),
  open: z.object({ version }),
  accept: z.object({ version, volunteerIds: z.array(z.coerce.number().int().positive()).max(30, "一次最多指派 30 名志愿者").default([]) }),
  decline: z.object({ version, reason: z.string().trim().max(200, "原因不超过 200 字").default("") }),
  grab: z.object({ version, volunteerIds: z.array(z.coerce.number().int().positive()).max(30, "一次最多指派 30 名志愿者").default([]) }),
  complete: z.object({
    version,
    note: z.string().trim().max(500, "说明不超过 500 字").default(""),
    photo: z.string().trim().max(500, "照片地址过长").optional().nullable(),
    peopleServed: z.coerce.number().int().min(0, "服务人数不能为负").max(1000, "服务人数过大").optional(),
  }),
  rate: z.object({
    version,
    rating: z.coerce.number({ error: "请选择评分" }).int("评分须为 1–5 星").min(1, "评分须为 1–5 星").max(5, "评分须为 1–5 星"),
    comment: z.string().trim().max(300, "评价不超过 300 字").optional().nullable(),
  }),
  reward: z.object({ version }),
  cancel: z.object({ version, reason: z.string().trim().max(200, "原因不超过 200 字").default("") }),
} as const;

export type MoveBody = {
  version: number;
  teamId?: number;
  volunteerIds?: number[];
  reason?: string;
  note?: string;
  photo?: string | null;
  peopleServed?: number;
  rating?: number;
  comment?: string | null;
};

export const listQuerySchema = z.object({
  street: z.string().regex(/^\d{4,12}$/, "区划代码无效").optional(),
  state: z.enum(DEMAND_STATES, { error: "未知的状态" }).optional(),
});

export const followSchema = z.object({
  reference: z.string().trim().regex(/^WY\d{12}$/i, "请填写正确的需求编号（如 WY202611300001）"),
  phone: z.string().trim().regex(PHONE, "请填写提交需求时的 11 位手机号码"),
});
