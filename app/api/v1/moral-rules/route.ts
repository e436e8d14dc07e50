import { apiRoute } from "@/lib/auth/api";
import { failureResponse, json, parseJson } from "@/lib/http";
import { RuleSchema } from "@/lib/moral/rules";
import { createMoralRule, listMoralRules } from "@/lib/moral/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/moral-rules — the 道德积分 rules in force in the caller's scope (newest version of each). */
export const GET = apiRoute({ area: "timebank" }, async ({ actor, db }) => {
  const rules = await listMoralRules(db, actor);
  return json({ items: rules.map((r) => ({ id: r.id, name: r.name, category: r.category, points: r.points, yearlyCap: r.yearlyCap, version: r.version, evidence: r.evidence, proposerRoles: r.proposerRoles, approverLevel: r.approverLevel, activeFrom: r.activeFrom, activeTo: r.activeTo })) });
});

/** POST /api/v1/moral-rules — 文明办 only; `replacesId` makes a new version (rules are never edited in place). */
export const POST = apiRoute({ area: "timebank", write: true, roles: ["wmb_staff"] }, async ({ actor, db, req }) => {
  const body = await parseJson(req, RuleSchema);
  if (!body.ok) return body.response;
  const r = await createMoralRule(db, actor, body.data);
  return r.ok ? json(r, 201) : failureResponse(r);
});
