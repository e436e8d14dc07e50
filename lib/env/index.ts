import path from "node:path";
import { z } from "zod";

/**
 * Process environment, validated by one schema. A malformed value stops the process with a message
 * naming the variable — never a half-started server: `npm start` runs the seed CLI first, which
 * parses the whole schema before anything is opened. Every variable the app, the seed and the
 * scripts read is here and in the README's Environment table; code reads `env().X`, not
 * `process.env.X`.
 *
 * Parsed on first use and kept; parsed again only when one of these variables has changed since
 * (tests point photo and report directories elsewhere at run time).
 */

/** Unset and "" (or blanks) mean the same: the default. */
const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const positiveInt = (name: string, fallback: number, max = 1_000_000) =>
  z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .regex(/^\d+$/, `${name} 必须是正整数 (a positive whole number)`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= max, `${name} 必须在 1 到 ${max} 之间`)
      .optional()
      .transform((n) => n ?? fallback),
  );

/** "1" on, "0" or unset off. */
const flag = (name: string) =>
  z.preprocess(
    blankIsUnset,
    z
      .enum(["0", "1"], { message: `${name} 只能是 1（开启）或 0（关闭）` })
      .optional()
      .transform((v) => v === "1"),
  );

const optionalPath = z.preprocess(blankIsUnset, z.string().trim().optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),

  // database
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
      message: "DATABASE_URL 必须是 postgres:// 或 postgresql:// 开头的连接地址 (must be a postgres:// URL)",
    })
    .refine(
      (v) => {
        if (v === undefined) return true;
        try {
          new URL(v);
          return true;
        } catch {
          return false;
        }
      },
      { message: "DATABASE_URL 不是合法的 URL (not a valid URL)" },
    ),
  PGLITE_DIR: z.string().trim().min(1).default(".data/pglite"),
  PG_POOL_MAX: positiveInt("PG_POOL_MAX", 10, 1000),
  /** A streaming-replication standby of DATABASE_URL for dashboards, lists and reports (docs/deploy.md). */
  DATABASE_READ_URL: z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\/[^\s]+$/, "DATABASE_READ_URL 必须是 postgres:// 或 postgresql:// 开头的连接地址 (must be a postgres:// URL)")
      .optional(),
  ),
  /** Reads go to the standby only while it is at most this far behind the primary. */
  READ_MAX_LAG_SECONDS: positiveInt("READ_MAX_LAG_SECONDS", 5, 3600),
  /** Where task photos and import reports are kept: the local disk (one node) or PostgreSQL (several nodes). */
  FILE_STORE: z.preprocess(blankIsUnset, z.enum(["disk", "postgres"], { message: "FILE_STORE 只能是 disk 或 postgres" }).default("disk")),

  // secrets and sign-in
  PII_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "PII_KEY 必须是 64 位十六进制 (32 字节 AES-256 密钥)")
    .optional(),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET 至少 16 个字符").optional(),
  NEXTAUTH_URL: z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, "NEXTAUTH_URL 必须是 http:// 或 https:// 开头的门户地址 (the portal's public URL)")
      .optional(),
  ),
  ALLOW_DEV_KEYS: flag("ALLOW_DEV_KEYS"),
  DEMO_PASSWORD: z.string().min(8, "DEMO_PASSWORD 至少 8 个字符").default("Cockpit#2026"),
  /** Reverse proxies in front of the app: 0 (default) = none, the TCP peer is the client (lib/security/ip.ts). */
  TRUST_PROXY_HOPS: z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .regex(/^\d+$/, "TRUST_PROXY_HOPS 必须是 0 到 10 的整数 (a whole number of proxies)")
      .transform(Number)
      .refine((n) => n <= 10, "TRUST_PROXY_HOPS 必须在 0 到 10 之间")
      .optional()
      .transform((v) => v ?? 0),
  ),

  // the portal
  PORT: positiveInt("PORT", 3000, 65535),
  AS_OF: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "AS_OF 必须是 YYYY-MM-DD 日期")
    .optional(),
  METRICS_CACHE: z.preprocess(blankIsUnset, z.enum(["on", "off"], { message: "METRICS_CACHE 只能是 on 或 off" }).default("on")),
  /** Cockpit figures may be served at most this old (0 = no cache); docs/metrics.md. */
  METRICS_CACHE_TTL_SECONDS: z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .regex(/^\d+$/, "METRICS_CACHE_TTL_SECONDS 必须是 0 到 300 的整数秒 (whole seconds)")
      .transform(Number)
      .refine((n) => n <= 300, "METRICS_CACHE_TTL_SECONDS 最多 300 秒（驾驶舱数据最多滞后 5 分钟）")
      .optional()
      .transform((n) => n ?? 30),
  ),
  /** How often the app folds rollup deltas into the level rows; docs/metrics.md. */
  ROLLUP_FOLD_INTERVAL_SECONDS: positiveInt("ROLLUP_FOLD_INTERVAL_SECONDS", 5, 3600),
  TASK_PHOTO_DIR: optionalPath,
  TASK_PHOTO_KEEP_EXIF: flag("TASK_PHOTO_KEEP_EXIF"),
  IMPORT_REPORT_DIR: optionalPath,
  PHONE_CODE_LOG: flag("PHONE_CODE_LOG"),

  // SMS (one-time codes): lib/sms, docs/volunteer-side.md
  SMS_PROVIDER: z.preprocess(blankIsUnset, z.enum(["outbox", "http"], { message: "SMS_PROVIDER 只能是 outbox 或 http" }).default("outbox")),
  SMS_OUTBOX_PATH: z.preprocess(blankIsUnset, z.string().trim().default(".data/sms-outbox.jsonl")),
  SMS_HTTP_URL: z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .regex(/^https:\/\/[^\s/]+(\/[^\s]*)?$/, "SMS_HTTP_URL 必须是 https:// 开头的短信网关地址 (the gateway's https URL)")
      .optional(),
  ),
  SMS_HTTP_TOKEN: z.preprocess(blankIsUnset, z.string().trim().optional()),
  SMS_SIGN_NAME: z.preprocess(blankIsUnset, z.string().trim().default("青岛志愿")),

  /** Expensive reads (city figures, exports) per account: in flight at once, and started per minute. */
  READ_LIMIT_CONCURRENT: positiveInt("READ_LIMIT_CONCURRENT", 4, 1000),
  READ_LIMIT_PER_MINUTE: positiveInt("READ_LIMIT_PER_MINUTE", 240, 100_000),

  // public forms: requests per client address
  DEMAND_RATE_PER_MINUTE: positiveInt("DEMAND_RATE_PER_MINUTE", 5),
  DEMAND_RATE_PER_DAY: positiveInt("DEMAND_RATE_PER_DAY", 30),
  JOIN_RATE_PER_MINUTE: positiveInt("JOIN_RATE_PER_MINUTE", 5),
  JOIN_RATE_PER_DAY: positiveInt("JOIN_RATE_PER_DAY", 30),
  ACTIVITIES_RATE_PER_MINUTE: positiveInt("ACTIVITIES_RATE_PER_MINUTE", 10),
  ACTIVITIES_RATE_PER_DAY: positiveInt("ACTIVITIES_RATE_PER_DAY", 100),

  // the seed
  SEED_CHECK_FK: flag("SEED_CHECK_FK"),
  SEED_VERIFY_FK: flag("SEED_VERIFY_FK"),
});

export type Env = z.infer<typeof schema>;

/** The variables of the schema, in README order. */
export const ENV_VARIABLES = Object.keys(schema.shape) as (keyof Env)[];

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "env"}: ${i.message}`);
    throw new EnvError(`环境变量配置错误 (invalid environment):\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: { raw: string; env: Env } | undefined;
export function env(): Env {
  const raw = JSON.stringify(ENV_VARIABLES.map((k) => process.env[k] ?? null));
  if (cached?.raw !== raw) cached = { raw, env: parseEnv() };
  return cached.env;
}

/** Absolute PGlite data directory. */
export function pgliteDir(e: Env = env()): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), e.PGLITE_DIR);
}

// Development-only defaults: a fixed, public key is fine for demo data and is refused in production.
const DEV_PII_KEY = "6c6f63616c2d6465762d6b65792d6e6f742d666f722d70726f64756374696f6e";
const DEV_AUTH_SECRET = "civic-cockpit-development-secret-change-me";

export function piiKey(e: Env = env()): Buffer {
  if (e.PII_KEY) return Buffer.from(e.PII_KEY, "hex");
  if (e.NODE_ENV === "production" && !e.ALLOW_DEV_KEYS) {
    throw new EnvError("生产环境必须设置 PII_KEY (64 位十六进制)");
  }
  return Buffer.from(DEV_PII_KEY, "hex");
}

export function authSecret(e: Env = env()): string {
  if (e.NEXTAUTH_SECRET) return e.NEXTAUTH_SECRET;
  if (e.NODE_ENV === "production" && !e.ALLOW_DEV_KEYS) {
    throw new EnvError("生产环境必须设置 NEXTAUTH_SECRET");
  }
  return DEV_AUTH_SECRET;
}

/** True when the portal is served over https (secure cookies, HSTS, CSP upgrade). */
export function servedOverHttps(e: Env = env()): boolean {
  return (e.NEXTAUTH_URL ?? "").startsWith("https://");
}
