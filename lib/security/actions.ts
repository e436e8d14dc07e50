"use server";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { apiTokens, permissionGrants, regions, settings, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/log";
import { BUSINESS_ROLES, isRegionCode } from "@/lib/auth/rules";
import { getCurrentUser } from "@/lib/auth/session";
import { clientIpFrom, ipAllowed } from "./ip";
import { getSecuritySettings, SECURITY_SETTINGS_KEY, SecuritySettingsSchema } from "./settings";
import { newApiToken, TOKEN_PERMISSIONS } from "./tokens";

/** Every action here: the security administrator only (三权分立), checked first. */
async function secadmin() {
  const u = await getCurrentUser();
  if (!u || u.role !== "secadmin" || u.mustChangePassword || u.mustEnrolTotp) throw new Error("forbidden");
  const h = await headers();
  return { u, ip: clientIpFrom((n) => h.get(n)) };
}

export interface SecFormState {
  ok: boolean;
  message?: string;
  errors: Record<string, string>;
  /** A new API token, shown once. */
  token?: string;
}

function lines(v: FormDataEntryValue | null): string[] {
  return String(v ?? "")
    .split(/[\s,，]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** secadmin: change the security policy; the audit entry carries every changed field before/after. */
export async function saveSecuritySettings(_prev: SecFormState, formData: FormData): Promise<SecFormState> {
  const { u, ip } = await secadmin();
  const raw = {
    ...Object.fromEntries(["lockoutThreshold", "lockoutMinutes", "passwordMaxAgeDays", "idleMinutes", "absoluteHours", "auditRetentionDays", "ipMaxFailures", "ipWindowMinutes"].map((k) => [k, formData.get(k)])),
    adminIpAllowList: lines(formData.get("adminIpAllowList")),
    totpRoles: formData.getAll("totpRoles").map(String),
  };
  const parsed = SecuritySettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
    return { ok: false, errors };
  }
  const next = parsed.data;
  // The administrators always need a second factor; other roles may be added.
  for (const r of ["sysadmin", "secadmin", "auditor"] as const) if (!next.totpRoles.includes(r)) next.totpRoles.push(r);
  if (next.adminIpAllowList.length > 0 && !ipAllowed(ip, next.adminIpAllowList)) {
    return { ok: false, errors: { adminIpAllowList: "白名单须包含您当前的地址，否则您将无法再登录" } };
  }
  const db = await getDb();
  await db.transaction(async (tx) => {
    const before = await getSecuritySettings(tx as never);
    const changed: Record<string, { before: unknown; after: unknown }> = {};
    for (const k of Object.keys(next) as (keyof typeof next)[]) {
      if (JSON.stringify(before[k]) !== JSON.stringify(next[k])) changed[k] = { before: before[k], after: next[k] };
    }
    await tx
      .insert(settings)
      .values({ key: SECURITY_SETTINGS_KEY, value: JSON.stringify(next), updatedBy: u.id })
      .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(next), updatedBy: u.id, updatedAt: new Date() } });
    await writeAudit(tx, { userId: u.id, username: u.username, role: u.role, ip, action: "security.settings_update", objectType: "settings", objectId: SECURITY_SETTINGS_KEY, summary: { changed } });
  });
  revalidatePath("/admin");
  return { ok: true, message: "安全策略已保存", errors: {} };
}

const Grant = z.object({ userId: z.coerce.number().int().positive(), grant: z.enum(["true", "false"]) });

/** secadmin: give or take `pii_reveal` from a business account (never an administrator). */
export async function setPiiGrant(formData: FormData): Promise<void> {
  const { u, ip } = await secadmin();
  const parsed = Grant.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return;
  const { userId, grant } = parsed.data;
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id, username: users.username }).from(users).where(and(eq(users.id, userId), inArray(users.role, [...BUSINESS_ROLES])));
    if (!target) return;
    if (grant === "true") {
      const ins = await tx.insert(permissionGrants).values({ userId, permission: "pii_reveal", grantedBy: u.id }).onConflictDoNothing().returning({ userId: permissionGrants.userId });
      if (!ins.length) return;
    } else {
      const del = await tx.delete(permissionGrants).where(and(eq(permissionGrants.userId, userId), eq(permissionGrants.permission, "pii_reveal"))).returning({ userId: permissionGrants.userId });
      if (!del.length) return;
    }
    await writeAudit(tx, { userId: u.id, username: u.username, role: u.role, ip, action: grant === "true" ? "security.grant" : "security.revoke", objectType: "user", objectId: userId, summary: { username: target.username, permission: "pii_reveal", before: grant !== "true", after: grant === "true" } });
  });
  revalidatePath("/admin");
}

const TokenForm = z.object({
  name: z.string().trim().min(1, "请输入令牌名称").max(60, "名称过长"),
  scopeCode: z.string().trim().refine(isRegionCode, "请输入有效的区域代码"),
  permissions: z.array(z.enum(TOKEN_PERMISSIONS as [string, ...string[]])).min(1, "请至少选择一项权限"),
  expiresAt: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, "到期日格式为 YYYY-MM-DD")
    .refine((v) => !v || new Date(`${v}T23:59:59+08:00`).getTime() > Date.now(), "到期日须晚于今天"),
});

/** secadmin: create an integration token for a region scope and permissions; shown once, stored hashed. */
export async function createApiToken(_prev: SecFormState, formData: FormData): Promise<SecFormState> {
  const { u, ip } = await secadmin();
  const parsed = TokenForm.safeParse({ name: formData.get("name") ?? "", scopeCode: formData.get("scopeCode") ?? "", permissions: formData.getAll("permissions").map(String), expiresAt: formData.get("expiresAt") ?? "" });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
    return { ok: false, errors };
  }
  const d = parsed.data;
  const db = await getDb();
  const [region] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, d.scopeCode));
  if (!region) return { ok: false, errors: { scopeCode: "区域不存在" } };
  const t = newApiToken();
  const expiresAt = d.expiresAt ? new Date(`${d.expiresAt}T23:59:59+08:00`) : null;
  await db.transaction(async (tx) => {
    const [row] = await tx.insert(apiTokens).values({ name: d.name, prefix: t.prefix, tokenHash: t.hash, scopeCode: d.scopeCode, permissions: d.permissions, createdBy: u.id, expiresAt }).returning({ id: apiTokens.id });
    await writeAudit(tx, { userId: u.id, username: u.username, role: u.role, ip, action: "api_token.create", objectType: "api_token", objectId: row!.id, summary: { name: d.name, prefix: t.prefix, scope: d.scopeCode, permissions: d.permissions, expiresAt: d.expiresAt || null } });
  });
  revalidatePath("/admin");
  return { ok: true, message: `令牌「${d.name}」已创建`, token: t.token, errors: {} };
}

/** secadmin: revoke a token; its next use answers 401. */
export async function revokeApiToken(formData: FormData): Promise<void> {
  const { u, ip } = await secadmin();
  const id = z.coerce.number().int().positive().safeParse(formData.get("tokenId"));
  if (!id.success) return;
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [t] = await tx.update(apiTokens).set({ revokedAt: new Date(), revokedBy: u.id }).where(and(eq(apiTokens.id, id.data), isNull(apiTokens.revokedAt))).returning({ name: apiTokens.name, prefix: apiTokens.prefix });
    if (!t) return;
    await writeAudit(tx, { userId: u.id, username: u.username, role: u.role, ip, action: "api_token.revoke", objectType: "api_token", objectId: id.data, summary: { name: t.name, prefix: t.prefix } });
  });
  revalidatePath("/admin");
}
