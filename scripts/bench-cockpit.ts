/**
 * `npm run bench:cockpit [-- --profile demo|city] [--requests 30] [--port 3200]`
 *
 * 1. Seeds (or reuses) a dataset: PGlite in BENCH_PGLITE_DIR (default .data/bench-pglite), or the
 *    PostgreSQL database in DATABASE_URL.
 * 2. In-process: times the rollup path (computeFigures: a region and all its children) against the
 *    naive path (computeRaw over the raw tables for the region and each child), same figures, for
 *    the city, 莱西市 and 水集街道, and prints the ratio.
 * 3. Starts the built portal on that database, logs in as city_leader, and measures the server
 *    render time (full HTML response) of the city cockpit, a district page and a street page:
 *    p50/p95 over N requests each; then the city-wide monthly report exported to .xlsx and .docx
 *    through the API (`--month YYYY-MM`, default the current month): first request and p50/p95.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { closeDb, getDb, rows } from "@/db/client";
import { regions } from "@/db/schema";
import { getCampaign } from "@/lib/campaign/queries";
import { computeFigures } from "@/lib/metrics/compute";
import { computeRaw } from "@/lib/metrics/raw";
import { today } from "@/lib/metrics/clock";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const profile = arg("profile", "demo");
const N = Number(arg("requests", "30"));
const port = arg("port", "3200");
const root = path.resolve(__dirname, "..");
const onPg = !!process.env.DATABASE_URL;
const env = {
  ...process.env,
  PGLITE_DIR: process.env.BENCH_PGLITE_DIR ?? ".data/bench-pglite",
  NEXTAUTH_SECRET: "bench-secret-0123456789abcdef",
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  PII_KEY: "be".repeat(32),
  NEXT_TELEMETRY_DISABLED: "1",
};
Object.assign(process.env, env);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function timeIt(fn: () => Promise<unknown>, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function inProcess() {
  const db = await getDb();
  const campaign = await getCampaign(db);
  const to = today() < campaign.start ? campaign.start : today();
  const [vol] = await rows<{ v: number; s: number }>(db, sql`SELECT (SELECT count(*) FROM volunteers)::int AS v, (SELECT count(*) FROM service_records)::int AS s`);
  console.log(`\n[bench] dataset: ${onPg ? "PostgreSQL" : "PGlite"}, ${vol!.v} volunteers, ${vol!.s} service records; period ${campaign.start}…${to}`);
  const results: { code: string; rollup: number; naive: number }[] = [];
  for (const code of ["3702", "370285", "370285001"]) {
    const kids = await db.select({ code: regions.code, population: regions.population }).from(regions).where(eq(regions.parentCode, code)).orderBy(asc(regions.code));
    const [own] = await db.select({ population: regions.population }).from(regions).where(eq(regions.code, code));
    const q = { code, from: campaign.start, to, campaignStart: campaign.start };
    const pops = new Map(kids.map((k) => [k.code, k.population]));
    await computeFigures(db, q, pops, own!.population); // warm
    const roll = await timeIt(() => computeFigures(db, q, pops, own!.population), 10);
    const naiveRuns = code === "3702" && profile === "city" ? 2 : 3;
    const naive = await timeIt(async () => {
      await computeRaw(db, q, own!.population);
      for (const k of kids) await computeRaw(db, { ...q, code: k.code }, k.population);
    }, naiveRuns);
    results.push({ code, rollup: pct(roll, 50), naive: pct(naive, 50) });
    console.log(`[bench] ${code}: rollup path p50 ${ms(pct(roll, 50))} · naive raw aggregate p50 ${ms(pct(naive, 50))} · ${(pct(naive, 50) / pct(roll, 50)).toFixed(1)}× faster`);
  }
  await closeDb();
  return results;
}

async function login(base: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, username: "city_leader", password: process.env.DEMO_PASSWORD ?? "Cockpit#2026", json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c!.includes("session-token"));
  if (!session) throw new Error(`login failed: ${res.status}`);
  return `${cookie}; ${session}`;
}

async function serverRender() {
  const build = spawnSync("node", ["-e", "import('./scripts/lib.mjs').then(m => m.buildIfStale('.next-bench')).then(c => process.exit(c))"], { cwd: root, stdio: "inherit", env });
  if (build.status !== 0) throw new Error("build failed");
  const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", port, "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...env, NEXT_DIST_DIR: ".next-bench", NODE_ENV: "production" },
    stdio: "ignore",
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 120; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const cookie = await login(base);
    const out: { page: string; p50: number; p95: number }[] = [];
    for (const page of ["/cockpit", "/regions/370285", "/regions/370285001"]) {
      const get = async () => {
        const r = await fetch(`${base}${page}`, { headers: { cookie } });
        if (r.status !== 200) throw new Error(`${page} → ${r.status}`);
        await r.text();
      };
      await get();
      await get();
      const times = await timeIt(get, N);
      out.push({ page, p50: pct(times, 50), p95: pct(times, 95) });
      console.log(`[bench] render ${page}: p50 ${ms(pct(times, 50))} · p95 ${ms(pct(times, 95))} (${N} requests, logged in)`);
    }
    // The monthly report of the whole city, exported as a user downloads it (build + render + audit).
    const month = arg("month", today().slice(0, 7));
    for (const format of ["xlsx", "docx"] as const) {
      const url = `${base}/api/v1/reports/monthly?month=${month}&region=3702&format=${format}&source=live`;
      const get = async () => {
        const r = await fetch(url, { headers: { cookie } });
        if (r.status !== 200) throw new Error(`${url} → ${r.status} ${await r.text()}`);
        return (await r.arrayBuffer()).byteLength;
      };
      const t0 = performance.now();
      const bytes = await get();
      const cold = performance.now() - t0;
      const n = Math.max(5, Math.round(N / 3));
      const times = await timeIt(get, n);
      out.push({ page: `report ${month} city .${format} (cold ${ms(cold)}, ${(bytes / 1024).toFixed(0)} KB)`, p50: pct(times, 50), p95: pct(times, 95) });
      console.log(`[bench] export city report ${month} .${format}: first ${ms(cold)} · p50 ${ms(pct(times, 50))} · p95 ${ms(pct(times, 95))} (${n} requests, ${(bytes / 1024).toFixed(0)} KB)`);
    }
    return out;
  } finally {
    server.kill("SIGTERM");
  }
}

async function main() {
  const seeded = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/seed.ts", "--profile", profile, "--if-empty"], { cwd: root, stdio: "inherit", env });
  if (seeded.status !== 0) throw new Error("seeding failed");
  const ratios = await inProcess();
  const render = process.argv.includes("--no-render") ? [] : await serverRender();
  console.log("\n[bench] summary");
  for (const r of ratios) console.log(`  rollup vs naive ${r.code}: ${(r.naive / r.rollup).toFixed(1)}× (${ms(r.rollup)} vs ${ms(r.naive)})`);
  for (const r of render) console.log(`  render ${r.page}: p50 ${ms(r.p50)}, p95 ${ms(r.p95)}`);
}

main().catch(async (e) => {
  console.error(e);
  await closeDb().catch(() => undefined);
  process.exit(1);
});
