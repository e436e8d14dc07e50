"use server";
/**
 * Issuing a certificate from the volunteer's time-bank page, through the one server-action wrapper
 * (guard → zod → call). The issuing office is the issuer's own, not a form field. Success opens the
 * certificate; a refusal is answered to the form (useActionState) naming the field.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionError, serverAction } from "@/lib/auth/action";
import { issueCertificate } from "./service";

const CertSchema = z.object({
  volunteerId: z.coerce.number().int().positive("志愿者编号无效"),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "请选择开始日期"),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "请选择结束日期"),
  handler: z.string().trim().min(1, "请填写经办人").max(40, "经办人最多 40 个字"),
  contact: z.string().trim().max(40, "联系电话最多 40 个字").optional(),
});

export const issueCertificateAction = serverAction({ area: "timebank", write: true }, CertSchema, async ({ actor, db }, input) => {
  const path = `/timebank/volunteers/${input.volunteerId}`;
  const r = await issueCertificate(db, actor, { ...input, contact: input.contact || null });
  if (!r.ok) return actionError(r.message, r.fields);
  revalidatePath(path);
  redirect(`/timebank/certificates/${r.id}`);
});
