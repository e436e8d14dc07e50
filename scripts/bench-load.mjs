// `npm run bench:load -- --nodes 1,2 [--seconds 60] [--sessions 50]`: load through the cluster's
// balancer (npm run cluster:up first, with at least as many nodes as the largest count asked for).
// For each node count, the other nodes are put in maintenance through HAProxy's runtime API, then
// autocannon drives 50 signed-in sessions (one connection each, its own session cookie) over a mix
// of the cockpit, a district and a street page, the task list, the metrics API and, now and then,
// an hour verification (POST). Prints req/s, p50/p95/p99 latency, errors and non-2xx per node
// count, and the ratio to the first. Loopback only; bounded in time.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import autocannon from "autocannon";
import { BALANCER_PORT, clusterDir, nodeEntries, primaryServer, psql } from "./cluster/common.mjs";

const args = process.argv.slice(2);
const opt = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const counts = opt("--nodes", "1,2").split(",").map(Number);
const seconds = Number(opt("--seconds", "60"));
const sessions = Number(opt("--sessions", "50"));
const base = `http://127.0.0.1:${BALANCER_PORT}`;
const PASSWORD = process.env.DEMO_PASSWORD || "Cockpit#2026";

const nodes = nodeEntries();
if (nodes.length < Math.max(...counts)) {
  console.error(`需要至少 ${Math.max(...counts)} 个节点：先运行 npm run cluster:up -- --nodes ${Math.max(...counts)}`);
  process.exit(1);
}

function haproxy(cmd) {
  return new Promise((resolve, reject) => {
    const c = net.connect(path.join(clusterDir, "haproxy.sock"));
    let out = "";
    c.on("connect", () => c.write(`${cmd}\n`));
    c.on("data", (d) => (out += d));
    c.on("error", reject);
    c.on("end", () => resolve(out.trim()));
  });
}

async function login(username) {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = await csrfRes.json();
  const cookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, username, password: PASSWORD, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`login ${username} failed: ${res.status}`);
  return `${cookie}; ${session}`;
}

// Readers over the city, a district and two streets, each on pages of its own scope; one session in
// ten is wmb_admin, who also verifies pending hours now and then.
const LAIXI = ["/cockpit", "/regions/370285", "/regions/370285001", "/tasks", "/api/v1/regions/370285/metrics"];
const mix = {
  city_leader: ["/cockpit", "/regions/370285", "/regions/370285001", "/tasks", "/api/v1/regions/3702/metrics"],
  laixi_leader: LAIXI,
  laixi_wmb: LAIXI,
  shuiji_street: ["/cockpit", "/regions/370285001", "/tasks", "/api/v1/regions/370285001/metrics"],
  wangcheng_street: ["/cockpit", "/regions/370285002", "/tasks", "/api/v1/regions/370285002/metrics"],
  wmb_admin: LAIXI,
};
const readers = ["city_leader", "laixi_leader", "laixi_wmb", "shuiji_street", "wangcheng_street"];
const cookies = [];
for (let i = 0; i < sessions; i++) {
  const user = i % 10 === 0 ? "wmb_admin" : readers[i % readers.length];
  cookies.push({ cookie: await login(user), writer: user === "wmb_admin", pages: mix[user] });
}
const server = primaryServer();
const pending = (psql(server, "SELECT id FROM service_records WHERE status = 'pending' ORDER BY id DESC LIMIT 5000") ?? "").split("\n").filter(Boolean).map(Number);

async function runOnce(n) {
  for (const e of nodes) await haproxy(`set server nodes/${e.name} state ${e.i <= n ? "ready" : "maint"}`);
  await new Promise((r) => setTimeout(r, 1500));
  let next = 0;
  let writes = 0;
  const times = [];
  const statuses = {};
  const result = await new Promise((resolve, reject) => {
    const inst = autocannon({
    url: base,
    connections: sessions,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        // autocannon resets a connection's context after each pass over `requests`, so the session
        // and the step in its mix come from one counter: request k uses session k mod 50.
        setupRequest: (req) => {
          const k = next++;
          const me = cookies[k % cookies.length];
          const step = Math.floor(k / cookies.length);
          const headers = { ...req.headers, cookie: me.cookie };
          if (me.writer && step % 5 === 0 && pending.length) {
            writes++;
            return { ...req, method: "POST", path: `/api/v1/service-records/${pending.pop()}/verify`, headers: { ...headers, "content-type": "application/json", origin: base }, body: "{}" };
          }
          return { ...req, method: "GET", path: me.pages[step % me.pages.length], headers, body: undefined };
        },
      },
    ],
    }, (err, res) => (err ? reject(err) : resolve(res)));
    inst.on("response", (_client, status, _bytes, ms) => {
      times.push(ms);
      if (status >= 300) statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
  times.sort((a, b) => a - b);
  const pct = (q) => (times.length ? Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]) : NaN);
  if (Object.keys(statuses).length) console.log(`[bench:load] non-2xx by status: ${JSON.stringify(statuses)}`);
  return { n, result, writes, p: { p50: pct(0.5), p95: pct(0.95), p99: pct(0.99) } };
}

const out = [];
try {
  for (const n of counts) {
    console.log(`[bench:load] ${n} node(s), ${sessions} sessions, ${seconds} s …`);
    out.push(await runOnce(n));
  }
} finally {
  for (const e of nodes) await haproxy(`set server nodes/${e.name} state ready`).catch(() => undefined);
}

const first = out[0].result.requests.average;
const lines = [
  "| nodes | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | writes | ratio |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ...out.map(({ n, result: r, writes, p }) =>
    `| ${n} | ${r.requests.average.toFixed(1)} | ${p.p50} | ${p.p95} | ${p.p99} | ${r.errors + r.timeouts} | ${r.non2xx} | ${writes} | ${(r.requests.average / first).toFixed(2)}× |`),
];
console.log(lines.join("\n"));
fs.mkdirSync(clusterDir, { recursive: true });
fs.writeFileSync(path.join(clusterDir, "bench-load.md"), `${new Date().toISOString()}\n${lines.join("\n")}\n`);
