"use server";
/**
 * The security administrator's actions, each `serverAction({ area: "admin", roles: ["secadmin"] })`
 * (三权分立): the security policy, PII-reveal grants and API tokens. Answers in the one ActionState
 * shape; a new token comes back once as `data.token`.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { apiTokens, permissionGrants, regions, settings, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import { actionError, actionOk, serverAction } from "@/lib/auth/action";
import { BUSINESS_ROLES, isRegionCode } from "@/lib/auth/rules";
import { ipAllowed } from "./ip";
import { getSecuritySettings, SECURITY_SETTINGS_KEY, SecuritySettingsSchema } from "./settings";
import { newApiToken, TOKEN_PERMISSIONS } from "./tokens";

const SECADMIN = { area: "admin", roles: ["secadmin"] } as const;

/** A textarea of addresses (one per line, or separated by commas) as a list. */
const lines = z.preprocess(
  (v) =>
    String(v ?? "")
      .split(/[\s,，]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  z.array(z.string()),
);
/** Checkboxes sent once, several times or not at all, as a list. */
const ticked = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));

const SettingsForm = z.preprocess(
  (v) => ({ ...(v as Record<string, unknown>), adminIpAllowList: lines.parse((v as Record<string, unknown>).adminIpAllowList), totpRoles: ticked.parse((v as Record<string, unknown>).totpRoles) }),
  SecuritySettingsSchema,
);

/** secadmin: change the security policy; the audit entry carries every changed field before/after. */
export const saveSecuritySettings = serverAction(SECADMIN, SettingsForm, async ({ actor, db }, next) => {
  // The administrators always need a second factor; other roles may be added.
  for (const r of ["sysadmin", "secadmin", "auditor"] as const) if (!next.totpRoles.includes(r)) next.totpRoles.push(r);
  if (next.adminIpAllowList.length > 0 && !ipAllowed(actor.ip ?? null, next.adminIpAllowList)) {
    return actionError("白名单须包含您当前的地址，否则您将无法再登录", ["adminIpAllowList"]);
  }
  await db.transaction(async (tx) => {
    const before = await getSecuritySettings(tx);
    const changed: Record<string, { before: unknown; after: unknown }> = {};
    for (const k of Object.keys(next) as (keyof typeof next)[]) {
      if (JSON.stringify(before[k]) !== JSON.stringify(next[k])) changed[k] = { before: before[k], after: next[k] };
    }
    await tx
      .insert(settings)
      .values({ key: SECURITY_SETTINGS_KEY, value: JSON.stringify(next), updatedBy: actor.id })
      .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(next), updatedBy: actor.id, updatedAt: new Date() } });
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "security.settings_update", objectType: "settings", objectId: SECURITY_SETTINGS_KEY, summary: { changed } });
  });
  revalidatePath("/admin");
  return actionOk("安全策略已保存");
});

const Grant = z.object({ userId: z.coerce.number({ message: "无效的账号" }).int().positive("无效的账号"), grant: z.enum(["true", "false"]) });

/** secadmin: give or take `pii_reveal` from a business account (never an administrator). */
export const setPiiGrant = serverAction(SECADMIN, Grant, async ({ actor, db }, { userId, grant }) => {
  const found = await db.transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id, username: users.username }).from(users).where(and(eq(users.id, userId), inArray(users.role, [...BUSINESS_ROLES])));
    if (!target) return false;
    if (grant === "true") {
      const ins = await tx.insert(permissionGrants).values({ userId, permission: "pii_reveal", grantedBy: actor.id }).onConflictDoNothing().returning({ userId: permissionGrants.userId });
      if (!ins.length) return true;
    } else {
      const del = await tx.delete(permissionGrants).where(and(eq(permissionGrants.userId, userId), eq(permissionGrants.permission, "pii_reveal"))).returning({ userId: permissionGrants.userId });
      if (!del.length) return true;
    }
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: grant === "true" ? "security.grant" : "security.revoke", objectType: "user", objectId: userId, summary: { username: target.username, permission: "pii_reveal", before: grant !== "true", after: grant === "true" } });
    return true;
  });
  if (!found) return actionError("只能为业务账号授权");
  revalidatePath("/admin");
  return actionOk(grant === "true" ? "已授权" : "已收回授权");
});

const TokenForm = z.object({
  name: z.string({ message: "请输入令牌名称" }).trim().min(1, "请输入令牌名称").max(60, "名称过长"),
  scopeCode: z.string({ message: "请输入有效的区域代码" }).trim().refine(isRegionCode, "请输入有效的区域代码"),
  permissions: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(TOKEN_PERMISSIONS as [string, ...string[]])).min(1, "请至少选择一项权限")),
  expiresAt: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, "到期日格式为 YYYY-MM-DD")
    .refine((v) => !v || new Date(`${v}T23:59:59+08:00`).getTime() > Date.now(), "到期日须晚于今天")
    .optional()
    .default(""),
});

/** secadmin: create an integration token for a region scope and permissions; shown once, stored hashed. */
export const createApiToken = serverAction(SECADMIN, TokenForm, async ({ actor, db }, d) => {
  const [region] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, d.scopeCode));
  if (!region) return actionError("区域不存在", ["scopeCode"]);
  const t = newApiToken();
  const expiresAt = d.expiresAt ? new Date(`${d.expiresAt}T23:59:59+08:00`) : null;
  await db.transaction(async (tx) => {
    const [row] = await tx.insert(apiTokens).values({ name: d.name, prefix: t.prefix, tokenHash: t.hash, scopeCode: d.scopeCode, permissions: d.permissions, createdBy: actor.id, expiresAt }).returning({ id: apiTokens.id });
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "api_token.create", objectType: "api_token", objectId: row!.id, summary: { name: d.name, prefix: t.prefix, scope: d.scopeCode, permissions: d.permissions, expiresAt: d.expiresAt || null } });
  });
  revalidatePath("/admin");
  return actionOk(`令牌「${d.name}」已创建`, { token: t.token });
});

/** secadmin: revoke a token; its next use answers 401. */
export const revokeApiToken = serverAction(SECADMIN, z.object({ tokenId: z.coerce.number({ message: "无效的令牌" }).int().positive("无效的令牌") }), async ({ actor, db }, f) => {
  const done = await db.transaction(async (tx) => {
    const [t] = await tx.update(apiTokens).set({ revokedAt: new Date(), revokedBy: actor.id }).where(and(eq(apiTokens.id, f.tokenId), isNull(apiTokens.revokedAt))).returning({ name: apiTokens.name, prefix: apiTokens.prefix });
    if (!t) return false;
    await writeAudit(tx, { userId: actor.id, username: actor.username, role: actor.role, ip: actor.ip ?? null, action: "api_token.revoke", objectType: "api_token", objectId: f.tokenId, summary: { name: t.name, prefix: t.prefix } });
    return true;
  });
  if (!done) return actionError("令牌不存在或已吊销");
  revalidatePath("/admin");
  return actionOk("令牌已吊销");
});
