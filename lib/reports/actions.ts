"use server";
/** 发布 / 重新发布 a month's report from the preview page (same service as the JSON API). */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionError, actionOk, serverAction } from "@/lib/auth/action";
import { monthSchema } from "./rules";
import { publishReport } from "./service";

const Form = z.object({
  month: monthSchema,
  region: z.string().regex(/^\d{4}(\d{2})?$/, "region: 月报区域应为全市或区市"),
  reason: z.string().max(500, "reason: 原因不超过 500 字").optional(),
});

export const publishAction = serverAction({ area: "reports", write: true }, Form, async ({ actor, db }, f) => {
  const r = await publishReport(db, actor, { month: f.month, code: f.region, reason: f.reason });
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath("/reports");
  return actionOk(`已发布第 ${r.revision} 版`, { revision: r.revision });
});
