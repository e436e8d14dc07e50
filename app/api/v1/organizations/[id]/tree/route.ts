import { apiRoute } from "@/lib/auth/api";
import { apiError, json, parseId } from "@/lib/http";
import { today } from "@/lib/metrics/clock";
import { getOrganizationTree } from "@/lib/organizations/tree-queries";

export const dynamic = "force-dynamic";

/**
 * `GET /api/v1/organizations/{id}/tree?month=YYYY-MM` → `{id, name, level, totals{members, verifiedHours, activities, activeProjects}, children[…]}`:
 * each node's totals are its own plus all its descendants' (activities: those starting in the month, default this month).
 */
export const GET = apiRoute<{ id: string }>({ area: "organizations" }, async ({ actor, db, params, req }) => {
  const id = parseId(params.id);
  const monthRaw = new URL(req.url).searchParams.get("month");
  if (monthRaw !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(monthRaw)) return apiError(400, "bad_request", "month：月份格式应为 YYYY-MM", { fields: ["month"] });
  const tree = id ? await getOrganizationTree(db, actor, { id, month: monthRaw ?? today().slice(0, 7) }) : null;
  if (!tree) return apiError(404, "not_found", "组织不存在或不在您的权限范围内");
  return json(tree);
});
