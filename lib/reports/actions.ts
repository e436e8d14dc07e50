"use server";
/** 发布 / 重新发布 a month's report from the preview page (same service as the JSON API). */
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireArea } from "@/lib/auth/session";
import { clientIpFrom } from "@/lib/security/ip";
import { monthSchema } from "./rules";
import { publishReport } from "./service";

export interface PublishState {
  status: "idle" | "ok" | "error";
  message?: string;
  revision?: number;
  at?: number;
}

const Form = z.object({
  month: monthSchema,
  region: z.string().regex(/^\d{4}(\d{2})?$/, "region: 月报区域应为全市或区市"),
  reason: z.string().max(500, "reason: 原因不超过 500 字").optional(),
});

export async function publishAction(_prev: PublishState, fd: FormData): Promise<PublishState> {
  const user = await requireArea("reports");
  if (user.role !== "wmb_staff") return { status: "error", message: "只有文明办工作人员可以发布月报", at: Date.now() };
  const f = Form.safeParse({ month: fd.get("month"), region: fd.get("region"), reason: (fd.get("reason") as string | null) ?? undefined });
  if (!f.success) return { status: "error", message: f.error.issues[0]!.message, at: Date.now() };
  const h = await headers();
  const r = await publishReport(user, { month: f.data.month, code: f.data.region, reason: f.data.reason, ip: clientIpFrom((n) => h.get(n)) });
  if (!r.ok) return { status: "error", message: r.message, at: Date.now() };
  revalidatePath("/reports");
  return { status: "ok", revision: r.revision, message: `已发布第 ${r.revision} 版`, at: Date.now() };
}
