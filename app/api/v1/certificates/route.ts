import { z } from "zod";
import { apiRoute } from "@/lib/auth/api";
import { issueCertificate } from "@/lib/certificates/service";
import { failureResponse, json, parseJson } from "@/lib/http";

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
 * 志愿服务记录证明. The issuing office is the caller's own (their scope or organization), never a
 * field; the answer carries `verifyUrl`, the public check's path with the verification code.
 */
export const POST = apiRoute({ area: "timebank", write: true }, async ({ actor, db, req }) => {
  const b = await parseJson(req, Body);
  if (!b.ok) return b.response;
  const r = await issueCertificate(db, actor, b.data);
  if (!r.ok) return failureResponse(r);
  return json({ id: r.id, number: r.number, issuer: r.content.issuer, verifyCode: r.verifyCode, verifyUrl: r.verifyUrl, content: r.content, pdf: `/api/v1/certificates/${r.id}/pdf` }, 201);
});
