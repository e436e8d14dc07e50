import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { revealPii } from "@/lib/volunteers/queries";
import { clientIp } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

/**
 * `POST /api/v1/volunteers/{id}/reveal` — the full ID and phone numbers of one volunteer, for a user
 * holding `pii_reveal`, written to the audit log (refusals too). Never cached.
 */
export const POST = apiRoute<{ id: string }>({ area: "volunteers" }, async ({ user, req, params }) => {
  if (!/^\d{1,10}$/.test(params.id)) return apiError(404, "not_found", "志愿者不存在或不在您的权限范围内");
  const r = await revealPii(user, Number(params.id), clientIp(req.headers));
  if (!r.ok) return apiError(r.status, r.status === 403 ? "forbidden" : "not_found", r.message);
  return NextResponse.json({ idCard: r.idCard, phone: r.phone }, { headers: { "Cache-Control": "no-store, private", Pragma: "no-cache" } });
});
