// `npm run cluster:up -- --nodes N` (default 2): a hot standby of the primary PostgreSQL server
// (pg_basebackup + replication slot + primary_conninfo) on 127.0.0.1:5433, N production app nodes
// on 127.0.0.1:3201…, and HAProxy on 127.0.0.1:3200 with health checks on /api/health.
// Idempotent: what already runs is left alone. docs/deploy.md explains each step.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { bin, buildIfStale, localSecrets, run } from "../lib.mjs";
import {
  BALANCER_PORT, SLOT, STANDBY_PORT, alive, asPostgres, clusterDir, haproxyBin, httpOk, logFile, nodePort, pgBin,
  pidFile, primaryServer, primaryUrl, psql, readPid, root, standbyDir, standbyUrl, waitFor,
} from "./common.mjs";

const args = process.argv.slice(2);
const opt = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const nodes = Number(opt("--nodes", "2"));
if (!Number.isInteger(nodes) || nodes < 1 || nodes > 9) {
  console.error("--nodes 必须是 1 到 9 的整数");
  process.exit(2);
}
const noStandby = args.includes("--no-standby");
const fail = (msg) => {
  console.error(`[cluster] ${msg}`);
  process.exit(1);
};

fs.mkdirSync(clusterDir, { recursive: true });
const primary = primaryUrl();
const server = primaryServer(primary);
const admin = { ...server, db: "postgres" };
if (psql(admin, "select 1") !== "1") fail(`无法连接主库 ${server.host}:${server.port}（DATABASE_URL）`);
if (psql(admin, `select 1 from pg_database where datname = '${server.db.replace(/'/g, "''")}'`) !== "1") {
  console.log(`[cluster] creating database ${server.db}`);
  if (psql(admin, `create database "${server.db.replace(/"/g, '""')}"`) === null) fail(`无法创建数据库 ${server.db}`);
}

// 1. The balancer: HAProxy from Debian's packages, installed if missing (as the tests do for Chromium).
let haproxy = haproxyBin();
if (!haproxy) {
  console.log("[cluster] HAProxy missing: apt-get install -y haproxy");
  const r = spawnSync("sh", ["-c", "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy"], { stdio: "inherit" });
  haproxy = haproxyBin();
  if (r.status !== 0 || !haproxy) fail("无法安装 HAProxy：请以 root 运行 apt-get install -y haproxy");
}

// 2. Schema + demo data in the primary (first run only), before the standby copies it.
const secrets = localSecrets();
const baseEnv = { ...secrets, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: primary };
{
  const code = await run(bin("tsx"), ["scripts/seed.ts", "--profile", process.env.SEED_PROFILE || "demo", "--if-empty"], { env: baseEnv });
  if (code !== 0) fail("迁移/演示数据写入失败");
}

// 3. The hot standby.
function ensureReplicationAccess() {
  const ok = psql(admin, "select count(*) from pg_hba_file_rules where 'replication' = any(database) and (address is null or address in ('127.0.0.1','::1','0.0.0.0')) and auth_method in ('trust','md5','scram-sha-256','peer')");
  if (ok && Number(ok) > 0) return;
  const hba = psql(admin, "show hba_file");
  const line = `host replication ${server.user} 127.0.0.1/32 trust`;
  try {
    fs.appendFileSync(hba, `\n# added by civic-cockpit cluster:up (streaming replication to the local standby)\n${line}\n`);
    psql(admin, "select pg_reload_conf()");
    console.log(`[cluster] added "${line}" to ${hba} and reloaded the server`);
  } catch {
    fail(`主库不允许复制连接。请在 ${hba} 加入一行\n  ${line}\n然后执行 psql -c 'select pg_reload_conf()'，再运行 cluster:up`);
  }
}

function writeStandbyConfig() {
  // Debian keeps postgresql.conf outside the data directory: the copy gets its own, with the
  // settings a hot standby must have at least as high as the primary's.
  const need = ["max_connections", "max_worker_processes", "max_wal_senders", "max_prepared_transactions", "max_locks_per_transaction"];
  const vals = need.map((k) => `${k} = ${psql(admin, `show ${k}`) ?? ""}`).filter((l) => !l.endsWith("= "));
  const conf = [
    "# written by civic-cockpit cluster:up — a hot standby of the primary (see postgresql.auto.conf)",
    `port = ${STANDBY_PORT}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${clusterDir}'`,
    "hot_standby = on",
    "hot_standby_feedback = on",
    "max_standby_streaming_delay = 30s",
    "wal_receiver_status_interval = 1s",
    "shared_buffers = 128MB",
    "logging_collector = off",
    ...vals,
    "",
  ].join("\n");
  fs.writeFileSync(path.join(standbyDir, "postgresql.conf"), conf);
  fs.writeFileSync(path.join(standbyDir, "pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n");
  fs.writeFileSync(path.join(standbyDir, "pg_ident.conf"), "");
  spawnSync("chown", ["-R", "postgres:postgres", standbyDir]);
}

if (!noStandby) {
  ensureReplicationAccess();
  if (!fs.existsSync(path.join(standbyDir, "PG_VERSION"))) {
    fs.rmSync(standbyDir, { recursive: true, force: true });
    fs.mkdirSync(standbyDir, { recursive: true, mode: 0o700 });
    spawnSync("chown", ["postgres:postgres", standbyDir]);
    // A slot left from an earlier standby would be reused by nobody and hold WAL forever.
    const slot = psql(admin, `select active from pg_replication_slots where slot_name = '${SLOT}'`);
    if (slot === "t") fail(`复制槽 ${SLOT} 正被另一个备库使用`);
    if (slot === "f") psql(admin, `select pg_drop_replication_slot('${SLOT}')`);
    console.log(`[cluster] pg_basebackup of ${server.host}:${server.port} → .data/standby (the whole server, all databases; slot ${SLOT})`);
    const t0 = Date.now();
    const r = asPostgres(path.join(pgBin, "pg_basebackup"), [
      "-h", server.host, "-p", String(server.port), "-U", server.user, "-D", standbyDir,
      "-R", "-X", "stream", "-C", "-S", SLOT, "--checkpoint=fast", "-P",
    ], { stdio: "inherit" });
    if (r.status !== 0) fail("pg_basebackup 失败（见上方输出）");
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    const size = spawnSync("du", ["-sh", standbyDir], { encoding: "utf8" }).stdout.split("\t")[0];
    console.log(`[cluster] base backup done in ${secs} s (${size})`);
    fs.writeFileSync(path.join(clusterDir, "basebackup.txt"), `${new Date().toISOString()} ${secs}s ${size}\n`);
    writeStandbyConfig();
  }
  if (!alive(readPid("standby"))) {
    fs.rmSync(path.join(standbyDir, "postmaster.pid"), { force: true });
    fs.closeSync(fs.openSync(logFile("standby"), "a"));
    spawnSync("chown", ["postgres:postgres", logFile("standby"), clusterDir]);
    const r = asPostgres(path.join(pgBin, "pg_ctl"), ["-D", standbyDir, "-l", logFile("standby"), "-w", "-t", "120", "start"], { stdio: "inherit" });
    if (r.status !== 0) fail(`备库启动失败，见 ${logFile("standby")}`);
    const pid = fs.readFileSync(path.join(standbyDir, "postmaster.pid"), "utf8").split("\n")[0];
    fs.writeFileSync(pidFile("standby"), `${pid}\n`);
  }
  const standby = { host: "127.0.0.1", port: STANDBY_PORT, user: server.user, db: server.db };
  if (!(await waitFor(() => psql(standby, "select pg_is_in_recovery()") === "t", 60_000))) fail("备库未进入 hot standby 状态");
  console.log(`[cluster] standby streaming on 127.0.0.1:${STANDBY_PORT}`);
}

// 4. One production build, then N nodes of scripts/serve.mjs.
{
  const code = await buildIfStale(".next", baseEnv);
  if (code !== 0) fail("next build 失败");
}
const nodeEnv = {
  ...process.env,
  ...baseEnv,
  NODE_ENV: "production",
  // Exactly one proxy (HAProxy) in front: the client address is the right-most X-Forwarded-For entry.
  TRUST_PROXY_HOPS: "1",
  NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://127.0.0.1:${BALANCER_PORT}`,
  FILE_STORE: "postgres",
  ...(noStandby ? {} : { DATABASE_READ_URL: standbyUrl(primary) }),
};
const started = [];
for (let i = 1; i <= nodes; i++) {
  const name = `node-${i}`;
  if (alive(readPid(name))) continue;
  const out = fs.openSync(logFile(name), "a");
  const child = spawn(process.execPath, ["scripts/serve.mjs", "-p", String(nodePort(i)), "-H", "127.0.0.1"], {
    cwd: root, env: { ...nodeEnv, PORT: String(nodePort(i)), CLUSTER_NODE: name }, detached: true, stdio: ["ignore", out, out],
  });
  child.unref();
  fs.writeFileSync(pidFile(name), `${child.pid}\n`);
  started.push(i);
}
for (const i of started) {
  if (!(await waitFor(() => httpOk(`http://127.0.0.1:${nodePort(i)}/api/health`), 120_000))) fail(`node-${i} 未就绪，见 ${logFile(`node-${i}`)}`);
}

// 5. HAProxy: round robin, health checks every second, retries on a dead node.
const servers = [];
for (let i = 1; i <= 9; i++) if (fs.existsSync(pidFile(`node-${i}`))) servers.push(i);
const cfg = `# written by civic-cockpit cluster:up
global
  maxconn 4096
  pidfile ${pidFile("haproxy")}
  stats socket ${path.join(clusterDir, "haproxy.sock")} mode 600 level admin
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout http-keep-alive 10s
  # A saturated node answers its health check late, not never: only a refused connection or
  # 3 checks without an answer in 5 s take it out (a dead process: ~2 s; retries cover the gap).
  timeout check 5s
  retries 2
  option redispatch 1
  retry-on conn-failure empty-response response-timeout 503
  log stdout format raw local0 err
frontend portal
  bind 127.0.0.1:${BALANCER_PORT}
  # The nodes trust exactly one hop (TRUST_PROXY_HOPS=1): replace whatever the client sent.
  http-request set-header X-Forwarded-For %[src]
  http-request set-header X-Forwarded-Proto http
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk GET /api/health
  http-check expect status 200
  default-server inter 2s fastinter 1s downinter 1s fall 3 rise 2
${servers.map((i) => `  server node-${i} 127.0.0.1:${nodePort(i)} check`).join("\n")}
`;
const cfgFile = path.join(clusterDir, "haproxy.cfg");
const old = fs.existsSync(cfgFile) ? fs.readFileSync(cfgFile, "utf8") : "";
fs.writeFileSync(cfgFile, cfg);
const hpid = readPid("haproxy");
if (alive(hpid) && old !== cfg) {
  // New node list: a soft reload (the old process finishes its requests).
  const r = spawnSync(haproxy, ["-D", "-f", cfgFile, "-sf", String(hpid)], { stdio: "inherit" });
  if (r.status !== 0) fail("HAProxy 重新加载失败");
} else if (!alive(hpid)) {
  const r = spawnSync(haproxy, ["-c", "-q", "-f", cfgFile], { stdio: "inherit" });
  if (r.status !== 0) fail(`HAProxy 配置无效：${cfgFile}`);
  const s = spawnSync(haproxy, ["-D", "-f", cfgFile], { stdio: "inherit" });
  if (s.status !== 0) fail("HAProxy 启动失败");
}
if (!(await waitFor(() => httpOk(`http://127.0.0.1:${BALANCER_PORT}/api/health`), 30_000))) fail("负载均衡器未就绪");

console.log(`
[cluster] 门户 http://127.0.0.1:${BALANCER_PORT}  (HAProxy → ${servers.map((i) => `127.0.0.1:${nodePort(i)}`).join(", ")})
  primary   ${server.host}:${server.port}/${server.db}
  standby   ${noStandby ? "(none: --no-standby)" : `127.0.0.1:${STANDBY_PORT} (.data/standby, slot ${SLOT}) → DATABASE_READ_URL`}
  logs/pids ${path.relative(root, clusterDir)}/   status: npm run cluster:status   stop: npm run cluster:down`);
