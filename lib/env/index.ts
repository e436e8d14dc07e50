import path from "node:path";
import { z } from "zod";

/**
 * Process environment, validated once. A malformed value stops the process with a message naming
 * the variable — never a half-started server.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
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
  DEMO_PASSWORD: z.string().min(8, "DEMO_PASSWORD 至少 8 个字符").default("Cockpit#2026"),
  PII_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "PII_KEY 必须是 64 位十六进制 (32 字节 AES-256 密钥)")
    .optional(),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET 至少 16 个字符").optional(),
  METRICS_CACHE_TTL_SECONDS: z.coerce
    .number({ message: "METRICS_CACHE_TTL_SECONDS 必须是秒数 (seconds)" })
    .int("METRICS_CACHE_TTL_SECONDS 必须是整数秒")
    .min(0, "METRICS_CACHE_TTL_SECONDS 不能为负")
    .max(300, "METRICS_CACHE_TTL_SECONDS 最多 300 秒（驾驶舱数据最多滞后 5 分钟）")
    .default(30),
  ROLLUP_FOLD_INTERVAL_SECONDS: z.coerce
    .number({ message: "ROLLUP_FOLD_INTERVAL_SECONDS 必须是秒数 (seconds)" })
    .min(0.5, "ROLLUP_FOLD_INTERVAL_SECONDS 至少 0.5 秒")
    .max(3600, "ROLLUP_FOLD_INTERVAL_SECONDS 最多 3600 秒")
    .default(5),
  AS_OF: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "AS_OF 必须是 YYYY-MM-DD 日期")
    .optional(),
});

export type Env = z.infer<typeof schema>;

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

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
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
  if (e.NODE_ENV === "production" && !process.env.ALLOW_DEV_KEYS) {
    throw new EnvError("生产环境必须设置 PII_KEY (64 位十六进制)");
  }
  return Buffer.from(DEV_PII_KEY, "hex");
}

export function authSecret(e: Env = env()): string {
  if (e.NEXTAUTH_SECRET) return e.NEXTAUTH_SECRET;
  if (e.NODE_ENV === "production" && !process.env.ALLOW_DEV_KEYS) {
    throw new EnvError("生产环境必须设置 NEXTAUTH_SECRET");
  }
  return DEV_AUTH_SECRET;
}
