/**
 * `npm run bench:city [-- --seconds 60] [--viewers 20] [--think-ms 2000] [--write-seconds 10] [--port 3300] [--no-server] [--no-raw]`
 *
 * The city profile on PostgreSQL (DATABASE_URL), in one run, one table at the end (docs/performance.md):
 *
 * 1. Seeds the city profile into DATABASE_URL only if the database is empty; otherwise reuses it
 *    (and applies pending migrations).
 * 2. Uncached rollup path (computeFigures: the region and all its children, no cache) for the city,
 *    莱西市 and 水集街道, against the naive raw aggregate (computeRaw for the region and each child).
 * 3. Write throughput at the database: the real lib write functions (registrations, hour
 *    verifications, task transitions, 点单) called in-process over a pg pool of 1, 8 and 32
 *    connections, as many workers as connections — writes/s and every error by kind.
 * 4. The production server (`next build` + `next start`): 20 logged-in officials load /cockpit,
 *    /regions/370285 and /regions/370285001 in turn for 60 s, each pausing `--think-ms` (mean 2 s;
 *    0 = back to back) between pages, while a writer performs 2 real writes/s through
 *    the API (registrations, hour verifications, task transitions, spread over the districts):
 *    p50/p95/p99 per page, views/s, errors; then registrations through the API with 1/8/32
 *    concurrent writers.
 *
 * Bounded loops, loopback only. Every write is a real, audited write: run it on a bench database.
 */
import { readFileSync } from "node:fs";
import { userByName } from "@/lib/auth/user-by-name";
import "./server-only-shim";
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { closeDb, type Db, getDb, rows } from "@/db/client";
import * as schema from "@/db/schema";
import { regions } from "@/db/schema";
import { hasData } from "@/db/seed";
import type { CurrentUser } from "@/lib/auth/session";
import { getCampaign } from "@/lib/campaign/queries";
import { postDemand } from "@/lib/dispatch/service";
import { today } from "@/lib/metrics/clock";
import { computeFigures } from "@/lib/metrics/compute";
import { computeRaw } from "@/lib/metrics/raw";
import { countPendingDeltas, foldRollups } from "@/lib/metrics/rollup";
import { reviewServiceRecord } from "@/lib/service-hours/review";
import { transitionTask } from "@/lib/tasks/service";
import { registerVolunteer } from "@/lib/volunteers/register";
import { validateRegistration } from "@/lib/volunteers/registration";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const SECONDS = Number(arg("seconds", "60"));
const VIEWERS = Number(arg("viewers", "20"));
const WRITE_SECONDS = Number(arg("write-seconds", "10"));
const PORT = arg("port", "3300");
/** Mean pause of an official between two pages (uniform 0.5×–1.5×); 0 = back to back (saturation). */
const THINK_MS = Number(arg("think-ms", "2000"));
const NO_SERVER = process.argv.includes("--no-server");
const NO_RAW = process.argv.includes("--no-raw");
const root = path.resolve(__dirname, "..");
const PASSWORD = process.env.DEMO_PASSWORD ?? "Cockpit#2026";
const CITY = "3702";
const DISTRICT = "370285";
const STREET = "370285001";

const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const median = (xs: number[]) => pct(xs, 50);
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

/**
 * Distinct, valid resident ID numbers (GB 11643 check digit), continuing from the bench's earlier
 * registrations (counted at start), with an area code the seed never uses (110101), so no run
 * collides with the seeded people or with an earlier run.
 */
const BENCH_NAME = "压测志愿者";
let idSeq = 0;
function nextIdCard(): string {
  const area = "110101";
  const n = idSeq++;
  const birth = new Date(Date.UTC(1950, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");
  const body = `${area}${birth}${String(n % 1000).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return body + "10X98765432"[sum % 11]!;
}

const table: string[][] = [];
const row = (...cells: (string | number)[]) => table.push(cells.map(String));

// ---------------------------------------------------------------------------------------------
// 1. Data

async function ensureData(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error("bench:city needs DATABASE_URL (PostgreSQL): the city profile is PostgreSQL-only");
  const db = await getDb();
  if (await hasData(db)) {
    console.log("[bench] 复用已有数据 (reusing the data in DATABASE_URL); applying pending migrations");
    await closeDb();
    const m = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/migrate.ts"], { cwd: root, stdio: "inherit", env: process.env });
    if (m.status !== 0) throw new Error("migrate failed");
    return;
  }
  await closeDb();
  console.log("[bench] 数据库为空，写入 city 数据 (seeding the city profile: 15–45 min)…");
  const s = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/seed.ts", "--profile", "city", "--if-empty"], { cwd: root, stdio: "inherit", env: process.env });
  if (s.status !== 0) throw new Error("seed failed");
}

const userRow = (db: Db, username: string): Promise<CurrentUser> => userByName(db, username);

// ---------------------------------------------------------------------------------------------
// 2. Uncached rollup path vs raw

async function readPaths(): Promise<void> {
  const db = await getDb();
  const folded = await foldRollups(db);
  console.log(`[bench] folded ${folded} pending deltas first`);
  const campaign = await getCampaign(db);
  const now = today();
  for (const code of [CITY, DISTRICT, STREET]) {
    const kids = await db.select({ code: regions.code, population: regions.population }).from(regions).where(eq(regions.parentCode, code)).orderBy(asc(regions.code));
    const q = { code, from: campaign.start, to: now < campaign.start ? campaign.start : now, campaignStart: campaign.start };
    const pops = new Map(kids.map((k) => [k.code, k.population]));
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      await computeFigures(db, q, pops, 0);
      times.push(performance.now() - t0);
    }
    const t0 = performance.now();
    if (!NO_RAW) {
      await computeRaw(db, q, 0);
      for (const k of kids) await computeRaw(db, { ...q, code: k.code }, 0);
    }
    const raw = NO_RAW ? NaN : performance.now() - t0;
    const roll = median(times.slice(1));
    console.log(`[bench] ${code}: rollup path ${ms(roll)} (median of 6, uncached) · raw ${ms(raw)} (${kids.length + 1} regions)`);
    row(`uncached figures ${code} (+${kids.length} children)`, `rollups ${ms(roll)} (p95 ${ms(pct(times.slice(1), 95))})`, NO_RAW ? "raw skipped (--no-raw)" : `raw ${ms(raw)}`, NO_RAW ? "—" : `${Math.round(raw / roll)}× faster`);
  }
  // the cost of reading unfolded deltas: 2 000 pending deltas spread over the city
  await closeDb();
}

// ---------------------------------------------------------------------------------------------
// 3. Writes at the database, in-process

interface WritePools {
  pending: number[];
  /** Tasks a 文明办 reviewer can move: reported → assigned, submitted → closed. */
  reported: { id: number; version: number; to: "assigned" | "closed" }[];
  communities: string[];
}

async function writeWork(db: Db): Promise<WritePools> {
  const [b] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM volunteers WHERE name = ${BENCH_NAME}`);
  idSeq = Math.max(idSeq, (b?.n ?? 0) + 1000);
  const pending = (await rows<{ id: number }>(db, sql`SELECT id FROM service_records WHERE status = 'pending' ORDER BY random() LIMIT 40000`)).map((r) => r.id);
  const reported = await rows<{ id: number; version: number; to: "assigned" | "closed" }>(
    db,
    sql`SELECT id, version, CASE status WHEN 'reported' THEN 'assigned' ELSE 'closed' END AS "to" FROM rectification_tasks WHERE status IN ('reported', 'submitted') ORDER BY random() LIMIT 20000`,
  );
  const communities = (await rows<{ code: string }>(db, sql`SELECT code FROM regions WHERE level = 'community' ORDER BY random() LIMIT 400`)).map((r) => r.code);
  return { pending, reported, communities };
}

type WriteKind = "register" | "verify" | "task" | "demand";
const KINDS: WriteKind[] = ["register", "verify", "task", "demand"];

async function oneWrite(db: Db, admin: CurrentUser, work: WritePools, kind: Exclude<WriteKind, "demand">, i: number): Promise<void> {
  const community = work.communities[i % work.communities.length]!;
  const actor = { id: admin.id, username: admin.username, role: admin.role, scopeCode: admin.scopeCode, organizationId: admin.organizationId, ip: "127.0.0.1" };
  switch (kind) {
    case "register": {
      const v = validateRegistration({ name: BENCH_NAME, idCard: nextIdCard(), phone: "13800001234", communityCode: community }, today());
      if (!v.ok) throw new Error(`invalid registration: ${v.errors[0]!.message}`);
      const r = await registerVolunteer(db, { ...admin, ip: "127.0.0.1" }, v.data);
      if (!r.ok) throw new Error(`register: ${r.code}`);
      return;
    }
    case "verify": {
      const id = work.pending.pop();
      if (id === undefined) throw new Error("no pending service record left");
      const r = await reviewServiceRecord(db, actor, { id, to: "verified" });
      if (!r.ok) throw new Error(`verify: ${r.code}`);
      return;
    }
    case "task": {
      const t = work.reported.pop();
      if (!t) throw new Error("no reported or submitted task left");
      const r = await transitionTask(db, actor, { id: t.id, to: t.to, version: t.version, photoIds: [] });
      if (!r.ok) throw new Error(`task: ${r.code}`);
      return;
    }
  }
}

async function pooledDb(size: number): Promise<{ db: Db; end: () => Promise<void> }> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: size, application_name: WRITER_APP });
  const clients = await Promise.all(Array.from({ length: size }, () => pool.connect()));
  clients.forEach((c) => c.release());
  return { db: drizzle(pool, { schema }) as unknown as Db, end: () => pool.end() };
}

function errorKind(e: unknown): string {
  const err = e as { code?: string; cause?: { code?: string; message?: string }; message?: string };
  const code = err.cause?.code ?? err.code;
  if (code === "40P01") return "deadlock";
  if (code === "40001") return "serialization";
  return (err.cause?.message ?? err.message ?? String(e)).slice(0, 80);
}

const WRITER_APP = "civic-bench-writer";

/**
 * Where the writers' backends are while the run goes on: every 50 ms, pg_stat_activity's wait event
 * of each active writer backend (none = on CPU). A hot spot shows as Lock / LWLock waits that grow
 * with the pool; CPU-bound work shows as "CPU".
 */
function sampleWaits(db: Db): { stop: () => Promise<Map<string, number>> } {
  const seen = new Map<string, number>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const r = await rows<{ w: string; n: number }>(
        db,
        sql`SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w, count(*)::int AS n FROM pg_stat_activity
          WHERE application_name = ${WRITER_APP} AND state = 'active' GROUP BY 1`,
      ).catch(() => []);
      for (const x of r) seen.set(x.w, (seen.get(x.w) ?? 0) + x.n);
      await new Promise((res) => setTimeout(res, 50));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return seen;
    },
  };
}

/** Busy share of all cores between two readings of /proc/stat (Linux; null elsewhere). */
function cpuTicks(): { busy: number; total: number } | null {
  try {
    const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3]! + (f[4] ?? 0);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

function waitSummary(m: Map<string, number>): string {
  const total = [...m.values()].reduce((s, x) => s + x, 0) || 1;
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([k, n]) => `${k} ${Math.round((n / total) * 100)}%`)
    .join(", ");
}

async function dbWrites(): Promise<void> {
  const main = await getDb();
  const admin = await userRow(main, "wmb_admin");
  const work = await writeWork(main);
  const demandCat = await rows<{ c: string }>(main, sql`SELECT unnest(enum_range(NULL::demand_category))::text AS c LIMIT 1`).catch(() => []);
  if (demandCat[0]) DEMAND_CATEGORY = demandCat[0].c;
  let base = 0;
  for (const size of [1, 8, 32]) {
    const { db, end } = await pooledDb(size);
    const errors = new Map<string, number>();
    const done = new Map<WriteKind, number>();
    const stopAt = performance.now() + WRITE_SECONDS * 1000;
    const waits = sampleWaits(main);
    const cpu0 = cpuTicks();
    const own0 = process.cpuUsage();
    const t0 = performance.now();
    let i = 0;
    await Promise.all(
      Array.from({ length: size }, async () => {
        while (performance.now() < stopAt) {
          const n = i++;
          const kind = KINDS[n % KINDS.length]!;
          try {
            await oneWriteWithCategory(db, admin, work, kind, n);
            done.set(kind, (done.get(kind) ?? 0) + 1);
          } catch (e) {
            const k = errorKind(e);
            errors.set(k, (errors.get(k) ?? 0) + 1);
          }
        }
      }),
    );
    const waited = await waits.stop();
    const cpu1 = cpuTicks();
    const own = process.cpuUsage(own0);
    const ownShare = (own.user + own.system) / 1000 / (performance.now() - t0);
    const machine = cpu0 && cpu1 ? `${Math.round(((cpu1.busy - cpu0.busy) / Math.max(1, cpu1.total - cpu0.total)) * 100)}% of all cores busy` : "";
    await end();
    const total = [...done.values()].reduce((s, x) => s + x, 0);
    const rate = total / WRITE_SECONDS;
    if (size === 1) base = rate;
    const errs = [...errors.entries()].map(([k, n]) => `${n}× ${k}`).join("; ") || "0";
    console.log(`[bench] db writes, pool ${size}: ${rate.toFixed(0)}/s (${[...done.entries()].map(([k, n]) => `${k} ${n}`).join(", ")}); errors: ${errs}`);
    row(`db writes in-process, pool of ${size}`, `${rate.toFixed(0)} writes/s`, size === 1 ? "—" : `${(rate / base).toFixed(1)}× pool of 1`, `errors ${errs}`);
    console.log(`[bench] pool ${size}: writer backends sampled — ${waitSummary(waited)}`);
    row(`  where the writers' backends were (pool ${size})`, waitSummary(waited), `${machine}; bench process ${Math.round(ownShare * 100)}% of one core`, "");
  }
  console.log(`[bench] pending deltas after the write runs: ${await countPendingDeltas(main)}`);
  await foldRollups(main);
  await closeDb();
}

let DEMAND_CATEGORY = "elderly_care";
async function oneWriteWithCategory(db: Db, admin: CurrentUser, work: WritePools, kind: WriteKind, i: number) {
  if (kind !== "demand") return oneWrite(db, admin, work, kind, i);
  const community = work.communities[i % work.communities.length]!;
  const actor = { id: admin.id, username: admin.username, displayName: admin.displayName, role: admin.role, scopeCode: admin.scopeCode, organizationId: admin.organizationId, ip: "127.0.0.1" };
  const r = await postDemand(db, actor, {
    category: DEMAND_CATEGORY,
    description: "压测：老人需要上门助餐",
    communityCode: community,
    address: "压测地址 1 号",
    contactName: "压测",
    contactPhone: "13800001234",
    preferredTime: null,
  } as never);
  if (!r.ok) throw new Error(`demand: ${(r as { code?: string }).code}`);
}

// ---------------------------------------------------------------------------------------------
// 4. The production server under a write stream

async function login(base: string, username: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, username, password: PASSWORD, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c!.includes("session-token"));
  if (!session) throw new Error(`login ${username} failed: ${res.status}`);
  return `${cookie}; ${session}`;
}

async function apiWrite(base: string, cookie: string, work: WritePools, kind: Exclude<WriteKind, "demand">, i: number): Promise<void> {
  const post = async (url: string, body: unknown) => {
    const r = await fetch(`${base}${url}`, { method: "POST", headers: { cookie, "content-type": "application/json", origin: base }, body: JSON.stringify(body) });
    if (r.status >= 300) throw new Error(`${url.replace(/\d+/g, ":id")} → ${r.status} ${(await r.text()).slice(0, 120)}`);
    await r.text();
  };
  const community = work.communities[i % work.communities.length]!;
  if (kind === "register") return post("/api/v1/volunteers", { name: BENCH_NAME, idCard: nextIdCard(), phone: "13800001234", communityCode: community });
  if (kind === "verify") {
    const id = work.pending.pop();
    if (id === undefined) throw new Error("no pending record left");
    return post(`/api/v1/service-records/${id}/verify`, {});
  }
  const t = work.reported.pop();
  if (!t) throw new Error("no reported or submitted task left");
  return post(`/api/v1/tasks/${t.id}/transitions`, { to: t.to, version: t.version });
}

async function serverRuns(): Promise<void> {
  const env = {
    ...process.env,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-secret-0123456789abcdef",
    NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
    PII_KEY: process.env.PII_KEY ?? "be".repeat(32),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const build = spawnSync("node", ["-e", "import('./scripts/lib.mjs').then(m => m.buildIfStale('.next-bench')).then(c => process.exit(c))"], { cwd: root, stdio: "inherit", env });
  if (build.status !== 0) throw new Error("build failed");
  const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", PORT, "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...env, NEXT_DIST_DIR: ".next-bench", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      await sleep(500);
    }
    const db = await getDb();
    const work = await writeWork(db);
    await closeDb();
    const writer = await login(base, "wmb_admin");
    const viewers: string[] = [];
    // The officials are not the writer: a user's own writes bypass the cache for that user only.
    for (let i = 0; i < VIEWERS; i++) viewers.push(await login(base, "city_leader"));
    const pages = ["/cockpit", `/regions/${DISTRICT}`, `/regions/${STREET}`];
    // warm: the first render of each page after start (compiles nothing in production; fills caches)
    for (const p of pages) await (await fetch(`${base}${p}`, { headers: { cookie: viewers[0]! } })).text();

    const lat = new Map<string, number[]>(pages.map((p) => [p, []]));
    const errs = new Map<string, number>();
    const writeLat: number[] = [];
    let writeErr = 0;
    const writeErrKinds = new Map<string, number>();
    const t0 = performance.now();
    const stopAt = t0 + SECONDS * 1000;
    const writerLoop = (async () => {
      let n = 0;
      while (performance.now() < stopAt) {
        const due = t0 + n * 500; // 2 writes per second
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        if (performance.now() >= stopAt) break;
        const kind = (["register", "verify", "task"] as const)[n % 3]!;
        const s = performance.now();
        try {
          await apiWrite(base, writer, work, kind, n);
          writeLat.push(performance.now() - s);
        } catch (e) {
          writeErr++;
          const k = (e as Error).message.slice(0, 100);
          writeErrKinds.set(k, (writeErrKinds.get(k) ?? 0) + 1);
        }
        n++;
      }
      return n;
    })();
    const viewerLoops = viewers.map(async (cookie, v) => {
      await sleep(Math.random() * THINK_MS); // officials do not all click at the same instant
      for (let i = v; performance.now() < stopAt; i++) {
        if (i > v && THINK_MS > 0) await sleep(THINK_MS * (0.5 + Math.random()));
        if (performance.now() >= stopAt) break;
        const page = pages[i % pages.length]!;
        const s = performance.now();
        try {
          const r = await fetch(`${base}${page}`, { headers: { cookie } });
          const body = await r.text();
          if (r.status !== 200 || !body.includes('data-testid="cockpit"')) throw new Error(`${page} → ${r.status}`);
          lat.get(page)!.push(performance.now() - s);
        } catch {
          errs.set(page, (errs.get(page) ?? 0) + 1);
        }
      }
    });
    const writes = await writerLoop;
    await Promise.all(viewerLoops);
    const elapsed = (performance.now() - t0) / 1000;
    for (const p of pages) {
      const xs = lat.get(p)!;
      console.log(`[bench] ${p}: ${xs.length} views, p50 ${ms(pct(xs, 50))} · p95 ${ms(pct(xs, 95))} · p99 ${ms(pct(xs, 99))}, errors ${errs.get(p) ?? 0}`);
      row(`${p} · ${VIEWERS} officials (think ${THINK_MS / 1000} s), 2 writes/s, ${SECONDS} s`, `p50 ${ms(pct(xs, 50))} · p95 ${ms(pct(xs, 95))} · p99 ${ms(pct(xs, 99))}`, `${(xs.length / elapsed).toFixed(1)} views/s`, `errors ${errs.get(p) ?? 0}`);
    }
    console.log(`[bench] writer: ${writes} writes through the API, p50 ${ms(pct(writeLat, 50))}, p95 ${ms(pct(writeLat, 95))}, errors ${writeErr} ${[...writeErrKinds.entries()].map(([k, n]) => `${n}× ${k}`).join("; ")}`);
    row(`writer through the API during the views`, `${(writeLat.length / elapsed).toFixed(1)} writes/s`, `p95 ${ms(pct(writeLat, 95))}`, `errors ${writeErr}`);

    // Registrations through the API with 1 / 8 / 32 concurrent writers.
    let base1 = 0;
    for (const c of [1, 8, 32]) {
      let okN = 0;
      let bad = 0;
      const kinds = new Map<string, number>();
      const end = performance.now() + WRITE_SECONDS * 1000;
      let n = 0;
      await Promise.all(
        Array.from({ length: c }, async () => {
          while (performance.now() < end) {
            try {
              await apiWrite(base, writer, work, "register", n++);
              okN++;
            } catch (e) {
              bad++;
              const k = (e as Error).message.slice(0, 80);
              kinds.set(k, (kinds.get(k) ?? 0) + 1);
            }
          }
        }),
      );
      const rate = okN / WRITE_SECONDS;
      if (c === 1) base1 = rate;
      console.log(`[bench] API registrations, ${c} writers: ${rate.toFixed(0)}/s, errors ${bad} ${[...kinds.entries()].map(([k, x]) => `${x}× ${k}`).join("; ")}`);
      row(`registrations through the API, ${c} concurrent writers`, `${rate.toFixed(0)} writes/s`, c === 1 ? "—" : `${(rate / base1).toFixed(1)}× one writer`, `errors ${bad}`);
    }
  } finally {
    server.kill("SIGTERM");
  }
}

function printTable() {
  const head = ["measure", "result", "rate / ratio", "errors"];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log("\n" + line(head));
  console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  for (const r of table) console.log(line(r));
}

async function main() {
  await ensureData();
  await readPaths();
  await dbWrites();
  if (!NO_SERVER) await serverRuns();
  printTable();
}

main().then(
  () => process.exit(0),
  async (e) => {
    console.error(`[bench] 失败: ${e instanceof Error ? e.stack : String(e)}`);
    printTable();
    await closeDb().catch(() => undefined);
    process.exit(1);
  },
);
