// The portal as the e2e suite sees it: its own PGlite directory seeded fresh with the `test`
// profile, its own build folder and port, so it never collides with `npm start` on this machine.
import { bin, buildIfStale, run } from "./lib.mjs";

export const E2E_ENV = {
  PGLITE_DIR: process.env.E2E_PGLITE_DIR || ".data/e2e-pglite",
  NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-0001",
  NEXTAUTH_URL: `http://127.0.0.1:${process.env.E2E_PORT || "3100"}`,
  PII_KEY: "e2".repeat(32),
  AS_OF: "2026-11-30",
  NEXT_TELEMETRY_DISABLED: "1",
};

const port = process.env.E2E_PORT || "3100";
const seeded = await run(bin("tsx"), ["scripts/seed.ts", "--profile", "test", "--seed", "4242", "--as-of", E2E_ENV.AS_OF, "--reset"], { env: E2E_ENV });
if (seeded !== 0) process.exit(seeded);
const distDir = process.env.E2E_DIST_DIR || ".next-e2e";
const built = await buildIfStale(distDir, E2E_ENV);
if (built !== 0) process.exit(built);
// As deployed behind one reverse proxy (TRUST_PROXY_HOPS=1): the specs present different client
// addresses through X-Forwarded-For, the way a proxy would, to test per-address limits.
process.exit(await run(process.execPath, ["scripts/serve.mjs", "-p", port, "-H", "127.0.0.1"], { env: { ...E2E_ENV, TRUST_PROXY_HOPS: "1", NEXT_DIST_DIR: distDir, NODE_ENV: "production" } }));
