import { z } from "zod";
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { issueCertificate } from "@/lib/certificates/service";
import { actorOf, fail, json, readJson } from "@/lib/service/api";

export const dynamic = "force-dynamic";

const Body = z.object({
  volunteerId: z.number().int().positive(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD"),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD"),
  issuer: z.string().trim().min(1, "请填写出具单位").max(80),
  handler: z.string().trim().min(1, "请填写经办人").max(40),
  contact: z.string().trim().max(40).optional(),
});

/** POST /api/v1/certificates {volunteerId, from, to, issuer, handler, contact?} — issues and records a 志愿服务记录证明. */
export const POST = apiRoute({ area: "timebank", write: true }, async ({ user, req }) => {
  const b = await readJson(req);
  if (!b.ok) return b.response;
  const p = Body.safeParse(b.body);
  if (!p.success) return apiError(422, "invalid", `${p.error.issues[0]!.path.join(".")}: ${p.error.issues[0]!.message}`);
  const r = await issueCertificate(await getDb(), actorOf(user, req), p.data);
  return r.ok ? json({ id: r.id, number: r.number, content: r.content, pdf: `/api/v1/certificates/${r.id}/pdf` }, 201) : fail(r);
});
