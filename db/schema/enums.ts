import { pgEnum } from "drizzle-orm/pg-core";

/** Region levels, top to bottom. GB/T 2260 codes nest: 3702 → 370285 → 370285001 → 370285001001. */
export const regionLevel = pgEnum("region_level", ["city", "district", "street", "community"]);

/**
 * Roles. One column per user, so no account can ever hold two roles (三权分立 is enforced by the
 * schema). Whether a wmb_staff user works for the city or a district comes from their scope.
 */
export const userRole = pgEnum("user_role", [
  "wmb_staff", // 文明办 staff: run the campaign, assign/review tasks, export reports
  "leader", // party/district officials: read-only
  "street_officer", // 街道办: own street's tasks, dispatch, hour verification
  "org_admin", // volunteer organization admin
  "sysadmin", // accounts only
  "secadmin", // security settings only
  "auditor", // audit log only
]);

export const sector = pgEnum("sector", ["elderly", "minors", "rural", "urban_warmth", "environment", "safety_rescue"]);

export const demandCategory = pgEnum("demand_category", ["elderly", "poverty", "illness", "disability", "education", "affairs", "mental"]);

export const demandState = pgEnum("demand_state", ["posted", "dispatched", "accepted", "completed", "rated", "rewarded", "cancelled"]);

export const taskStatus = pgEnum("task_status", ["reported", "assigned", "in_progress", "submitted", "returned", "closed"]);

export const taskType = pgEnum("task_type", [
  "sanitation", // 环境卫生
  "flyposting", // 小广告
  "parking", // 乱停乱放
  "street_vending", // 占道经营
  "psa_damage", // 公益广告破损
  "facility_damage", // 基础设施破损
  "illegal_building", // 违法建设
]);

export const serviceStatus = pgEnum("service_status", ["pending", "verified", "rejected"]);

export const orgType = pgEnum("org_type", ["party", "youth", "women", "union", "school", "enterprise", "social", "community"]);

export const gender = pgEnum("gender", ["M", "F"]);

export const ledgerKind = pgEnum("ledger_kind", ["earn", "reverse", "redeem", "refund", "dispatch_reward", "adjust", "moral"]);

export const redemptionStatus = pgEnum("redemption_status", ["redeemed", "picked_up", "cancelled"]);

export const activityStatus = pgEnum("activity_status", ["open", "closed", "completed", "cancelled"]);

export const projectStatus = pgEnum("project_status", ["planned", "active", "closed"]);

export const auditOutcome = pgEnum("audit_outcome", ["success", "denied", "failure"]);
