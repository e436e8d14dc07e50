import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { certificatePdf } from "@/lib/certificates/pdf";
import { getCertificate } from "@/lib/certificates/service";
import { idParam } from "@/lib/service/api";

export const dynamic = "force-dynamic";

/** GET /api/v1/certificates/{id}/pdf — the issued certificate as a PDF (the stored snapshot). */
export const GET = apiRoute<{ id: string }>({ area: "timebank" }, async ({ user, params }) => {
  const id = idParam(params.id);
  const c = id ? await getCertificate(await getDb(), user.scopeCode, id) : null;
  if (!c) return apiError(404, "not_found", "证明不存在或不在您的权限范围内");
  const bytes = await certificatePdf(c.content);
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${c.number}.pdf"; filename*=UTF-8''${encodeURIComponent(`志愿服务记录证明-${c.number}.pdf`)}`,
      "Cache-Control": "no-store",
    },
  });
});
