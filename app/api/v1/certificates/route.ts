import { z } from "zod";
import { getDb } from "@/db/client";
import { apiError, apiRoute } from "@/lib/auth/api";
import { issueCertificate } from "@/lib/certificates/service";
import { actorOf, fail, json, readJson } from "@/lib/service/api";

export const dynamic = "force-dynamic";

const Body = z.object({
  volunteerId: z.number().int().positive(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD"),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD"),
  handler: z.string().trim().min(1, "请填写经办人").max(40, "经办人最多 40 个字"),
  contact: z.string().trim().max(40, "联系电话最多 40 个字").optional(),
});

/**
 * POST /api/v1/certificates {volunteerId, from, to, handler, contact?} — issues and records a
 * 志愿服务记录证明. The issuing office is the caller's own (their scope or organization); the answer
 * carries `verifyUrl`, the public check's path with the verification code.
 */
export const POST = apiRoute({ area: "timebank", write: true }, async ({ user, req }) => {
  const b = await readJson(req);
  if (!b.ok) return b.response;
  const p = Body.safeParse(b.body);
  if (!p.success) return apiError(422, "invalid", `${p.error.issues[0]!.path.join(".")}: ${p.error.issues[0]!.message}`);
  const r = await issueCertificate(await getDb(), actorOf(user, req), p.data);
  if (!r.ok) return r.code === "forbidden" ? apiError(403, "forbidden", r.message) : fail(r);
  return json({ id: r.id, number: r.number, issuer: r.content.issuer, verifyCode: r.verifyCode, verifyUrl: r.verifyUrl, content: r.content, pdf: `/api/v1/certificates/${r.id}/pdf` }, 201);
});
