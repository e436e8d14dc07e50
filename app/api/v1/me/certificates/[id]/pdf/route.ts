import type { CertificateContent } from "@/lib/certificates/content";
import { certificatePdf } from "@/lib/certificates/pdf";
import { publicOrigin, verifyPath } from "@/lib/certificates/verify";
import { env } from "@/lib/env";
import { apiError, parseId } from "@/lib/http";
import { meRoute } from "@/lib/auth/volunteer-api";
import { getMyCertificate } from "@/lib/me/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/me/certificates/{id}/pdf — one of the signed-in volunteer's own certificates (404 for anyone else's). */
export const GET = meRoute<{ id: string }>(async ({ me, db, req, params }) => {
  const id = parseId(params.id);
  const c = id ? await getMyCertificate(db, me, { id }) : null;
  if (!c) return apiError(404, "not_found", "证明不存在");
  const bytes = await certificatePdf({ content: c.content as CertificateContent, verifyCode: c.verifyCode, verifyUrl: publicOrigin(req.url, env().NEXTAUTH_URL) + verifyPath(c.number, c.verifyCode) });
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${c.number}.pdf"; filename*=UTF-8''${encodeURIComponent(`志愿服务记录证明-${c.number}.pdf`)}`,
      "Cache-Control": "no-store",
    },
  });
});
