// Shared helpers for the start/test scripts (plain Node, no dependencies).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** Runs a command, streaming its output; resolves with the exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...opts.env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Secrets for a local/demo install: taken from the environment when set, otherwise generated once
 * per checkout into .data/local-secrets.json (never committed). Production sets them explicitly.
 */
export function localSecrets() {
  const file = path.join(root, ".data", "local-secrets.json");
  let saved = {};
  try {
    saved = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    /* first run */
  }
  const s = {
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || saved.NEXTAUTH_SECRET || crypto.randomBytes(32).toString("base64url"),
    PII_KEY: process.env.PII_KEY || saved.PII_KEY || crypto.randomBytes(32).toString("hex"),
  };
  if (!saved.NEXTAUTH_SECRET || !saved.PII_KEY) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ ...saved, ...s }, null, 2), { mode: 0o600 });
  }
  return s;
}

/** Newest modification time under the source folders: decides whether the build is stale. */
export function sourceStamp() {
  const dirs = ["app", "components", "lib", "db", "public", "proxy.ts", "next.config.js", "tailwind.config.ts", "package-lock.json"];
  let newest = 0;
  const walk = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      if (p.endsWith("node_modules")) return;
      for (const f of fs.readdirSync(p)) walk(path.join(p, f));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const d of dirs) walk(path.join(root, d));
  return String(Math.floor(newest));
}

/** Builds into distDir unless a build of the same sources is already there. */
export async function buildIfStale(distDir, env = {}) {
  const stampFile = path.join(root, distDir, "cockpit-source-stamp");
  const stamp = sourceStamp();
  const built = fs.existsSync(path.join(root, distDir, "BUILD_ID")) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp;
  if (built && !process.argv.includes("--rebuild")) return 0;
  console.log(`[build] next build → ${distDir}`);
  const code = await run(bin("next"), ["build"], { env: { NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  if (code === 0) fs.writeFileSync(stampFile, stamp);
  return code;
}
