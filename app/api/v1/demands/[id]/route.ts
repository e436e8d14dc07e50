import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/auth/api";
import { apiError } from "@/lib/http";
import { idParam, json, staffOf } from "@/lib/dispatch/api";
import { getDemandDetail } from "@/lib/dispatch/queries";
import { NOT_FOUND_MESSAGE } from "@/lib/dispatch/service";

export const dynamic = "force-dynamic";

/** One need in reach: state, version, its event history and assignees (the phone only as its last four digits). */
export const GET = apiRoute<{ id: string }>({ area: "dispatch" }, async ({ user, req, params }) => {
  const id = idParam(params.id);
  if (!id) return apiError(404, "not_found", NOT_FOUND_MESSAGE);
  const d = await getDemandDetail(await getDb(), staffOf(user, req), id);
  if (!d) return apiError(404, "not_found", NOT_FOUND_MESSAGE);
  return json({ ...d, members: undefined });
});
