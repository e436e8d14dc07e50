import { apiError, json } from "@/lib/http";
import { meRoute } from "@/lib/auth/volunteer-api";
import { getMe } from "@/lib/me/queries";

/** The signed-in volunteer's own summary (the same figures as /me). */
export const GET = meRoute(async ({ me, db }) => {
  const s = await getMe(db, me);
  if (!s) return apiError(404, "not_found", "志愿者不存在");
  return json(s);
});
