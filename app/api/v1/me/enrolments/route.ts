import { json, parseQuery } from "@/lib/http";
import { meRoute } from "@/lib/auth/volunteer-api";
import { listMyEnrolments } from "@/lib/me/queries";
import { PageQuery } from "@/lib/me/schema";

/** The signed-in volunteer's own enrolments, newest first, 20 a page (?page=). */
export const GET = meRoute(async ({ me, db, req }) => {
  const q = parseQuery(PageQuery, req.url);
  if (!q.ok) return q.response;
  return json(await listMyEnrolments(db, me, q.data));
});
