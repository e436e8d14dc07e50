import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * Seeds the `test` profile once per run into a fresh database: a PGlite directory under .data/, or
 * the PostgreSQL database named by DATABASE_URL (the CI's second run). Runs the real seed CLI in a
 * child process so this process never holds the embedded database open.
 */
export const TEST_AS_OF = "2026-11-30";
export const TEST_SEED = "4242";

export default function setup() {
  const root = path.resolve(__dirname, "../..");
  if (!process.env.DATABASE_URL) {
    process.env.PGLITE_DIR = process.env.TEST_PGLITE_DIR ?? path.join(root, ".data", "test-pglite");
    fs.rmSync(process.env.PGLITE_DIR, { recursive: true, force: true });
  }
  process.env.PII_KEY ??= "a1".repeat(32);
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789";
  process.env.AS_OF = TEST_AS_OF;
  const r = spawnSync(
    path.join(root, "node_modules/.bin/tsx"),
    ["scripts/seed.ts", "--profile", "test", "--seed", TEST_SEED, "--as-of", TEST_AS_OF, "--reset"],
    { cwd: root, stdio: "inherit", env: process.env },
  );
  if (r.status !== 0) throw new Error("seeding the test database failed");
}
