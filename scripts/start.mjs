// `npm start`: migrate + seed the demo data (first run only) into the embedded PGlite directory
// (or DATABASE_URL), build if the sources changed, and serve the portal on PORT (default 3000).
// `npm run dev` does the same with `next dev`.
import { bin, buildIfStale, localSecrets, run } from "./lib.mjs";

const dev = process.argv.includes("--dev");
const port = process.env.PORT || "3000";
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`需要 Node.js 20.19 或更高版本，当前为 ${process.versions.node}`);
  process.exit(1);
}

const env = { ...localSecrets(), NEXT_TELEMETRY_DISABLED: "1" };
const profile = process.env.SEED_PROFILE || "demo";

const seeded = await run(bin("tsx"), ["scripts/seed.ts", "--profile", profile, "--if-empty"], { env });
if (seeded !== 0) process.exit(seeded);

if (dev) {
  process.exit(await run(bin("next"), ["dev", "-p", port], { env }));
}
const built = await buildIfStale(".next", env);
if (built !== 0) process.exit(built);
console.log(`[start] 创城驾驶舱 http://localhost:${port}  (demo accounts: see README)`);
// scripts/serve.mjs: `next start` plus the TCP peer as the client address (lib/security/ip.ts).
process.exit(await run(process.execPath, ["scripts/serve.mjs", "-p", port], { env: { ...env, NODE_ENV: "production" } }));
