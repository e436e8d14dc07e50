/**
 * Input schemas for tasks, shared by the pages (URL filters, forms) and the JSON API, so both accept
 * and refuse the same things with the same Chinese messages.
 */
import { z } from "zod";
import { isoDate } from "@/lib/metrics/rules";
import { parseFilters, type SearchParams, toQueryString } from "@/lib/search-params";
import { TASK_STATUSES, TASK_TYPES, TYPE_LABELS, STATUS_LABELS } from "./rules";

export const PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const OVERDUE_FILTERS = ["1", "0", "escalated"] as const;
export type OverdueFilter = (typeof OVERDUE_FILTERS)[number];

export interface TaskFilters {
  status?: (typeof TASK_STATUSES)[number];
  type?: (typeof TASK_TYPES)[number];
  street?: string;
  /** "1" overdue only, "0" not overdue, "escalated" 督办 only. */
  overdue?: OverdueFilter;
  dueFrom?: string;
  dueTo?: string;
  q?: string;
  page: number;
  pageSize: number;
}

const emptyToUndef = (v: unknown) => (v === "" || v === null ? undefined : v);

const overdueValue = z.preprocess(
  (v) => (v === "true" ? "1" : v === "false" ? "0" : emptyToUndef(v)),
  z.enum(OVERDUE_FILTERS, { message: "overdue 只能是 1（超期）、0（未超期）或 escalated（督办）" }).optional(),
);

/** The list filters as they appear in a URL (?status=&type=&street=&overdue=&dueFrom=&dueTo=&q=&page=). */
export const TaskFiltersSchema = z
  .object({
    status: z.preprocess(emptyToUndef, z.enum(TASK_STATUSES, { message: `status 只能是 ${TASK_STATUSES.join("、")}` }).optional()),
    type: z.preprocess(emptyToUndef, z.enum(TASK_TYPES, { message: `type 只能是 ${TASK_TYPES.join("、")}` }).optional()),
    street: z.preprocess(emptyToUndef, z.string().regex(/^\d{9}$/, "street 应为 9 位街道代码").optional()),
    overdue: overdueValue,
    dueFrom: z.preprocess(emptyToUndef, isoDate.optional()),
    dueTo: z.preprocess(emptyToUndef, isoDate.optional()),
    q: z.preprocess(emptyToUndef, z.string().trim().max(100, "搜索词不能超过 100 个字").optional()),
    page: z.preprocess(emptyToUndef, z.coerce.number({ message: "page 应为正整数" }).int("page 应为正整数").min(1, "page 应为正整数").max(100_000).default(1)),
    pageSize: z.preprocess(emptyToUndef, z.coerce.number().int().min(1).max(MAX_PAGE_SIZE, `pageSize 不能超过 ${MAX_PAGE_SIZE}`).default(PAGE_SIZE)),
  })
  .refine((f) => !f.dueFrom || !f.dueTo || f.dueFrom <= f.dueTo, { message: "截止日期范围：结束日期不能早于开始日期", path: ["dueTo"] });

/**
 * Reads the filters from a page's searchParams. A bad value never breaks the page: the field falls
 * back to "not filtered" and the first problem is reported (naming the field).
 */
export function parseTaskFilters(sp: SearchParams): { filters: TaskFilters; error: string | null } {
  const r = parseFilters(TaskFiltersSchema, sp, { page: 1, pageSize: PAGE_SIZE });
  return { filters: r.filters as TaskFilters, error: r.error };
}

/** The filters back as a query string (page links keep every filter). */
export function filtersToQuery(f: Partial<TaskFilters>): string {
  const { status, type, street, overdue, dueFrom, dueTo, q, page, pageSize } = f;
  return toQueryString({ status, type, street, overdue, dueFrom, dueTo, q, page, pageSize }, { pageSize: PAGE_SIZE });
}

// ---------------------------------------------------------------------------- writes

const idList = z
  .array(z.coerce.number().int().positive("照片编号无效"))
  .max(20, "一次最多附 20 张照片")
  .default([]);

/** POST /api/v1/tasks/{id}/transitions and the task page's action forms. */
export const TransitionSchema = z.object({
  to: z.enum(TASK_STATUSES, { message: `to 只能是 ${TASK_STATUSES.map((s) => `${s}（${STATUS_LABELS[s]}）`).join("、")}` }),
  version: z.coerce.number({ message: "version 缺失或无效，请刷新页面后重试" }).int().min(1, "version 缺失或无效，请刷新页面后重试"),
  note: z.string().trim().max(1000, "说明不能超过 1000 个字").optional().nullable(),
  reason: z.string().trim().max(1000, "原因不能超过 1000 个字").optional().nullable(),
  photoIds: idList,
});
export type TransitionBody = z.infer<typeof TransitionSchema>;

const typeValue = z.preprocess(
  (v) => {
    if (typeof v !== "string") return v;
    const s = v.trim();
    const byLabel = (Object.entries(TYPE_LABELS) as [string, string][]).find(([, label]) => label === s);
    return byLabel ? byLabel[0] : s;
  },
  z.enum(TASK_TYPES, { message: `问题类型只能是 ${Object.values(TYPE_LABELS).join("、")}` }),
);

/** Registering one problem (the form and POST /api/v1/tasks). */
export const CreateTaskSchema = z.object({
  type: typeValue,
  pointName: z.string({ message: "请填写点位名称" }).trim().min(1, "请填写点位名称").max(200, "点位名称不能超过 200 个字"),
  address: z.preprocess(emptyToUndef, z.string().trim().max(300, "地址不能超过 300 个字").optional()),
  description: z.string({ message: "请填写问题描述" }).trim().min(1, "请填写问题描述").max(2000, "问题描述不能超过 2000 个字"),
  streetCode: z.string({ message: "请选择责任街道" }).regex(/^\d{9}$/, "请选择责任街道"),
  communityCode: z.string({ message: "请选择社区（村）" }).regex(/^\d{12}$/, "请选择社区（村）"),
  responsibleUnit: z.preprocess(emptyToUndef, z.string().trim().max(200, "责任单位不能超过 200 个字").optional()),
  deadline: z.preprocess(emptyToUndef, z.string({ message: "请填写整改期限" }).pipe(isoDate)),
  /** Assign (交办) to the street right away. */
  assignNow: z.preprocess((v) => v === true || v === "on" || v === "1" || v === "true", z.boolean()).default(false),
  note: z.preprocess(emptyToUndef, z.string().trim().max(1000, "交办说明不能超过 1000 个字").optional()),
  photoIds: idList,
});
export type CreateTaskInput = z.infer<typeof CreateTaskSchema>;

const versioned = z
  .array(z.object({ id: z.coerce.number().int().positive(), version: z.coerce.number().int().min(1) }))
  .min(1, "请至少选择一个任务")
  .max(200, "一次最多处理 200 个任务");

/** Bulk actions of 文明办: reassign to another street, or extend the deadline — always with a reason. */
export const BulkSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("reassign"),
    items: versioned,
    streetCode: z.string({ message: "请选择改派到的街道" }).regex(/^\d{9}$/, "请选择改派到的街道"),
    communityCode: z.string({ message: "请选择社区（村）" }).regex(/^\d{12}$/, "请选择社区（村）"),
    reason: z.string({ message: "请填写改派原因" }).trim().min(1, "请填写改派原因").max(1000, "原因不能超过 1000 个字"),
  }),
  z.object({
    action: z.literal("extend"),
    items: versioned,
    deadline: z.string({ message: "请填写新的整改期限" }).pipe(isoDate),
    reason: z.string({ message: "请填写延期原因" }).trim().min(1, "请填写延期原因").max(1000, "原因不能超过 1000 个字"),
  }),
]);
export type BulkInput = z.infer<typeof BulkSchema>;

// ---------------------------------------------------------------------------- page forms (server actions)

/** A form field sent once, many times or not at all, as a list of its non-empty values. */
const formList = (v: unknown) => (v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).map((x) => String(x).trim()).filter(Boolean));
const taskId = z.coerce.number({ message: "任务编号无效" }).int("任务编号无效").positive("任务编号无效");

/** 开始整改 / 提交反馈 / 交办 / 销号 / 退回 from the task page and the review queue. */
export const TransitionForm = TransitionSchema.extend({
  id: taskId,
  note: z.preprocess(emptyToUndef, TransitionSchema.shape.note),
  reason: z.preprocess(emptyToUndef, TransitionSchema.shape.reason),
  photoIds: z.preprocess(formList, idList),
});

/** 登记问题: the form sends photoIds once per uploaded photo. */
export const CreateTaskForm = CreateTaskSchema.extend({ photoIds: z.preprocess(formList, idList) });

/** Bulk reassign / extend: `items` = "id:version" once per selected task; an empty deadline is "missing". */
export const BulkForm = z.preprocess(
  (v) => {
    const o = v as Record<string, unknown>;
    const items = formList(o.items).map((s) => {
      const [id, version] = s.split(":");
      return { id, version };
    });
    return { ...o, items, deadline: o.deadline || undefined };
  },
  z.discriminatedUnion("action", BulkSchema.options, { error: "请选择批量操作：改派或延期" }),
);
