import crypto from "node:crypto";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { apiTokens, regions } from "@/db/schema";
import type { Db } from "@/db/client";
import { AREAS, type Area } from "@/lib/auth/rules";
import type { CurrentUser } from "@/lib/auth/session-check";

/** API tokens: `cct_` + 32 random bytes (base64url). Only the SHA-256 is stored. */
export const TOKEN_PREFIX = "cct_";

/** Areas an integration token may be granted (never `admin`). */
export const TOKEN_AREAS = AREAS.filter((a) => a !== "admin");
export const TOKEN_PERMISSIONS = TOKEN_AREAS.flatMap((a) => [`${a}:read`, `${a}:write`]);

export function newApiToken(): { token: string; prefix: string; hash: string } {
  const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  return { token, prefix: token.slice(0, 12), hash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** `Authorization: Bearer <token>` → the token, or null when the header is absent or not a bearer. */
export function bearerFrom(req: Request): string | null {
  const h = req.headers.get("authorization");
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : "";
}

/**
 * Earlier names of an area, still honoured in stored token permissions: the 活动与工时 area was
 * `activities` before it took its route's name, and tokens issued then say `activities:read|write`.
 */
const FORMER_AREA_NAMES: Partial<Record<Area, string>> = { "service-hours": "activities" };

export function tokenAllows(permissions: readonly string[], area: Area, write: boolean): boolean {
  return [area, FORMER_AREA_NAMES[area]].some((a) => a !== undefined && (permissions.includes(`${a}:write`) || (!write && permissions.includes(`${a}:read`))));
}

/**
 * The principal behind a live token (not revoked, not expired), as a CurrentUser limited to the
 * token's region scope. It acts under the id of the secadmin who issued it (foreign keys need a
 * user) but with the name `api:<token name>` and a business role: `wmb_staff` if it may write
 * anything, else the read-only `leader`. Which areas it may use is decided by its permissions.
 */
export async function tokenPrincipal(db: Db, token: string): Promise<{ user: CurrentUser; tokenId: number } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db
    .select({ t: apiTokens, scopeName: regions.name, scopeLevel: regions.level })
    .from(apiTokens)
    .innerJoin(regions, eq(regions.code, apiTokens.scopeCode))
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`))))
    .limit(1);
  if (!row?.t.createdBy) return null;
  const writes = row.t.permissions.some((p) => p.endsWith(":write"));
  return {
    tokenId: row.t.id,
    user: {
      id: row.t.createdBy,
      username: `api:${row.t.name}`,
      displayName: `接口令牌 ${row.t.name}`,
      role: writes ? "wmb_staff" : "leader",
      scopeCode: row.t.scopeCode,
      scopeName: row.scopeName,
      scopeLevel: row.scopeLevel,
      organizationId: null,
      permissions: [],
      mustChangePassword: false,
      apiToken: { id: row.t.id, permissions: row.t.permissions },
    },
  };
}
