import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, serial, text, timestamp } from "drizzle-orm/pg-core";
import { userRole } from "./enums";
import { regions } from "./regions";
import { organizations } from "./organizations";

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    role: userRole("role").notNull(),
    /** Region the user may see and act on (a prefix of every code they can reach). */
    scopeCode: text("scope_code").notNull().references(() => regions.code),
    /** For org_admin: the organization they administer. */
    organizationId: integer("organization_id").references(() => organizations.id),
    passwordHash: text("password_hash").notNull(),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** Bumped on logout, password/role change or disable; a JWT carrying an older value is dead. */
    sessionVersion: integer("session_version").notNull().default(1),
    disabled: boolean("disabled").notNull().default(false),
    /** TOTP (RFC 6238) secret, encrypted like other secrets; enabled once the first code is confirmed. */
    totpSecret: text("totp_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    phone: text("phone"),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    /** Last request seen from this account (server-side idle timeout, refreshed at most once a minute). */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("users_scope_idx").on(t.scopeCode),
    check("users_failed_nonneg", sql`${t.failedLogins} >= 0`),
    check("users_org_admin_has_org", sql`${t.role} <> 'org_admin' OR ${t.organizationId} IS NOT NULL`),
  ],
);

/** Fine-grained grants on top of the role, e.g. `pii_reveal` (given by secadmin). */
export const permissionGrants = pgTable(
  "permission_grants",
  {
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    permission: text("permission").notNull(),
    grantedBy: integer("granted_by").references(() => users.id),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.permission] })],
);

/** Configurable numbers (points per hour, overdue thresholds, …) as key → JSON value. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer("updated_by"),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/** Single-use recovery codes for a user's second factor; only hashes are stored. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/**
 * API tokens for integrations (mini-program, national system): created by secadmin for a region
 * scope and a set of permissions, shown once, stored as a hash, revocable; every use is audited.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    /** The first characters of the token, shown in lists so staff can tell tokens apart. */
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    scopeCode: text("scope_code").notNull().references(() => regions.code),
    permissions: text("permissions").array().notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: integer("revoked_by").references(() => users.id),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
);

export type ApiToken = typeof apiTokens.$inferSelect;
