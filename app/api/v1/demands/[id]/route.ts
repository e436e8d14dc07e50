import { apiRoute } from "@/lib/auth/api";
import { apiError, json, parseId } from "@/lib/http";
import { getDemandDetail } from "@/lib/dispatch/queries";
import { NOT_FOUND_MESSAGE } from "@/lib/dispatch/service";

export const dynamic = "force-dynamic";

/** One need in reach: state, version, its event history and assignees (the phone only as its last four digits). */
export const GET = apiRoute<{ id: string }>({ area: "dispatch" }, async ({ actor, db, params }) => {
  const id = parseId(params.id);
  const d = id ? await getDemandDetail(db, actor, { id }) : null;
  if (!d) return apiError(404, "not_found", NOT_FOUND_MESSAGE);
  return json({ ...d, members: undefined });
});
