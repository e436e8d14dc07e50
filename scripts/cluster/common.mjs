// Shared pieces of `npm run cluster:up | cluster:down | cluster:status` (docs/deploy.md).
// Everything the cluster starts is recorded as a pid file under .data/cluster/, so `cluster:down`
// stops exactly those processes and nothing else.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { root } from "../lib.mjs";

export { root };
export const clusterDir = path.join(root, ".data", "cluster");
export const standbyDir = path.join(root, ".data", "standby");
export const pgBin = process.env.PG_BIN || "/usr/lib/postgresql/15/bin";
export const BALANCER_PORT = Number(process.env.CLUSTER_PORT || 3200);
export const STANDBY_PORT = Number(process.env.STANDBY_PORT || 5433);
export const SLOT = "civic_standby";
export const nodePort = (i) => BALANCER_PORT + i; // node 1 → 3201, node 2 → 3202, …

/** The primary: DATABASE_URL, default the local server's civic_cluster database. */
export function primaryUrl() {
  return process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/civic_cluster";
}

/** The same database on the standby (same server copy, other port). */
export function standbyUrl(primary = primaryUrl()) {
  const u = new URL(primary);
  u.hostname = "127.0.0.1";
  u.port = String(STANDBY_PORT);
  return u.toString();
}

/** Connection settings of the primary server (no database) for the PostgreSQL command-line tools. */
export function primaryServer(primary = primaryUrl()) {
  const u = new URL(primary);
  return { host: u.hostname || "127.0.0.1", port: u.port || "5432", user: decodeURIComponent(u.username || "postgres"), db: u.pathname.slice(1) || "postgres" };
}

export const pidFile = (name) => path.join(clusterDir, `${name}.pid`);
export const logFile = (name) => path.join(clusterDir, `${name}.log`);

export function readPid(name) {
  try {
    const n = Number(fs.readFileSync(pidFile(name), "utf8").trim().split("\n")[0]);
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

export function alive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The node pid files present: [{ i, name, pid }]. */
export function nodeEntries() {
  if (!fs.existsSync(clusterDir)) return [];
  return fs
    .readdirSync(clusterDir)
    .map((f) => /^node-(\d+)\.pid$/.exec(f))
    .filter(Boolean)
    .map((m) => ({ i: Number(m[1]), name: `node-${m[1]}`, pid: readPid(`node-${m[1]}`) }))
    .sort((a, b) => a.i - b.i);
}

/** Runs a PostgreSQL tool as the postgres OS user when we are root (the server refuses root). */
export function asPostgres(cmd, args, opts = {}) {
  const isRoot = process.getuid?.() === 0;
  const [c, a] = isRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
  return spawnSync(c, a, { cwd: "/", encoding: "utf8", ...opts });
}

/** One psql query against the given server, answer as trimmed text (null when it fails). */
export function psql(conn, query) {
  const r = spawnSync("psql", ["-h", conn.host, "-p", String(conn.port), "-U", conn.user, "-d", conn.db, "-XAtqc", query], { encoding: "utf8" });
  if (r.status !== 0) return null;
  return r.stdout.trim();
}

export async function httpOk(url, timeoutMs = 2000) {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return r.ok;
  } catch {
    return false;
  }
}

export async function waitFor(check, timeoutMs, stepMs = 500) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return false;
}

/** HAProxy's runtime API (`show stat`) over its admin socket: [{ server, status, checkStatus }]. */
export function haproxyServers(sock = path.join(clusterDir, "haproxy.sock")) {
  return new Promise((resolve) => {
    if (!fs.existsSync(sock)) return resolve(null);
    const c = net.connect(sock);
    let out = "";
    c.on("connect", () => c.write("show stat\n"));
    c.on("data", (d) => (out += d));
    c.on("error", () => resolve(null));
    c.on("end", () => {
      const lines = out.trim().split("\n");
      const head = lines[0].replace(/^# /, "").split(",");
      const col = (name) => head.indexOf(name);
      resolve(
        lines
          .slice(1)
          .map((l) => l.split(","))
          .filter((f) => f[col("pxname")] === "nodes" && !["BACKEND", "FRONTEND"].includes(f[col("svname")]))
          .map((f) => ({ server: f[col("svname")], status: f[col("status")], checkStatus: f[col("check_status")], sessions: Number(f[col("stot")]) })),
      );
    });
  });
}

export function haveCommand(cmd) {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export function haproxyBin() {
  for (const p of ["/usr/sbin/haproxy", "/usr/bin/haproxy"]) if (fs.existsSync(p)) return p;
  return haveCommand("haproxy") ? "haproxy" : null;
}
