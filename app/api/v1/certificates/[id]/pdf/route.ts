import { apiRoute } from "@/lib/auth/api";
import { certificatePdf } from "@/lib/certificates/pdf";
import { getCertificate } from "@/lib/certificates/service";
import { publicOrigin, verifyPath } from "@/lib/certificates/verify";
import { env } from "@/lib/env";
import { apiError, parseId } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/v1/certificates/{id}/pdf — the issued certificate as a PDF (the stored snapshot, with its QR code). */
export const GET = apiRoute<{ id: string }>({ area: "timebank" }, async ({ actor, db, req, params }) => {
  const id = parseId(params.id);
  const c = id ? await getCertificate(db, actor, { id }) : null;
  if (!c) return apiError(404, "not_found", "证明不存在或不在您的权限范围内");
  const bytes = await certificatePdf({ content: c.content, verifyCode: c.verifyCode, verifyUrl: publicOrigin(req.url, env().NEXTAUTH_URL) + verifyPath(c.number, c.verifyCode) });
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${c.number}.pdf"; filename*=UTF-8''${encodeURIComponent(`志愿服务记录证明-${c.number}.pdf`)}`,
      "Cache-Control": "no-store",
    },
  });
});
