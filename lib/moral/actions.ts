"use server";
/** The /timebank/moral page's actions: rules (文明办), proposals (street, organization), decisions and reversals (文明办). */
import { revalidatePath } from "next/cache";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { volunteers } from "@/db/schema";
import { actionError, actionOk, serverAction } from "@/lib/auth/action";
import { volunteerScopeSql } from "@/lib/auth/scope";
import { AwardSchema, RuleSchema } from "./rules";
import { createMoralRule, decideMoralAward, proposeMoralAward, reverseMoralAward } from "./service";

const arr = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);
const RuleForm = z.preprocess((o) => {
  const f = (o ?? {}) as Record<string, unknown>;
  return { ...f, evidence: arr(f.evidence), proposerRoles: arr(f.proposerRoles), activeTo: f.activeTo || null, replacesId: f.replacesId || undefined };
}, RuleSchema);

export const createMoralRuleAction = serverAction({ area: "timebank", write: true, roles: ["wmb_staff"] }, RuleForm, async ({ actor, db }, input) => {
  const r = await createMoralRule(db, actor, input);
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath("/timebank/moral");
  return actionOk(`规则已保存（第 ${r.version} 版）`);
});

const ProposeForm = z.object({
  ruleId: z.coerce.number({ message: "规则：请选择" }).int().positive("规则：请选择"),
  volunteerNo: z.string({ message: "志愿者编号：必填" }).trim().min(1, "志愿者编号：必填").max(40),
  note: AwardSchema.shape.note,
});

export const proposeMoralAwardAction = serverAction({ area: "timebank", write: true, roles: ["street_officer", "org_admin"] }, ProposeForm, async ({ actor, db }, input) => {
  const [v] = await db
    .select({ id: volunteers.id })
    .from(volunteers)
    .where(and(eq(volunteers.volunteerNo, input.volunteerNo), sql`${volunteerScopeSql(actor, "volunteers")}`))
    .limit(1);
  if (!v) return actionError("志愿者编号：不存在或不在您的权限范围内", ["volunteerNo"]);
  const r = await proposeMoralAward(db, actor, { ruleId: input.ruleId, volunteerId: v.id, note: input.note, photoIds: [] });
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath("/timebank/moral");
  return actionOk("已提交，等待文明办审批");
});

const DecideForm = z.object({
  id: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive(),
  decision: z.enum(["approve", "reject", "reverse"], { message: "操作无效" }),
  reason: z.string().trim().max(500, "原因：最多 500 字").optional().default(""),
});

export const decideMoralAwardAction = serverAction({ area: "timebank", write: true, roles: ["wmb_staff"] }, DecideForm, async ({ actor, db }, input) => {
  const r =
    input.decision === "reverse"
      ? input.reason.length < 2
        ? { ok: false as const, message: "原因：撤销须填写原因", fields: ["reason"] }
        : await reverseMoralAward(db, actor, { id: input.id, reason: input.reason, version: input.version })
      : await decideMoralAward(db, actor, { id: input.id, approve: input.decision === "approve", reason: input.reason || undefined, version: input.version });
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath("/timebank/moral");
  return actionOk(input.decision === "approve" ? "已批准，积分已记入" : input.decision === "reject" ? "已驳回" : "已撤销，积分已扣回");
});
