import { eq } from "drizzle-orm";
import { z } from "zod";
import { settings } from "@/db/schema";
import type { Queryable } from "@/db/client";
import { ROLES } from "@/lib/auth/rules";
import { isValidAllowEntry } from "./ip";

/** The settings row holding the security policy (one JSON document, changed only by secadmin). */
export const SECURITY_SETTINGS_KEY = "security.policy";

/** Bounds are part of the policy: 等保 asks for audit retention of at least 180 days (6 months). */
export const SecuritySettingsSchema = z.object({
  lockoutThreshold: z.coerce.number().int().min(3, "锁定阈值须在 3–10 次之间").max(10, "锁定阈值须在 3–10 次之间"),
  lockoutMinutes: z.coerce.number().int().min(5, "锁定时长须在 5–1440 分钟之间").max(1440, "锁定时长须在 5–1440 分钟之间"),
  passwordMaxAgeDays: z.coerce.number().int().min(7, "密码有效期须在 7–365 天之间").max(365, "密码有效期须在 7–365 天之间"),
  idleMinutes: z.coerce.number().int().min(1, "空闲超时须在 1–120 分钟之间").max(120, "空闲超时须在 1–120 分钟之间"),
  absoluteHours: z.coerce.number().int().min(1, "会话最长时长须在 1–24 小时之间").max(24, "会话最长时长须在 1–24 小时之间"),
  auditRetentionDays: z.coerce.number().int().min(180, "审计日志保存期不得少于 180 天").max(3650, "审计日志保存期不得超过 3650 天"),
  ipMaxFailures: z.coerce.number().int().min(5, "每个地址的失败次数上限须在 5–1000 之间").max(1000, "每个地址的失败次数上限须在 5–1000 之间"),
  ipWindowMinutes: z.coerce.number().int().min(1, "统计窗口须在 1–1440 分钟之间").max(1440, "统计窗口须在 1–1440 分钟之间"),
  adminIpAllowList: z.array(z.string().trim().refine(isValidAllowEntry, "IP 白名单中有无效的地址或网段")).max(100, "IP 白名单最多 100 项"),
  totpRoles: z.array(z.enum(ROLES)),
});
export type SecuritySettings = z.infer<typeof SecuritySettingsSchema>;

export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  lockoutThreshold: 5,
  lockoutMinutes: 30,
  passwordMaxAgeDays: 90,
  idleMinutes: 30,
  absoluteHours: 12,
  auditRetentionDays: 180,
  ipMaxFailures: 30,
  ipWindowMinutes: 15,
  adminIpAllowList: [],
  totpRoles: ["sysadmin", "secadmin", "auditor"],
};

/**
 * The current policy: stored values over the defaults. A stored document that no longer validates
 * (hand-edited) falls back to the defaults field by field, never to something weaker than the bounds.
 */
export async function getSecuritySettings(db: Queryable): Promise<SecuritySettings> {
  const [row] = await db.select({ v: settings.value }).from(settings).where(eq(settings.key, SECURITY_SETTINGS_KEY)).limit(1);
  if (!row) return DEFAULT_SECURITY_SETTINGS;
  let stored: Record<string, unknown> = {};
  try {
    stored = JSON.parse(row.v) as Record<string, unknown>;
  } catch {
    return DEFAULT_SECURITY_SETTINGS;
  }
  const out: Record<string, unknown> = { ...DEFAULT_SECURITY_SETTINGS };
  for (const [k, field] of Object.entries(SecuritySettingsSchema.shape)) {
    if (!(k in stored)) continue;
    const r = (field as z.ZodTypeAny).safeParse(stored[k]);
    if (r.success) out[k] = r.data;
  }
  return out as SecuritySettings;
}

/** Roles with the admin IP allow-list applied: the three separated administrators. */
export function totpRequired(role: string, s: SecuritySettings): boolean {
  return (s.totpRoles as readonly string[]).includes(role);
}
