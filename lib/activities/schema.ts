import { z } from "zod";
import { SECTOR_KEYS } from "@/lib/volunteers/rules";

/** "2026-12-05T09:00" (a local China time from <input type=datetime-local>) or a full ISO instant. */
const instant = z
  .string()
  .trim()
  .min(1, "请填写时间")
  .transform((s, ctx) => {
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s) ? `${s}${s.length === 16 ? ":00" : ""}+08:00` : s;
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "时间格式无效" });
      return z.NEVER;
    }
    return d;
  });

export const CreateActivitySchema = z
  .object({
    title: z.string().trim().min(2, "活动名称至少 2 个字").max(80, "活动名称最多 80 个字"),
    projectId: z.coerce.number().int().positive().optional(),
    organizationId: z.coerce.number().int().positive().optional(),
    sector: z.enum(SECTOR_KEYS, { message: "请选择服务领域" }),
    regionCode: z.string().regex(/^\d{12}$/, "请选择活动所在社区"),
    address: z.string().trim().max(200, "地址最多 200 个字").optional(),
    startsAt: instant,
    endsAt: instant,
    capacity: z.coerce.number().int("招募人数须为整数").min(1, "招募人数至少 1 人").max(10_000, "招募人数过大"),
    requirements: z.string().trim().max(1000, "要求最多 1000 个字").optional(),
  })
  .refine((a) => a.endsAt > a.startsAt, { message: "结束时间须晚于开始时间", path: ["endsAt"] });
export type CreateActivityInput = z.infer<typeof CreateActivitySchema>;

export const OutcomeSchema = z.object({
  version: z.coerce.number().int().positive().optional(),
  peopleServed: z.coerce.number().int("服务人次须为整数").min(0, "服务人次不能为负"),
  problemsSolved: z.coerce.number().int("解决问题数须为整数").min(0, "解决问题数不能为负"),
});

export const ListQuerySchema = z.object({
  street: z.string().regex(/^\d{9}$/, "街道代码须为 9 位").optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD").optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD").optional(),
  status: z.enum(["open", "closed", "completed", "cancelled"]).optional(),
  page: z.coerce.number().int().min(1).optional(),
});
