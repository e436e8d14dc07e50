// Two app nodes behind HAProxy with a hot standby (npm run cluster:up -- --nodes 2, run by
// scripts/ci-cluster.mjs, which also brings the cluster down). Node A = 127.0.0.1:3201,
// node B = 127.0.0.1:3202, the balancer 127.0.0.1:3200. Requests sent straight to a node carry the
// X-Forwarded-For header the balancer would set (the nodes trust exactly one hop).
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { test } from "node:test";
import sharp from "sharp";

const A = "http://127.0.0.1:3201";
const B = "http://127.0.0.1:3202";
const LB = "http://127.0.0.1:3200";
const PASSWORD = process.env.DEMO_PASSWORD || "Cockpit#2026";
const DB = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/civic_cluster";
const ipOf = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const psql = (q) => execFileSync("psql", [DB, "-XAtqc", q], { encoding: "utf8" }).trim();

async function login(node, username, ip = ipOf(), password = PASSWORD) {
  const h = { "x-forwarded-for": ip };
  const c = await fetch(`${node}/api/auth/csrf`, { headers: h });
  const { csrfToken } = await c.json();
  const cookie = c.headers.getSetCookie().map((x) => x.split(";")[0]).join("; ");
  const r = await fetch(`${node}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...h, "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  const session = r.headers.getSetCookie().map((x) => x.split(";")[0]).find((x) => x.includes("session-token"));
  return { cookie: session ? `${cookie}; ${session}` : null, csrfToken, ip };
}
const get = (node, path, s) => fetch(`${node}${path}`, { headers: { cookie: s.cookie, "x-forwarded-for": s.ip } });

test("a login on node A is a session on node B", async () => {
  const s = await login(A, "laixi_wmb");
  assert.ok(s.cookie, "login on A gave a session cookie");
  const r = await get(B, "/api/v1/tasks?pageSize=1", s);
  assert.equal(r.status, 200);
});

test("a logout on node A ends the session on node B", async () => {
  const s = await login(A, "laixi_leader");
  assert.equal((await get(B, "/api/v1/regions/370285/metrics", s)).status, 200);
  const out = await fetch(`${A}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: s.cookie, "x-forwarded-for": s.ip, "content-type": "application/x-www-form-urlencoded", origin: A },
    body: new URLSearchParams({ csrfToken: s.csrfToken, json: "true" }),
  });
  assert.ok(out.status < 400, `signout answered ${out.status}`);
  assert.equal((await get(B, "/api/v1/regions/370285/metrics", s)).status, 401);
});

test("the per-address login limit counts failures made on both nodes together", async () => {
  const ip = ipOf();
  for (let i = 0; i < 30; i++) {
    const s = await login(i % 2 ? A : B, `nobody_${i}`, ip, "wrong-password");
    assert.equal(s.cookie, null);
  }
  // 15 failures on each node: the right password from that address is now refused on either node.
  const s = await login(A, "shuiji_street", ip);
  assert.equal(s.cookie, null, "the 31st attempt from the address is refused although each node saw only 15");
  assert.ok((await login(A, "shuiji_street", ipOf())).cookie, "another address still signs in");
});

test("the public /join limit (5 a minute per address) counts submissions on both nodes together", async () => {
  const ip = ipOf();
  const post = (node) => fetch(`${node}/api/v1/join`, { method: "POST", headers: { "x-forwarded-for": ip, "content-type": "application/json", origin: node }, body: "{}" });
  const statuses = [];
  for (let i = 0; i < 6; i++) statuses.push((await post(i % 2 ? B : A)).status);
  assert.ok(statuses.slice(0, 5).every((s) => s !== 429), `first five answered ${statuses}`);
  assert.equal(statuses[5], 429, "the sixth submission is refused although each node saw only three");
  assert.notEqual((await fetch(`${A}/api/v1/join`, { method: "POST", headers: { "x-forwarded-for": ipOf(), "content-type": "application/json", origin: A }, body: "{}" })).status, 429, "another address is not limited");
});

test("a photo uploaded through node A is served by node B", async () => {
  const s = await login(A, "laixi_wmb");
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } }).jpeg().toBuffer();
  const form = new FormData();
  form.set("phase", "before");
  form.set("file", new Blob([jpeg], { type: "image/jpeg" }), "p.jpg");
  const up = await fetch(`${A}/api/v1/task-photos`, { method: "POST", headers: { cookie: s.cookie, "x-forwarded-for": s.ip, origin: A }, body: form });
  assert.equal(up.status, 201, await up.clone().text());
  const { url } = await up.json();
  const r = await get(B, url, s);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get("content-type"), "image/jpeg");
  const meta = await sharp(Buffer.from(await r.arrayBuffer())).metadata();
  assert.deepEqual([meta.width, meta.height], [64, 48]);
});

test("a write on A is seen by its writer at once and by another user within the lag bound", async () => {
  const id = psql("SELECT id FROM service_records WHERE status = 'pending' AND community_code LIKE '370285%' ORDER BY service_date DESC, id DESC LIMIT 1");
  assert.ok(id, "a pending service record in 莱西市");
  const writer = await login(A, "laixi_wmb");
  const other = await login(B, "laixi_leader");
  const figures = async (node, s) => {
    const r = await get(node, "/api/v1/regions/370285/metrics", s);
    assert.equal(r.status, 200);
    const j = await r.json();
    return JSON.stringify([j.verifiedHours, j.verifiedHoursCampaign, j.pointsIssued]);
  };
  const before = await figures(B, other);
  const v = await fetch(`${A}/api/v1/service-records/${id}/verify`, { method: "POST", headers: { cookie: writer.cookie, "x-forwarded-for": writer.ip, origin: A, "content-type": "application/json" }, body: "{}" });
  assert.equal(v.status, 200, await v.clone().text());
  assert.notEqual(await figures(B, writer), before, "the writer sees the verification at once on the other node");
  const end = Date.now() + 5000 + 1000;
  let seen = false;
  while (!seen && Date.now() < end) {
    seen = (await figures(B, other)) !== before;
    if (!seen) await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(seen, "another user sees it within the 5 s lag bound");
});

test("killing node A leaves the portal answering", async () => {
  const pid = Number(execFileSync("cat", [".data/cluster/node-1.pid"], { encoding: "utf8" }));
  process.kill(pid, "SIGKILL");
  const s = await login(LB, "laixi_leader");
  assert.ok(s.cookie, "login through the balancer after node A died");
  let bad = 0;
  for (let i = 0; i < 20; i++) if ((await fetch(`${LB}/api/health`)).status !== 200) bad++;
  assert.equal(bad, 0, "no failed health answers through the balancer");
  const r = await fetch(`${LB}/api/v1/regions/370285/metrics`, { headers: { cookie: s.cookie } });
  assert.equal(r.status, 200);
});

test("stopping the standby sends reads back to the primary", async () => {
  const s = await login(LB, "laixi_leader");
  const r = spawnSync("runuser", ["-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_ctl", "-D", ".data/standby", "-m", "immediate", "-w", "stop"], { cwd: process.cwd(), encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const t0 = Date.now();
  const res = await fetch(`${LB}/api/v1/regions/370285/metrics`, { headers: { cookie: s.cookie } });
  assert.equal(res.status, 200, "figures still answer, from the primary");
  assert.ok(Date.now() - t0 < 5000, "without waiting for the dead standby");
});
