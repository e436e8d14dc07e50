"use server";
/**
 * Issuing a certificate from the volunteer's time-bank page. Authorize first, zod on FormData, the
 * same service function as the API; the issuing office is the issuer's own (not a form field).
 */
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { canWrite } from "@/lib/auth/rules";
import { requireArea } from "@/lib/auth/session";
import { clientIpFrom } from "@/lib/security/ip";
import { issueCertificate } from "./service";

const CertSchema = z.object({
  volunteerId: z.coerce.number().int().positive("志愿者编号无效"),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "请选择开始日期"),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "请选择结束日期"),
  handler: z.string().trim().min(1, "请填写经办人").max(40, "经办人最多 40 个字"),
  contact: z.string().trim().max(40, "联系电话最多 40 个字").optional(),
});

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return v === null || v === "" ? undefined : String(v);
};

export async function issueCertificateAction(fd: FormData) {
  const user = await requireArea("timebank");
  const vid = Number(fd.get("volunteerId"));
  const path = Number.isSafeInteger(vid) && vid > 0 ? `/timebank/volunteers/${vid}` : "/timebank";
  const back = (err: string): never => redirect(`${path}?${new URLSearchParams({ err }).toString()}`);
  if (!canWrite(user.role)) back("当前角色为只读");
  const p = CertSchema.safeParse({ volunteerId: str(fd, "volunteerId"), from: str(fd, "from"), to: str(fd, "to"), handler: str(fd, "handler"), contact: str(fd, "contact") });
  if (!p.success) return back(p.error.issues[0]!.message);
  const h = await headers();
  const r = await issueCertificate(await getDb(), { id: user.id, username: user.username, role: user.role, scopeCode: user.scopeCode, organizationId: user.organizationId, ip: clientIpFrom((n) => h.get(n)) }, p.data);
  if (!r.ok) return back(r.message);
  revalidatePath(path);
  redirect(`/timebank/certificates/${r.id}`);
}
