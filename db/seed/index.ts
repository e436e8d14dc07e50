/**
 * Deterministic demo data for Civic Cockpit (创城驾驶舱).
 *
 * `seedDatabase(db, { profile, seed, asOf, campaignStart })` fills every app table with a
 * realistic, internally consistent picture of Qingdao's hundred-day campaign: the region tree,
 * volunteers (PII encrypted), organizations and teams, projects in the six sectors, activities
 * and service hours, the time bank, on-demand dispatch (网约) and rectification tasks — then
 * rebuilds the rollups. The same profile + seed + as-of + campaign start always gives the same
 * rows; only AES ciphertexts and bcrypt hashes (random IV / salt) differ between runs — and the
 * demo accounts' password_changed_at, which is the real time the password was set (the 90-day
 * password rule counts from it).
 *
 * Every other timestamp is computed from the as-of date (nothing is left to defaultNow()); event times
 * never pass as-of 18:00 China time. The only values after as-of are, by design, the schedule of
 * future activities (open for enrolment), deadlines, preferred service times of open demands and
 * the start dates of planned projects.
 *
 * Speed: large tables are written with `INSERT … SELECT … FROM unnest($1::text[], …)` — one
 * parameter per column — in batches; per-row parameter binding (`db.insert().values()`) is 5–10×
 * slower on PGlite. When the role is a superuser, foreign-key triggers are skipped for the seed
 * transaction (`SET LOCAL session_replication_role = replica`), and indexes that no foreign key
 * depends on are dropped for the load and rebuilt verbatim at the end (`dropIndexesForLoad`). The
 * test profile — run by every integration test, same generator code — then verifies every foreign
 * key with set-based anti-joins (`verifyForeignKeys`); a dangling key aborts the whole seed. Set
 * SEED_VERIFY_FK=1 to verify for demo/city too, or SEED_CHECK_FK=1 to keep the per-row triggers
 * on. Small tables use drizzle's `insert().values()`.
 *
 * Population scaling: a profile has a target number of volunteers. Each district has a realistic
 * registration share (8–20 %, urban districts higher); profileScale = target / Σ(census × share),
 * and every community's population is stored as round(census × profileScale) (at least 1), with
 * streets, districts and the city the exact sums of their children — so volunteers ÷ population
 * gives realistic shares in every profile.
 */
import { getTableColumns, getTableName, is, sql, type SQL } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import type { Db, Queryable } from "@/db/client";
import * as schema from "@/db/schema";
import regionData from "@/db/seed/data/qingdao-regions.json";
import { hashPassword } from "@/lib/auth/password";
import { rebuildRollups } from "@/lib/metrics/rollup";
import { encryptPii, piiHash } from "@/lib/volunteers/pii";
import { ADMIN_ROLES } from "@/lib/auth/rules";
import { TEST_PROFILE_TOTP_SECRET } from "@/lib/auth/totp";
import { makeIdCard, STAR_THRESHOLDS } from "@/lib/volunteers/rules";
import * as N from "./names";
import {
  addYears,
  apportion,
  CumulativeSampler,
  cstDayOf,
  cstMs,
  DAY_MS,
  dayToCompact,
  dayToIso,
  HOUR_MS,
  isoToDay,
  isValidIsoDate,
  MINUTE_MS,
  Rng,
  upperBound,
  weekday,
} from "./random";

// ============================================================================ profiles & options

export type ProfileName = "test" | "demo" | "city";

export interface Profile {
  name: ProfileName;
  label: string;
  volunteers: number;
  serviceRecords: number;
  activities: number;
  tasks: number;
  demands: number;
  partners: number;
  rewards: number;
  /** One organization or team per this many volunteers. */
  volunteersPerOrg: number;
  projectsPerOrg: number;
  redemptionsPerVolunteer: number;
  /** Rows per bulk INSERT. */
  batchRows: number;
  /** Skip FK triggers during the load (superuser only). */
  fastLoad: boolean;
  /** Refused on embedded PGlite. */
  postgresOnly: boolean;
}

export const PROFILES: Record<ProfileName, Profile> = {
  test: {
    name: "test",
    label: "集成测试（小规模，覆盖所有区和状态）",
    volunteers: 3_000,
    serviceRecords: 25_000,
    activities: 400,
    tasks: 600,
    demands: 1_500,
    partners: 12,
    rewards: 20,
    volunteersPerOrg: 50,
    projectsPerOrg: 1.3,
    redemptionsPerVolunteer: 0.06,
    batchRows: 5_000,
    fastLoad: true,
    postgresOnly: false,
  },
  demo: {
    name: "demo",
    label: "演示（嵌入式数据库，约 5 万志愿者）",
    volunteers: 50_000,
    serviceRecords: 500_000,
    activities: 6_000,
    tasks: 5_000,
    demands: 20_000,
    partners: 40,
    rewards: 60,
    volunteersPerOrg: 55,
    projectsPerOrg: 1.32,
    redemptionsPerVolunteer: 0.06,
    batchRows: 10_000,
    fastLoad: true,
    postgresOnly: false,
  },
  city: {
    name: "city",
    label: "全市规模（仅 PostgreSQL，约 200 万志愿者）",
    volunteers: 2_000_000,
    serviceRecords: 20_000_000,
    activities: 240_000,
    tasks: 200_000,
    demands: 500_000,
    partners: 400,
    rewards: 300,
    volunteersPerOrg: 55,
    projectsPerOrg: 1.32,
    redemptionsPerVolunteer: 0.05,
    batchRows: 10_000,
    fastLoad: true,
    postgresOnly: true,
  },
};

export const DEFAULT_SEED = 20260901;
export const DEFAULT_CAMPAIGN_START = "2026-09-01";
export const DEFAULT_DEMO_PASSWORD = "Cockpit#2026";
export const CAMPAIGN_NAME = "青岛市全国文明城市创建百日攻坚行动";
export const CAMPAIGN_DAYS = 100;
/** Earliest service date generated (history back to 2025-01 so every star level exists). */
export const HISTORY_START = "2025-01-01";

export interface SeedOptions {
  profile: ProfileName;
  seed?: number;
  /** YYYY-MM-DD, the "today" of the generated data (events up to 18:00 China time). */
  asOf: string;
  /** YYYY-MM-DD, default 2026-09-01. */
  campaignStart?: string;
  /** Truncate all app tables first; otherwise a database with data is refused. */
  reset?: boolean;
  /** Password of the demo accounts (default: env DEMO_PASSWORD or Cockpit#2026). */
  demoPassword?: string;
  /** Progress lines (default: silent). */
  log?: (line: string) => void;
}

export interface SeedSummary {
  profile: ProfileName;
  seed: number;
  asOf: string;
  campaignStart: string;
  counts: Record<string, number>;
  seconds: number;
  /** populations are stored as round(census × profileScale). */
  profileScale: number;
  censusPopulation: number;
  seededPopulation: number;
  volunteers: number;
  /** FK triggers were skipped during the load. */
  fastLoad: boolean;
  phases: { name: string; seconds: number }[];
}

/** A bad argument (the message names it, in Chinese). */
export class SeedArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SeedArgumentError";
  }
}

/** The database already has data and no reset was asked for. */
export class SeedRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SeedRefusedError";
  }
}

interface Resolved {
  profile: Profile;
  seed: number;
  asOf: string;
  campaignStart: string;
  reset: boolean;
  demoPassword: string;
  log: (line: string) => void;
}

export function validateSeedOptions(opts: SeedOptions): Resolved {
  const profile = PROFILES[opts.profile as ProfileName];
  if (!profile) {
    throw new SeedArgumentError(`参数 --profile 无效："${String(opts.profile)}"，可选值：${Object.keys(PROFILES).join(" | ")}`);
  }
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new SeedArgumentError(`参数 --seed 无效："${String(opts.seed)}"，必须是 0 到 4294967295 之间的整数`);
  }
  const campaignStart = opts.campaignStart ?? DEFAULT_CAMPAIGN_START;
  if (!isValidIsoDate(opts.asOf)) throw new SeedArgumentError(`参数 --as-of 无效："${opts.asOf}"，必须是有效日期 YYYY-MM-DD`);
  if (!isValidIsoDate(campaignStart)) {
    throw new SeedArgumentError(`参数 --campaign-start 无效："${campaignStart}"，必须是有效日期 YYYY-MM-DD`);
  }
  if (opts.asOf < campaignStart) {
    throw new SeedArgumentError(`参数 --as-of（${opts.asOf}）不能早于攻坚行动开始日期 --campaign-start（${campaignStart}）`);
  }
  if (campaignStart < "2020-01-01") throw new SeedArgumentError(`参数 --campaign-start（${campaignStart}）不能早于 2020-01-01`);
  if (opts.asOf > "2099-12-31") throw new SeedArgumentError(`参数 --as-of（${opts.asOf}）不能晚于 2099-12-31`);
  return {
    profile,
    seed,
    asOf: opts.asOf,
    campaignStart,
    reset: opts.reset ?? false,
    demoPassword: opts.demoPassword ?? process.env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
    log: opts.log ?? (() => undefined),
  };
}

// ============================================================================ table helpers

/** Every app table of the schema (drizzle's own migration table is in another schema). */
export function appTables(): PgTable[] {
  return (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
}

export function appTableNames(): string[] {
  return appTables().map((t) => getTableName(t));
}

function rowsOf<T>(res: unknown): T[] {
  return ((res as { rows?: T[] }).rows ?? []) as T[];
}

async function one<T>(q: Queryable, query: SQL): Promise<T> {
  return rowsOf<T>(await q.execute(query))[0]!;
}

/**
 * Checks every (single-column) foreign key of the app tables with one anti-join each; throws
 * naming the constraint and a sample of the dangling values. Used after a load with FK triggers off.
 */
export async function verifyForeignKeys(q: Queryable): Promise<void> {
  const fks = rowsOf<{ name: string; child: string; col: string; parent: string; pcol: string }>(
    await q.execute(sql`
      SELECT c.conname AS name, cl.relname AS child, a.attname AS col, pl.relname AS parent, pa.attname AS pcol
      FROM pg_constraint c
      JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
      JOIN pg_class pl ON pl.oid = c.confrelid
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND n.nspname = current_schema() AND cardinality(c.conkey) = 1
      ORDER BY 1`),
  );
  const checks = fks.map(
    (f) => `SELECT '${f.name}' AS name, count(*)::text AS n, min(x."${f.col}"::text) AS sample FROM "${f.child}" x
      WHERE x."${f.col}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "${f.parent}" y WHERE y."${f.pcol}" = x."${f.col}")`,
  );
  if (checks.length === 0) return;
  const bad = rowsOf<{ name: string; n: string; sample: string | null }>(
    await q.execute(sql.raw(checks.map((c) => `(${c})`).join(" UNION ALL "))),
  ).filter((r) => Number(r.n) > 0);
  if (bad.length > 0) {
    throw new Error(`演示数据外键校验失败 (dangling foreign keys): ${bad.map((b) => `${b.name}: ${b.n} 行, 例如 ${b.sample}`).join("; ")}`);
  }
}

interface DeferredIndex {
  table: string;
  name: string;
  def: string;
  constraint: string | null;
  condef: string | null;
}

/**
 * Bulk-load helper: drops every index of the app tables that no foreign key depends on (plain
 * indexes, and primary-key / unique constraints nobody references) and returns their exact
 * definitions (pg_get_indexdef / pg_get_constraintdef) so `restoreIndexes` can recreate them
 * verbatim. Building an index once over loaded rows is several times cheaper than maintaining it
 * row by row; both steps run inside the seed transaction, so a failure leaves the schema untouched.
 */
export async function dropIndexesForLoad(q: Queryable): Promise<DeferredIndex[]> {
  const names = appTableNames();
  const defs = rowsOf<DeferredIndex>(
    await q.execute(sql`
      SELECT ct.relname AS "table", ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def,
             c.conname AS "constraint", CASE WHEN c.oid IS NULL THEN NULL ELSE pg_get_constraintdef(c.oid) END AS condef
      FROM pg_index i
      JOIN pg_class ct ON ct.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = ct.relnamespace
      JOIN pg_class ic ON ic.oid = i.indexrelid
      LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u')
      WHERE n.nspname = current_schema()
        AND ct.relname IN (${sql.join(names.map((t) => sql`${t}`), sql`, `)})
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = i.indexrelid AND x.contype NOT IN ('p', 'u', 'f'))
      ORDER BY 1, 2`),
  );
  for (const d of defs) {
    await q.execute(sql.raw(d.constraint ? `ALTER TABLE "${d.table}" DROP CONSTRAINT "${d.constraint}"` : `DROP INDEX "${d.name}"`));
  }
  return defs;
}

export async function restoreIndexes(q: Queryable, defs: DeferredIndex[]): Promise<void> {
  await q.execute(sql`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const d of defs) {
    await q.execute(sql.raw(d.constraint ? `ALTER TABLE "${d.table}" ADD CONSTRAINT "${d.constraint}" ${d.condef}` : d.def));
  }
}

/** True when any app table has a row. */
export async function hasData(q: Queryable): Promise<boolean> {
  const probes = appTableNames().map((t) => `(SELECT 1 FROM "${t}" LIMIT 1)`);
  const r = await one<{ any: boolean }>(q, sql.raw(`SELECT EXISTS (${probes.join(" UNION ALL ")}) AS any`));
  return r.any === true || (r.any as unknown) === "t";
}

export async function truncateAll(q: Queryable): Promise<void> {
  // The audit log refuses TRUNCATE unless this transaction says so (migration 0001).
  const run = async (tx: Queryable) => {
    await tx.execute(sql`SELECT set_config('civic.allow_audit_truncate', 'on', true)`);
    await tx.execute(sql.raw(`TRUNCATE TABLE ${appTableNames().map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`));
  };
  if ("transaction" in q) await (q as Db).transaction(run);
  else await run(q);
}

export async function tableCounts(q: Queryable): Promise<Record<string, number>> {
  const names = appTableNames();
  const r = await one<Record<string, number | string>>(
    q,
    sql.raw(`SELECT ${names.map((t) => `(SELECT count(*) FROM "${t}")::bigint::text AS "${t}"`).join(", ")}`),
  );
  return Object.fromEntries(names.map((t) => [t, Number(r[t])]));
}

type Cell = string | number | boolean | null | undefined | readonly string[];

function quoteElem(s: string): string {
  if (s.indexOf('"') < 0 && s.indexOf("\\") < 0) return `"${s}"`;
  return `"${s.replace(/[\\"]/g, "\\$&")}"`;
}

function encodeCell(v: Cell): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "NULL";
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "string") return quoteElem(v);
  return quoteElem(`{${v.map(quoteElem).join(",")}}`);
}

/**
 * Buffered bulk writer: rows are arrays in the order of `keys` (drizzle property names); a flush
 * sends one text[] parameter per column and casts in SQL, so a batch of any size is one statement.
 */
class BulkWriter {
  /** Time spent encoding and in the database, for the phase log. */
  static encodeMs = 0;
  static dbMs = 0;
  private buf: Cell[][] = [];
  private readonly head: string;
  private readonly select: string;
  private readonly aliases: string;
  count = 0;

  constructor(
    private readonly q: Queryable,
    table: PgTable,
    keys: readonly string[],
    private readonly batch: number,
  ) {
    const cols = getTableColumns(table) as Record<string, { name: string; getSQLType(): string }>;
    const meta = keys.map((k, i) => {
      const c = cols[k];
      if (!c) throw new Error(`BulkWriter: ${getTableName(table)} has no column ${k}`);
      let type = c.getSQLType();
      if (type === "serial") type = "integer";
      if (type === "bigserial") type = "bigint";
      if (/^[a-z_]+$/.test(type) && !["integer", "bigint", "smallint", "text", "date", "boolean"].includes(type)) type = `"${type}"`;
      return { name: c.name, type, alias: `c${i}` };
    });
    // Timestamps travel as epoch milliseconds (cheaper to produce and to parse than ISO text).
    const expr = (m: { type: string; alias: string }) =>
      m.type === "timestamp with time zone" ? `to_timestamp(round(u.${m.alias}::float8) / 1000)` : `u.${m.alias}::${m.type}`;
    this.head = `INSERT INTO "${getTableName(table)}" (${meta.map((m) => `"${m.name}"`).join(", ")})`;
    this.select = meta.map(expr).join(", ");
    this.aliases = meta.map((m) => m.alias).join(", ");
  }

  push(row: Cell[]): void {
    this.buf.push(row);
  }

  get full(): boolean {
    return this.buf.length >= this.batch;
  }

  async maybeFlush(): Promise<void> {
    if (this.buf.length >= this.batch) await this.flush();
  }

  async flush(): Promise<void> {
    const all = this.buf;
    this.buf = [];
    for (let i = 0; i < all.length; i += this.batch) await this.send(all.length <= this.batch ? all : all.slice(i, i + this.batch));
  }

  private async send(rows: Cell[][]): Promise<void> {
    if (rows.length === 0) return;
    const t0 = performance.now();
    const ncol = rows[0]!.length;
    const params: SQL[] = [];
    for (let c = 0; c < ncol; c++) {
      const parts = new Array<string>(rows.length);
      for (let r = 0; r < rows.length; r++) parts[r] = encodeCell(rows[r]![c] as Cell);
      params.push(sql`${`{${parts.join(",")}}`}::text[]`);
    }
    const t1 = performance.now();
    BulkWriter.encodeMs += t1 - t0;
    await this.q.execute(
      sql`${sql.raw(this.head)} SELECT ${sql.raw(this.select)} FROM unnest(${sql.join(params, sql`, `)}) AS u(${sql.raw(this.aliases)})`,
    );
    BulkWriter.dbMs += performance.now() - t1;
    this.count += rows.length;
  }
}

// ============================================================================ domain constants

const SECTORS = N.SECTOR_KEYS;
type Sector = N.SectorKey;

/** Realistic registration shares per district (urban districts higher). */
const DISTRICT_SHARE: Record<string, number> = {
  "370202": 0.19, // 市南
  "370203": 0.17, // 市北
  "370211": 0.13, // 黄岛
  "370212": 0.16, // 崂山
  "370213": 0.15, // 李沧
  "370214": 0.18, // 城阳
  "370215": 0.11, // 即墨
  "370281": 0.12, // 胶州
  "370283": 0.09, // 平度
  "370285": 0.14, // 莱西
};

const DISTRICT_CENTRE: Record<string, [number, number]> = {
  "370202": [36.07, 120.38],
  "370203": [36.09, 120.37],
  "370211": [35.96, 120.2],
  "370212": [36.11, 120.47],
  "370213": [36.15, 120.43],
  "370214": [36.31, 120.4],
  "370215": [36.39, 120.45],
  "370281": [36.26, 120.03],
  "370283": [36.78, 119.99],
  "370285": [36.89, 120.52],
};

/** Core urban districts: more tasks per street, almost no rural projects. */
const CORE_URBAN = new Set(["370202", "370203", "370212", "370213"]);

const SHUIJI_STREET = "370285001";
const WANGCHENG_STREET = "370285002";
const LAIXI = "370285";
const SHUIJI_ORG_NAME = "水集街道新时代文明实践志愿服务队";

const STAR_LEVEL_SQL = `CASE ${[...STAR_THRESHOLDS]
  .map((t, i) => [t, i + 1] as const)
  .reverse()
  .map(([t, lvl]) => `WHEN s.h >= ${t} THEN ${lvl}`)
  .join(" ")} ELSE 0 END`;

const DEMAND_SECTOR: Record<N.DemandCategoryKey, Sector> = {
  elderly: "elderly",
  poverty: "urban_warmth",
  illness: "elderly",
  disability: "urban_warmth",
  education: "minors",
  affairs: "urban_warmth",
  mental: "urban_warmth",
};

const DEMAND_STAGE: Record<string, number> = { posted: 0, dispatched: 1, accepted: 2, completed: 3, rated: 4, rewarded: 5 };

const TASK_TYPES = [
  ["sanitation", 30],
  ["flyposting", 22],
  ["parking", 20],
  ["street_vending", 12],
  ["psa_damage", 7],
  ["facility_damage", 7],
  ["illegal_building", 2],
] as const;
type TaskType = (typeof TASK_TYPES)[number][0];

const TASK_DEADLINE_DAYS: Record<TaskType, readonly number[]> = {
  sanitation: [7, 7, 10],
  flyposting: [7, 7, 10],
  parking: [7, 10, 15],
  street_vending: [10, 15],
  psa_damage: [10, 15, 20],
  facility_damage: [15, 20, 30],
  illegal_building: [30],
};

/** How much more often a task type drags on past its deadline. */
const TASK_DIFFICULTY: Record<TaskType, number> = {
  sanitation: 0.8,
  flyposting: 0.7,
  parking: 1,
  street_vending: 1.5,
  psa_damage: 1.2,
  facility_damage: 2,
  illegal_building: 5,
};

// Demo accounts, in id order (ids 1–10).
const USERS = [
  { username: "wmb_admin", displayName: "市文明办管理员", role: "wmb_staff", scope: "3702" },
  { username: "city_leader", displayName: "青岛市领导", role: "leader", scope: "3702" },
  { username: "laixi_wmb", displayName: "莱西市文明办", role: "wmb_staff", scope: LAIXI },
  { username: "laixi_leader", displayName: "莱西市领导", role: "leader", scope: LAIXI },
  { username: "shuiji_street", displayName: "水集街道办事处", role: "street_officer", scope: SHUIJI_STREET },
  { username: "wangcheng_street", displayName: "望城街道办事处", role: "street_officer", scope: WANGCHENG_STREET },
  { username: "org_admin", displayName: "水集街道志愿服务队管理员", role: "org_admin", scope: SHUIJI_STREET },
  { username: "sysadmin", displayName: "系统管理员", role: "sysadmin", scope: "3702" },
  { username: "secadmin", displayName: "安全管理员", role: "secadmin", scope: "3702" },
  { username: "auditor", displayName: "安全审计员", role: "auditor", scope: "3702" },
] as const;
const U = { wmb: 1, leader: 2, laixiWmb: 3, laixiLeader: 4, shuiji: 5, wangcheng: 6, orgAdmin: 7, sysadmin: 8, secadmin: 9, auditor: 10 };

// ============================================================================ generator state

interface RegionJson {
  code: string;
  name: string;
  level: "city" | "district" | "street" | "community";
  parent: string | null;
  population: number;
}

interface District {
  idx: number;
  code: string;
  name: string;
  short: string;
  census: number;
  pop: number;
  share: number;
  lat: number;
  lng: number;
  streets: number[];
  communities: number[];
  vols: number;
  orgs: number[];
  teams: number[];
}

interface Street {
  idx: number;
  code: string;
  name: string;
  short: string;
  town: boolean;
  d: number;
  census: number;
  pop: number;
  lat: number;
  lng: number;
  communities: number[];
  vols: number;
  orgs: number[];
  teams: number[];
  projects: number[];
}

interface Community {
  idx: number;
  code: string;
  name: string;
  s: number;
  d: number;
  census: number;
  pop: number;
  lat: number;
  lng: number;
  vols: number;
}

interface Org {
  id: number;
  name: string;
  type: N.OrgTypeKey;
  isTeam: boolean;
  parentId: number | null;
  c: number;
  s: number;
  d: number;
  lat: number;
  lng: number;
  sectors: Sector[];
  foundedDay: number;
}

interface Project {
  id: number;
  name: string;
  sector: Sector;
  c: number;
  s: number;
  d: number;
  org: number; // org id
  partnerId: number | null;
  startDay: number;
  endDay: number | null;
  status: "planned" | "active" | "closed";
}

interface Activity {
  id: number;
  title: string;
  projectId: number | null;
  org: number;
  sector: Sector;
  c: number;
  d: number;
  day: number;
  startMs: number;
  endMs: number;
  spanH: number;
  capacity: number;
  participants: number;
  requirements: string | null;
  status: "open" | "closed" | "completed" | "cancelled";
  createdMs: number;
  peopleServed: number | null;
  problemsSolved: number | null;
}

interface PendingEntry {
  volunteerId: number;
  amount: number;
  kind: "earn" | "reverse" | "dispatch_reward";
  c: number;
  serviceRecordId: number | null;
  demandId: number | null;
  dedupeKey: string;
  note: string | null;
  createdBy: number | null;
  ms: number;
}

// ============================================================================ the generator

class Generator {
  private readonly rng: Rng;
  private readonly asOfDay: number;
  private readonly asOfEnd: number; // as-of 18:00 CST
  private readonly startDay: number; // campaign start
  private readonly historyDay: number;
  private readonly p: Profile;
  private phases: { name: string; seconds: number }[] = [];
  private phaseT = performance.now();
  private phaseCpu = process.cpuUsage();

  // regions
  private districts: District[] = [];
  private streets: Street[] = [];
  private communities: Community[] = [];
  private streetByCode = new Map<string, Street>();
  profileScale = 0;
  censusTotal = 0;
  popTotal = 0;

  // volunteers (index = id − 1)
  private V = 0;
  private vComm!: Int32Array;
  private vReg!: Int32Array;
  private vWeight!: Float64Array;
  private vTarget!: Float32Array;
  private vVerified!: Float64Array;
  private vSectors!: Uint8Array;
  private vPrimaryOrg!: Int32Array;
  private distPool: { ids: Int32Array; regs: Int32Array; sampler: CumulativeSampler }[] = [];
  private streetPool: { ids: Int32Array; regs: Int32Array; sampler: CumulativeSampler }[] = [];
  private globalSampler!: CumulativeSampler;
  private mark!: Int32Array;

  // organizations, memberships
  private orgs: Org[] = [];
  private orgMemberStart!: Int32Array;
  private orgMembers!: Int32Array;

  private partners: { id: number; kind: string; regionCode: string }[] = [];
  private projects: Project[] = [];
  private activities: Activity[] = [];

  // service records
  private srId = 0;
  private sr!: BulkWriter;
  private verifiedRecords = 0;
  private pendingEntries: PendingEntry[] = [];
  private campaignHoursByStreet!: Float64Array;

  // redemption budget checkpoints
  private ckMs: number[] = [];
  private ckDelta!: Int32Array;

  constructor(
    private readonly q: Queryable,
    private readonly o: Resolved,
    private readonly passwordHash: string,
  ) {
    this.rng = new Rng(o.seed);
    this.p = o.profile;
    this.asOfDay = isoToDay(o.asOf);
    this.asOfEnd = cstMs(this.asOfDay, 18);
    this.startDay = isoToDay(o.campaignStart);
    this.historyDay = isoToDay(HISTORY_START);
  }

  private phase(name: string): void {
    const now = performance.now();
    const s = (now - this.phaseT) / 1000;
    const cpu = process.cpuUsage(this.phaseCpu);
    this.phaseCpu = process.cpuUsage();
    this.phases.push({ name, seconds: Math.round(s * 100) / 100 });
    this.o.log(
      `  ${name.padEnd(30)} ${s.toFixed(1).padStart(6)} s  cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1).padStart(5)} s` +
        (BulkWriter.dbMs > 0 ? `   (bulk insert ${(BulkWriter.dbMs / 1000).toFixed(1)} s, encode ${(BulkWriter.encodeMs / 1000).toFixed(1)} s)` : ""),
    );
    BulkWriter.dbMs = 0;
    BulkWriter.encodeMs = 0;
    this.phaseT = now;
  }

  markPhase(name: string): void {
    this.phase(name);
  }

  get phaseTimes() {
    return this.phases;
  }

  private writer(table: PgTable, keys: readonly string[]): BulkWriter {
    return new BulkWriter(this.q, table, keys, this.p.batchRows);
  }

  /** Clamp an event time to as-of 18:00. */
  private cap(ms: number): number {
    return Math.min(ms, this.asOfEnd);
  }

  /** CST day of an instant. */
  private dayOf(ms: number): number {
    return cstDayOf(ms);
  }

  async run(): Promise<void> {
    await this.seedRegions();
    this.phase("regions");
    await this.seedSettingsAndCampaign();
    this.planVolunteers();
    await this.seedOrganizations();
    await this.seedUsers();
    this.phase("organizations, users");
    await this.seedVolunteers();
    this.phase("volunteers, memberships");
    await this.seedPartnersAndProjects();
    await this.seedActivities();
    this.phase("partners, projects, activities");
    this.sr = this.writer(schema.serviceRecords, [
      "id", "volunteerId", "activityId", "demandId", "organizationId", "communityCode", "sector", "serviceDate",
      "hours", "status", "enteredBy", "enteredAt", "reviewedBy", "reviewedAt", "rejectReason", "version",
    ]);
    await this.seedActivityRecords();
    this.phase("activity service records");
    await this.seedDemands();
    this.phase("demands");
    await this.seedHistoryRecords();
    await this.sr.flush();
    this.phase("history service records");
    await this.seedTasks();
    this.phase("rectification tasks");
    await this.q.execute(
      sql.raw(`UPDATE volunteers v SET verified_hours = s.h, star_level = ${STAR_LEVEL_SQL}
        FROM (SELECT volunteer_id, sum(hours) AS h FROM service_records WHERE status = 'verified' GROUP BY volunteer_id) s
        WHERE v.id = s.volunteer_id`),
    );
    this.phase("verified hours, stars");
    await this.seedTimeBank();
    this.phase("time bank");
    await this.seedTargets();
    await this.fixSequences();
    await rebuildRollups(this.q);
    this.phase("targets, sequences, rollups");
  }

  // -------------------------------------------------------------------------- regions

  private async seedRegions(): Promise<void> {
    const rng = this.rng.fork("regions");
    const data = regionData as RegionJson[];
    for (const r of data) {
      if (r.level === "district") {
        const [lat, lng] = DISTRICT_CENTRE[r.code] ?? [36.2, 120.3];
        this.districts.push({
          idx: this.districts.length, code: r.code, name: r.name, short: r.name.replace(/(区|市)$/, ""),
          census: r.population, pop: 0, share: DISTRICT_SHARE[r.code] ?? 0.12, lat, lng,
          streets: [], communities: [], vols: 0, orgs: [], teams: [],
        });
      }
    }
    const dByCode = new Map(this.districts.map((d) => [d.code, d]));
    for (const r of data) {
      if (r.level !== "street") continue;
      const d = dByCode.get(r.parent!)!;
      const s: Street = {
        idx: this.streets.length, code: r.code, name: r.name, short: r.name.replace(/(街道|镇|乡)$/, ""),
        town: /镇$|乡$/.test(r.name), d: d.idx, census: r.population, pop: 0,
        lat: d.lat + rng.float(-0.08, 0.08), lng: d.lng + rng.float(-0.08, 0.08),
        communities: [], vols: 0, orgs: [], teams: [], projects: [],
      };
      this.streets.push(s);
      d.streets.push(s.idx);
      this.streetByCode.set(s.code, s);
    }
    for (const r of data) {
      if (r.level !== "community") continue;
      const s = this.streetByCode.get(r.parent!)!;
      const c: Community = {
        idx: this.communities.length, code: r.code, name: r.name, s: s.idx, d: s.d, census: r.population, pop: 0,
        lat: s.lat + rng.float(-0.02, 0.02), lng: s.lng + rng.float(-0.02, 0.02), vols: 0,
      };
      this.communities.push(c);
      s.communities.push(c.idx);
      this.districts[s.d]!.communities.push(c.idx);
    }
    // Population scaling (see module doc): communities first, then exact sums upwards.
    const weighted = this.districts.reduce((a, d) => a + d.census * d.share, 0);
    this.profileScale = this.p.volunteers / weighted;
    for (const c of this.communities) c.pop = Math.max(1, Math.round(c.census * this.profileScale));
    for (const s of this.streets) s.pop = s.communities.reduce((a, i) => a + this.communities[i]!.pop, 0);
    for (const d of this.districts) d.pop = d.streets.reduce((a, i) => a + this.streets[i]!.pop, 0);
    this.popTotal = this.districts.reduce((a, d) => a + d.pop, 0);
    this.censusTotal = this.districts.reduce((a, d) => a + d.census, 0);

    const popOf = (code: string, level: string): number => {
      if (level === "city") return this.popTotal;
      if (level === "district") return dByCode.get(code)!.pop;
      if (level === "street") return this.streetByCode.get(code)!.pop;
      return this.communities[this.commIndex(code)]!.pop;
    };
    const latLng = (code: string, level: string): [number, number] => {
      if (level === "city") return [36.07, 120.38];
      if (level === "district") return [dByCode.get(code)!.lat, dByCode.get(code)!.lng];
      if (level === "street") return [this.streetByCode.get(code)!.lat, this.streetByCode.get(code)!.lng];
      const c = this.communities[this.commIndex(code)]!;
      return [c.lat, c.lng];
    };
    const rows = data.map((r) => {
      const [lat, lng] = latLng(r.code, r.level);
      return {
        code: r.code, name: r.name, level: r.level, parentCode: r.parent, population: popOf(r.code, r.level),
        lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6,
      };
    });
    for (let i = 0; i < rows.length; i += 2000) await this.q.insert(schema.regions).values(rows.slice(i, i + 2000));
  }

  private commIdxMap?: Map<string, number>;
  private commIndex(code: string): number {
    this.commIdxMap ??= new Map(this.communities.map((c) => [c.code, c.idx]));
    return this.commIdxMap.get(code)!;
  }

  // -------------------------------------------------------------------------- settings, campaign

  private async seedSettingsAndCampaign(): Promise<void> {
    const at = new Date(cstMs(this.startDay - 7, 10));
    await this.q.insert(schema.settings).values([
      { key: "points_per_hour", value: "10", updatedAt: at },
      { key: "overdue_escalation_days", value: "3", updatedAt: at },
      { key: "dispatch_overdue_hours", value: "2", updatedAt: at },
    ]);
    await this.q.insert(schema.campaigns).values({
      id: 1, name: CAMPAIGN_NAME, regionCode: "3702", startDate: this.o.campaignStart, days: CAMPAIGN_DAYS, createdAt: at,
    });
  }

  // -------------------------------------------------------------------------- volunteers (plan)

  /** Registration-day sampler: ~65 % before the campaign (2018 → start), the rest during it. */
  private registrationDays(): { pre: CumulativeSampler; preFrom: number; during: CumulativeSampler } {
    const preFrom = Math.min(isoToDay("2018-01-01"), this.startDay - 365);
    const yearWeight: Record<number, number> = { 2018: 3, 2019: 5, 2020: 7, 2021: 8, 2022: 9, 2023: 11, 2024: 13, 2025: 15, 2026: 14 };
    const pre: number[] = [];
    for (let d = preFrom; d < this.startDay; d++) {
      const y = Number(dayToIso(d).slice(0, 4));
      pre.push((yearWeight[y] ?? 14) * (weekday(d) === 0 || weekday(d) === 6 ? 1.2 : 1));
    }
    const during: number[] = [];
    for (let d = this.startDay; d <= this.asOfDay; d++) {
      const k = d - this.startDay;
      let w = 1 + 2 * Math.min(1, k / 21); // rising in the weeks after the start
      if (k > 50) w *= Math.max(0.6, 1 - (k - 50) / 150);
      during.push(w * (weekday(d) === 0 || weekday(d) === 6 ? 1.25 : 1));
    }
    return { pre: new CumulativeSampler(pre), preFrom, during: new CumulativeSampler(during) };
  }

  private planVolunteers(): void {
    const rng = this.rng.fork("volunteer-plan");
    // volunteers per district and community
    for (const d of this.districts) {
      d.vols = Math.round(d.pop * d.share);
      const comms = d.communities.map((i) => this.communities[i]!);
      const counts = apportion(d.vols, comms.map((c) => c.pop * rng.float(0.6, 1.4)));
      comms.forEach((c, i) => {
        c.vols = counts[i]!;
        this.streets[c.s]!.vols += c.vols;
      });
    }
    const V = (this.V = this.districts.reduce((a, d) => a + d.vols, 0));
    // registration days, then ids in registration order (random within a day)
    const reg = this.registrationDays();
    const comm = new Int32Array(V);
    const regDay = new Int32Array(V);
    let k = 0;
    for (const c of this.communities) {
      for (let j = 0; j < c.vols; j++, k++) {
        comm[k] = c.idx;
        regDay[k] = rng.chance(0.65) || reg.during.size === 0 ? reg.preFrom + reg.pre.draw(rng) : this.startDay + reg.during.draw(rng);
      }
    }
    const perm = new Int32Array(V);
    for (let i = 0; i < V; i++) perm[i] = i;
    for (let i = V - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
    }
    const SHIFT = 4194304; // 2^22 > any V
    const keys = new Float64Array(V);
    for (let j = 0; j < V; j++) keys[j] = (regDay[perm[j]!]! - 10000) * SHIFT + j;
    keys.sort();
    this.vComm = new Int32Array(V);
    this.vReg = new Int32Array(V);
    for (let i = 0; i < V; i++) {
      const src = perm[keys[i]! - Math.floor(keys[i]! / SHIFT) * SHIFT]!;
      this.vComm[i] = comm[src]!;
      this.vReg[i] = regDay[src]!;
    }
    // activity propensity, sector intentions, star-level targets
    this.vWeight = new Float64Array(V);
    this.vTarget = new Float32Array(V);
    this.vVerified = new Float64Array(V);
    this.vSectors = new Uint8Array(V);
    this.vPrimaryOrg = new Int32Array(V);
    this.mark = new Int32Array(V).fill(-1);
    for (let i = 0; i < V; i++) {
      this.vWeight[i] = rng.chance(0.18) ? 0.03 : rng.logNormal(1, 0.9);
      const town = this.streets[this.communities[this.vComm[i]!]!.s]!.town;
      let mask = 0;
      const n = rng.weightedPair([[1, 45], [2, 38], [3, 17]] as const);
      while (bitCount(mask) < n) {
        const s = rng.weightedIndex(town ? [3, 2, 3, 1, 2, 1.5] : [3, 2.5, 0.3, 2.5, 2.5, 1.5]);
        mask |= 1 << s;
      }
      this.vSectors[i] = mask;
    }
    // The very active: 1★–5★ targets among volunteers registered before 2024.
    const candidates = upperBound(this.vReg, isoToDay("2024-01-01") - 1);
    const bands: [number, number, number][] = [
      [0.017, 105, 290],
      [0.006, 310, 590],
      [0.002, 610, 980],
      [0.0006, 1010, 1480],
      [0.0003, 1510, 1950],
    ];
    const wanted = bands.map(([f]) => Math.max(1, Math.round(V * f)));
    const total = Math.min(candidates, wanted.reduce((a, b) => a + b, 0));
    const picked = new Int32Array(candidates);
    for (let i = 0; i < candidates; i++) picked[i] = i;
    for (let i = 0; i < total; i++) {
      const j = i + Math.floor(rng.next() * (candidates - i));
      const t = picked[i]!;
      picked[i] = picked[j]!;
      picked[j] = t;
    }
    let cursor = 0;
    bands.forEach(([, lo, hi], b) => {
      for (let n = 0; n < wanted[b]! && cursor < total; n++, cursor++) {
        const v = picked[cursor]!;
        this.vTarget[v] = rng.float(lo, hi);
        this.vWeight[v] = 2 + this.vTarget[v]! / 150;
      }
    });
    // sampling pools per district and street (ids ascending = registration order)
    const perDistrict: number[][] = this.districts.map(() => []);
    const perStreet: number[][] = this.streets.map(() => []);
    for (let i = 0; i < V; i++) {
      const c = this.communities[this.vComm[i]!]!;
      perDistrict[c.d]!.push(i);
      perStreet[c.s]!.push(i);
    }
    const pool = (ids: number[]) => {
      const a = Int32Array.from(ids);
      const regs = new Int32Array(a.length);
      const w = new Float64Array(a.length);
      for (let j = 0; j < a.length; j++) {
        regs[j] = this.vReg[a[j]!]!;
        w[j] = this.vWeight[a[j]!]!;
      }
      return { ids: a, regs, sampler: new CumulativeSampler(w) };
    };
    this.distPool = perDistrict.map(pool);
    this.streetPool = perStreet.map(pool);
    this.globalSampler = new CumulativeSampler(this.vWeight);
    // checkpoints for the redemption budgets (see seedTimeBank)
    const span = Math.max(1, this.asOfEnd - cstMs(this.startDay));
    const K = Math.max(1, Math.min(12, Math.ceil(span / (7 * DAY_MS))));
    for (let i = 0; i < K; i++) this.ckMs.push(cstMs(this.startDay) + Math.floor((span * i) / K));
    this.ckDelta = new Int32Array(K * V);
    this.campaignHoursByStreet = new Float64Array(this.streets.length);
  }

  // -------------------------------------------------------------------------- organizations

  private orgNames = new Set<string>();

  private uniqueName(base: string, rng: Rng, alts: string[]): string {
    if (!this.orgNames.has(base)) {
      this.orgNames.add(base);
      return base;
    }
    for (const a of alts) {
      if (!this.orgNames.has(a)) {
        this.orgNames.add(a);
        return a;
      }
    }
    const ordinals = ["二", "三", "四", "五", "六", "七", "八", "九", "十"];
    for (let i = 0; ; i++) {
      const n = `${base.replace(/(队|会|站|中心|联盟)$/, "")}第${ordinals[i % 9]}${i >= 9 ? Math.floor(i / 9) + 1 : ""}分队`;
      if (!this.orgNames.has(n)) {
        this.orgNames.add(n);
        return n;
      }
      if (i > 200) return `${base}（${rng.int(1000, 9999)}）`;
    }
  }

  private orgName(type: N.OrgTypeKey, isTeam: boolean, c: Community, rng: Rng): string {
    const s = this.streets[c.s]!;
    const d = this.districts[c.d]!;
    const alts = [`${s.name}${c.name}${N.TEAM_SUFFIX[0]}`, `${d.short}${s.short}${rng.pick(N.TEAM_SUFFIX)}`];
    let base: string;
    switch (type) {
      case "community":
        base = isTeam ? `${c.name}${rng.pick(["志愿服务队", "邻里互助队", "红马甲志愿服务队"])}` : `${c.name}新时代文明实践站`;
        break;
      case "party":
        base = isTeam ? `${s.name}党员先锋志愿服务队` : `${s.name}${rng.pick(N.PARTY_UNITS)}志愿服务队`;
        if (!isTeam && this.orgNames.has(base)) base = `${c.name}${rng.pick(N.PARTY_UNITS)}志愿服务队`;
        break;
      case "youth":
        base = isTeam ? `共青团${s.name}青年突击队` : `${d.short}青年志愿者协会${s.short}分会`;
        break;
      case "women":
        base = isTeam ? `${s.name}巾帼志愿服务队` : `${s.name}妇联巾帼志愿者协会`;
        break;
      case "union": {
        const e = rng.pick(N.ENTERPRISES);
        base = `${e}${d.short}工会职工志愿服务队`;
        alts.unshift(`${e}${s.short}工会志愿服务队`);
        break;
      }
      case "school": {
        if (rng.chance(0.35)) base = `${rng.pick(N.UNIVERSITIES)}青年志愿者协会${d.short}服务队`;
        else base = `${d.short}${s.short}${rng.pick(N.SCHOOL_KINDS)}${rng.pick(["家长志愿服务队", "师生志愿服务队", "红领巾志愿服务队"])}`;
        break;
      }
      case "enterprise": {
        const e = rng.pick(N.ENTERPRISES);
        base = `${e}${s.short}${rng.pick(["志愿服务队", "爱心服务队", "青年志愿者服务队"])}`;
        break;
      }
      default:
        base = `${d.short}${s.short}${rng.pick(N.SOCIAL_THEMES)}${rng.pick(N.SOCIAL_SUFFIX)}`;
    }
    return this.uniqueName(base, rng, alts);
  }

  private orgSectors(town: boolean, rng: Rng): Sector[] {
    const n = rng.weightedPair([[1, 35], [2, 40], [3, 25]] as const);
    const w = town ? [3, 2, 3, 1, 2, 1.5] : [3, 2.5, 0.15, 2.5, 2.5, 1.5];
    const set = new Set<Sector>();
    while (set.size < n) set.add(SECTORS[rng.weightedIndex(w)]!);
    return SECTORS.filter((s) => set.has(s));
  }

  private async seedOrganizations(): Promise<void> {
    const rng = this.rng.fork("organizations");
    const total = Math.max(2 * this.districts.length, Math.round(this.V / this.p.volunteersPerOrg));
    const perDistrict = apportion(total, this.districts.map((d) => d.vols), 2);
    const typeWeights: [N.OrgTypeKey, number][] = [
      ["party", 12], ["youth", 12], ["women", 10], ["union", 8], ["school", 12], ["enterprise", 12], ["social", 14], ["community", 20],
    ];
    const add = (o: Omit<Org, "id">): Org => {
      const org = { ...o, id: this.orgs.length + 1 };
      this.orgs.push(org);
      const s = this.streets[org.s]!;
      const d = this.districts[org.d]!;
      s.orgs.push(org.id);
      d.orgs.push(org.id);
      if (org.isTeam) {
        s.teams.push(org.id);
        d.teams.push(org.id);
      }
      return org;
    };
    // 水集街道新时代文明实践志愿服务队 first: the lowest id in 370285001 (administered by org_admin).
    const shuiji = this.streetByCode.get(SHUIJI_STREET)!;
    const shuijiComm = this.communities[shuiji.communities[0]!]!;
    this.orgNames.add(SHUIJI_ORG_NAME);
    add({
      name: SHUIJI_ORG_NAME, type: "community", isTeam: true, parentId: null, c: shuijiComm.idx, s: shuiji.idx, d: shuiji.d,
      lat: shuijiComm.lat + 0.002, lng: shuijiComm.lng + 0.002, sectors: ["elderly", "minors", "urban_warmth", "environment", "safety_rescue"],
      foundedDay: isoToDay("2019-03-05"),
    });
    const foundedFrom = isoToDay("2012-01-01");
    const foundedTo = Math.min(this.asOfDay - 30, isoToDay("2024-12-31"));
    this.districts.forEach((d, di) => {
      const streets = d.streets.map((i) => this.streets[i]!);
      const quota = perDistrict[di]!;
      const perStreet = apportion(quota, streets.map((s) => s.vols + 1), quota >= streets.length ? 1 : 0);
      let districtHasTeam = d.teams.length > 0;
      streets.forEach((s, si) => {
        let n = perStreet[si]!;
        if (s.code === SHUIJI_STREET) n = Math.max(0, n - 1);
        const comms = s.communities.map((i) => this.communities[i]!);
        for (let k = 0; k < n; k++) {
          const c = comms[rng.weightedIndex(comms.map((x) => x.vols + 0.5))]!;
          // every district has a team; so has every street with several organizations; ~40 % overall
          const firstInStreet = s.orgs.length === 0 && n >= 2;
          const isTeam = firstInStreet || !districtHasTeam ? true : rng.chance(n >= 2 ? 0.3 : 0.38);
          districtHasTeam ||= isTeam;
          const type = rng.weightedPair(typeWeights);
          const parents = isTeam ? d.orgs.filter((id) => !this.orgs[id - 1]!.isTeam) : [];
          add({
            name: this.orgName(type, isTeam, c, rng), type, isTeam,
            parentId: parents.length > 0 && rng.chance(0.35) ? rng.pick(parents) : null,
            c: c.idx, s: s.idx, d: di, lat: c.lat + rng.float(-0.005, 0.005), lng: c.lng + rng.float(-0.005, 0.005),
            sectors: this.orgSectors(s.town, rng), foundedDay: rng.int(foundedFrom, foundedTo),
          });
        }
      });
    });
    const w = this.writer(schema.organizations, [
      "id", "name", "type", "isTeam", "parentId", "regionCode", "supervisorCode", "address", "lat", "lng", "sectors",
      "contactName", "contactPhone", "foundedOn", "createdAt",
    ]);
    const names = this.nameMaker(this.rng.fork("org-contacts"));
    for (const o of this.orgs) {
      const c = this.communities[o.c]!;
      const s = this.streets[o.s]!;
      w.push([
        o.id, o.name, o.type, o.isTeam, o.parentId, c.code, s.code,
        `${this.districts[o.d]!.name}${s.name}${c.name}${rng.pick(N.ADDRESS_PLACES)}`,
        round6(o.lat), round6(o.lng), o.sectors, names.name(rng.chance(0.5) ? "M" : "F", 1980),
        `0532-${rng.int(80000000, 89999999)}`, dayToIso(o.foundedDay),
        (cstMs(Math.max(o.foundedDay, isoToDay("2018-01-01")), 9 + rng.int(0, 16) / 2)),
      ]);
      await w.maybeFlush();
    }
    await w.flush();
  }

  private async seedUsers(): Promise<void> {
    const at = cstMs(this.startDay - 30, 9);
    await this.q.insert(schema.users).values(
      USERS.map((u, i) => ({
        id: i + 1, username: u.username, displayName: u.displayName, role: u.role, scopeCode: u.scope,
        organizationId: u.role === "org_admin" ? 1 : null, passwordHash: this.passwordHash, mustChangePassword: false,
        // The password really is set now (not at the simulated date), so the 90-day rule starts today.
        passwordChangedAt: new Date(), createdAt: new Date(at),
        // Test profile only: the three administrators are enrolled in TOTP with a published secret,
        // so tests can compute codes. Other profiles enrol at first login (lib/auth, docs/security.md).
        ...(this.p.name === "test" && ADMIN_ROLES.includes(u.role)
          ? { totpSecret: encryptPii(TEST_PROFILE_TOTP_SECRET), totpEnabledAt: new Date(at) }
          : {}),
      })),
    );
    await this.q.insert(schema.permissionGrants).values({
      userId: U.wmb, permission: "pii_reveal", grantedBy: U.secadmin, grantedAt: new Date(at + HOUR_MS),
    });
  }

  /** Who reviews (and enters, for the 水集 org) hours of an organization: a demo account. */
  private reviewerFor(orgId: number): number {
    if (orgId === 1) return U.orgAdmin;
    const s = this.streets[this.orgs[orgId - 1]!.s]!;
    if (s.code === SHUIJI_STREET) return U.shuiji;
    if (s.code === WANGCHENG_STREET) return U.wangcheng;
    if (s.code.startsWith(LAIXI)) return U.laixiWmb;
    return U.wmb;
  }

  // -------------------------------------------------------------------------- names & PII

  private nameMaker(rng: Rng) {
    const surnames = new CumulativeSampler(N.SURNAMES.map((s) => s[1]));
    return {
      name: (g: "M" | "F", birthYear: number): string => {
        const sn = N.SURNAMES[surnames.draw(rng)]![0];
        if (birthYear < 1970 && rng.chance(0.4)) return sn + rng.pick(g === "M" ? N.GIVEN_OLDER_MALE : N.GIVEN_OLDER_FEMALE);
        const pool = g === "M" ? N.GIVEN_MALE : N.GIVEN_FEMALE;
        return sn + rng.pick(pool) + (rng.chance(0.65) ? rng.pick(pool) : "");
      },
    };
  }

  // -------------------------------------------------------------------------- volunteers

  private async seedVolunteers(): Promise<void> {
    const rng = this.rng.fork("volunteers");
    const names = this.nameMaker(rng);
    const vw = this.writer(schema.volunteers, [
      "id", "volunteerNo", "name", "idCardEnc", "idCardHash", "idPrefix", "idLast4", "phoneEnc", "phoneHash", "phoneLast4",
      "gender", "birthDate", "communityCode", "registeredOn", "skills", "sectorIntentions", "status", "createdAt", "updatedAt",
    ]);
    const mw = this.writer(schema.memberships, ["volunteerId", "organizationId", "role", "joinedOn"]);
    const idSeq = new Map<string, number>();
    const phonePrefixes = ["13", "15", "18", "17", "19", "16", "14"];
    const phoneMul = 387420489; // 3^18, coprime to 10^9 → a permutation of the 9-digit suffixes
    const phoneAdd = (this.o.seed * 7919) % 1_000_000_000;
    const orgHasLeader = new Uint8Array(this.orgs.length + 1);
    const memberV: number[] = [];
    const memberO: number[] = [];
    for (let i = 0; i < this.V; i++) {
      const id = i + 1;
      const c = this.communities[this.vComm[i]!]!;
      const s = this.streets[c.s]!;
      const d = this.districts[c.d]!;
      const reg = this.vReg[i]!;
      const g: "M" | "F" = rng.chance(0.44) ? "M" : "F";
      // age at as-of: skewed 25–55, and at least 16 on the registration day
      const minAge = 16 + (this.asOfDay - reg) / 365.25 + 0.01;
      let age = 0;
      for (let t = 0; t < 8 && age < minAge; t++) {
        const r = rng.next();
        age = r < 0.12 ? rng.float(16, 25) : r < 0.8 ? rng.float(25, 55) : rng.float(55, 75);
      }
      if (age < minAge) age = Math.min(75, minAge + rng.float(0, 10));
      const birthDay = this.asOfDay - Math.floor(age * 365.25);
      const birth = dayToIso(birthDay);
      const key = `${d.idx}:${birthDay}:${g}`;
      const n = idSeq.get(key) ?? 0;
      idSeq.set(key, n + 1);
      const seq3 = 2 * ((hashDay(birthDay, d.idx) + n) % 500) + (g === "M" ? 1 : 0);
      const idCard = makeIdCard(d.code, birth, seq3);
      const suffix = (i * phoneMul + phoneAdd) % 1_000_000_000;
      const phone = `${phonePrefixes[(i + (suffix % 7)) % 7]}${String(suffix).padStart(9, "0")}`;
      const skills = rng.chance(0.4) ? [] : rng.sample(N.SKILLS, rng.int(1, 3));
      const sectors = SECTORS.filter((_, b) => (this.vSectors[i]! >> b) & 1);
      const created = this.cap(cstMs(reg, rng.float(8, 21)));
      vw.push([
        id, `QD${String(id).padStart(8, "0")}`, names.name(g, Number(birth.slice(0, 4))), encryptPii(idCard), piiHash(idCard),
        idCard.slice(0, 6), idCard.slice(-4), encryptPii(phone), piiHash(phone), phone.slice(-4), g, birth, c.code, dayToIso(reg),
        skills, sectors, "active", (created), (created),
      ]);
      // memberships: 1–2 organizations of the district, mostly of the own street
      const local = s.orgs;
      const wide = d.orgs;
      let primary: number;
      if (local.length > 0 && rng.chance(0.88)) {
        primary = local[rng.weightedIndex(local.map((oid) => (this.orgs[oid - 1]!.c === c.idx ? 4 : 1)))]!;
      } else primary = rng.pick(wide);
      this.vPrimaryOrg[i] = primary;
      const mine = [primary];
      if (wide.length > 1 && rng.chance(0.38)) {
        const pool = local.length > 1 && rng.chance(0.6) ? local : wide;
        const other = rng.pick(pool);
        if (other !== primary) mine.push(other);
      }
      for (const oid of mine) {
        const o = this.orgs[oid - 1]!;
        const joined = Math.min(this.asOfDay, Math.max(reg, o.foundedDay) + rng.int(0, 20));
        const role = orgHasLeader[oid] ? "member" : "leader";
        orgHasLeader[oid] = 1;
        mw.push([id, oid, role, dayToIso(joined)]);
        memberV.push(id);
        memberO.push(oid);
      }
      if (vw.full) await vw.flush();
      if (mw.full) await mw.flush();
    }
    await vw.flush();
    await mw.flush();
    // members per organization (CSR), in volunteer-id order
    const start = new Int32Array(this.orgs.length + 2);
    for (const oid of memberO) start[oid + 1]!++;
    for (let k = 1; k < start.length; k++) start[k]! += start[k - 1]!;
    const fill = start.slice();
    const members = new Int32Array(memberO.length);
    for (let k = 0; k < memberO.length; k++) members[fill[memberO[k]!]!++] = memberV[k]!;
    this.orgMemberStart = start;
    this.orgMembers = members;
  }

  // -------------------------------------------------------------------------- partners, projects

  private async seedPartnersAndProjects(): Promise<void> {
    const rng = this.rng.fork("projects");
    const pw = this.writer(schema.partners, ["id", "name", "kind", "regionCode", "agreementDate", "amountYuan", "inKind"]);
    const used = new Set<string>();
    const enterprises = rng.shuffle([...N.ENTERPRISES]);
    const foundations = rng.shuffle([...N.FOUNDATIONS]);
    const agreeFrom = isoToDay("2023-03-01");
    for (let i = 0; i < this.p.partners; i++) {
      const foundation = rng.chance(0.3) && foundations.length > 0;
      let name: string;
      let region: string;
      if (foundation) {
        name = foundations.pop()!;
        region = "3702";
      } else {
        const d = rng.pick(this.districts);
        region = d.code;
        name = enterprises.length > 0 && rng.chance(0.6) ? enterprises.pop()! : `${rng.pick(N.PARTNER_PREFIX)}${rng.pick(["商贸", "科技", "实业", "食品", "物业", "医药", "建设"])}${rng.pick(N.PARTNER_SUFFIX)}`;
      }
      while (used.has(name)) name = `${name.replace(/有限公司$/, "")}${d2(rng.int(2, 99))}号有限公司`;
      used.add(name);
      const amount = foundation ? rng.int(10, 500) * 10000 : rng.int(5, 200) * 10000;
      this.partners.push({ id: i + 1, kind: foundation ? "foundation" : "enterprise", regionCode: region });
      pw.push([
        i + 1, name, foundation ? "foundation" : "enterprise", region, dayToIso(rng.int(agreeFrom, Math.max(agreeFrom, this.asOfDay - 1))),
        amount.toFixed(2), rng.chance(0.4) ? rng.pick(N.IN_KIND) : null,
      ]);
    }
    await pw.flush();

    // sector weights per street, with deliberate gaps (a sector or two with no project at all)
    const streetWeights = this.streets.map((s) => {
      const d = this.districts[s.d]!;
      const w: number[] = s.town
        ? [2, 1.5, 3, 0.6, 1.2, 1]
        : CORE_URBAN.has(d.code)
          ? [2, 1.6, d.code === "370202" || d.code === "370203" ? 0.01 : 0.05, 2, 1.5, 1]
          : [2, 1.5, 0.4, 1.6, 1.4, 1];
      const gaps = rng.chance(0.55) ? (rng.chance(0.35) ? 2 : 1) : 0;
      for (let g = 0; g < gaps; g++) w[rng.int(0, 5)] = 0;
      if (!w.some((x) => x > 0)) w[0] = 1;
      return w;
    });
    const count = Math.max(this.districts.length * 3, Math.round(this.orgs.length * this.p.projectsPerOrg));
    const streetPick = new CumulativeSampler(this.streets.map((s) => Math.sqrt(s.vols + 1) * (s.orgs.length > 0 ? 1 : 0.2)));
    const prw = this.writer(schema.projects, [
      "id", "name", "sector", "regionCode", "organizationId", "partnerId", "startDate", "endDate", "status", "description", "createdAt",
    ]);
    const names = new Set<string>();
    for (let i = 0; i < count; i++) {
      const s = this.streets[streetPick.draw(rng)]!;
      const d = this.districts[s.d]!;
      const sector = SECTORS[rng.weightedIndex(streetWeights[s.idx]!)]!;
      const orgPool = s.orgs.length > 0 && rng.chance(0.8) ? s.orgs : d.orgs;
      const org = this.orgs[rng.pick(orgPool) - 1]!;
      const c = org.s === s.idx && rng.chance(0.5) ? this.communities[org.c]! : this.communities[rng.pick(s.communities)]!;
      const r = rng.next();
      const status: Project["status"] = r < 0.75 ? "active" : r < 0.87 ? "closed" : "planned";
      let startDay: number;
      let endDay: number | null = null;
      if (status === "planned") startDay = this.asOfDay + rng.int(7, 60);
      else {
        const u = rng.next();
        startDay = u < 0.4 ? rng.int(isoToDay("2023-03-01"), isoToDay("2024-12-31")) : u < 0.75 ? rng.int(isoToDay("2025-01-01"), isoToDay("2025-12-31")) : rng.int(isoToDay("2026-01-01"), isoToDay("2026-08-31"));
        startDay = Math.max(org.foundedDay, Math.min(startDay, this.asOfDay - 10));
        if (status === "closed") endDay = Math.min(this.asOfDay - 1, startDay + rng.int(90, 540));
        else if (rng.chance(0.3)) endDay = Math.max(this.asOfDay + 30, startDay + 365 * rng.int(1, 3));
      }
      const phrase = rng.pick(N.PROJECT_PHRASES[sector]);
      let name = `${rng.chance(0.5) ? c.name : s.name}${phrase}项目`;
      if (names.has(name)) name = `${d.short}${c.name}${phrase}项目`;
      if (names.has(name)) name = `${name.replace(/项目$/, "")}（${dayToIso(startDay).slice(0, 4)}）项目`;
      if (names.has(name)) name = `${name.replace(/项目$/, "")}${i}号项目`;
      names.add(name);
      const partners = this.partners.filter((pt) => pt.regionCode === "3702" || pt.regionCode === d.code);
      const partnerId = partners.length > 0 && rng.chance(0.4) ? rng.pick(partners).id : null;
      const proj: Project = { id: i + 1, name, sector, c: c.idx, s: s.idx, d: d.idx, org: org.id, partnerId, startDay, endDay, status };
      this.projects.push(proj);
      s.projects.push(proj.id);
      const created = this.cap(cstMs(Math.min(startDay, this.asOfDay) - rng.int(5, 40), 10));
      prw.push([
        proj.id, name, sector, c.code, org.id, partnerId, dayToIso(startDay), endDay === null ? null : dayToIso(endDay), status,
        `${N.SECTOR_LABEL[sector]}板块项目：在${s.name}${c.name}开展${phrase}志愿服务。`, (created),
      ]);
    }
    await prw.flush();
  }

  // -------------------------------------------------------------------------- activities

  private async seedActivities(): Promise<void> {
    const rng = this.rng.fork("activities");
    const from = Math.min(this.historyDay, this.startDay - 30);
    const to = this.asOfDay + 30;
    const dayW: number[] = [];
    for (let d = from; d <= to; d++) {
      let w = d < this.startDay ? 1 : d < this.startDay + CAMPAIGN_DAYS ? 2.4 : 1.8;
      if (weekday(d) === 0 || weekday(d) === 6) w *= 1.5;
      dayW.push(w);
    }
    const daySampler = new CumulativeSampler(dayW);
    const distSampler = new CumulativeSampler(this.districts.map((d) => d.vols + 1));
    const projByDistrict: number[][] = this.districts.map(() => []);
    for (const p of this.projects) projByDistrict[p.d]!.push(p.id);
    const specs: Activity[] = [];
    for (let i = 0; i < this.p.activities; i++) {
      const day = from + daySampler.draw(rng);
      const d = this.districts[distSampler.draw(rng)]!;
      let proj: Project | null = null;
      const plist = projByDistrict[d.idx]!;
      for (let t = 0; t < 10 && plist.length > 0; t++) {
        const p = this.projects[rng.pick(plist) - 1]!;
        if (p.status !== "planned" && p.startDay <= day && (p.endDay === null || p.endDay >= day)) {
          proj = p;
          break;
        }
      }
      const org = proj ? this.orgs[proj.org - 1]! : this.orgs[rng.pick(d.orgs) - 1]!;
      const sector: Sector = proj ? proj.sector : rng.pick(org.sectors);
      const street = this.streets[proj ? proj.s : org.s]!;
      const c = proj && rng.chance(0.7) ? this.communities[proj.c]! : this.communities[rng.pick(street.communities)]!;
      const startH = 8 + 0.5 * rng.int(0, 12);
      const spanH = 2 + 0.5 * rng.int(0, 4);
      const startMs = cstMs(day, startH);
      specs.push({
        id: 0, title: `${c.name}${rng.pick(N.ACTIVITY_PHRASES[sector])}`, projectId: proj ? proj.id : null, org: org.id, sector, c: c.idx, d: d.idx,
        day, startMs, endMs: startMs + spanH * HOUR_MS, spanH, capacity: 0, participants: 0, requirements: rng.pick(N.ACTIVITY_REQUIREMENTS),
        status: "open", createdMs: 0, peopleServed: null, problemsSolved: null,
      });
    }
    specs.sort((a, b) => a.startMs - b.startMs || a.c - b.c);
    let completed = 0;
    for (const a of specs) {
      if (a.endMs <= this.asOfEnd) {
        a.status = rng.chance(0.96) ? "completed" : "cancelled";
        if (a.status === "completed") completed++;
      } else {
        // future: open for enrolment; some already full (closed), a few called off
        const full = (a.day - this.asOfDay <= 3 && rng.chance(0.4)) || rng.chance(0.12);
        a.status = full ? "closed" : rng.chance(0.05) ? "cancelled" : "open";
      }
    }
    // participants per completed activity, scaled to the profile's service-record target
    const target = this.p.serviceRecords * 0.72;
    const mean = Math.max(3, target / Math.max(1, completed));
    const sigma = 0.45;
    const norm = Math.exp((sigma * sigma) / 2);
    const aw = this.writer(schema.activities, [
      "id", "title", "projectId", "organizationId", "sector", "regionCode", "address", "startsAt", "endsAt", "capacity", "requirements",
      "status", "peopleServed", "problemsSolved", "createdBy", "createdAt",
    ]);
    specs.forEach((a, i) => {
      a.id = i + 1;
      a.participants = Math.max(3, Math.round((mean * rng.logNormal(1, sigma)) / norm));
      a.capacity = Math.max(10, a.participants + rng.int(0, Math.ceil(a.participants * 0.4)));
      if (a.status !== "completed") a.participants = 0;
      a.createdMs = this.cap(cstMs(a.day - rng.int(3, 14), 9 + rng.int(0, 16) / 2));
      if (a.status === "completed") {
        a.peopleServed = Math.min(250, Math.max(10, Math.round(a.participants * rng.float(1, 4))));
        a.problemsSolved = rng.int(0, Math.min(30, Math.ceil(a.participants / 3)));
      }
    });
    this.activities = specs;
    for (const a of specs) {
      const c = this.communities[a.c]!;
      aw.push([
        a.id, a.title, a.projectId, a.org, a.sector, c.code, `${this.streets[c.s]!.name}${c.name}${rng.pick(N.ADDRESS_PLACES)}`,
        (a.startMs), (a.endMs), a.capacity, a.requirements, a.status, a.peopleServed, a.problemsSolved,
        a.org === 1 ? U.orgAdmin : null, (a.createdMs),
      ]);
      await aw.maybeFlush();
    }
    await aw.flush();
  }

  // -------------------------------------------------------------------------- service records

  /**
   * When a batch of hours entered at `enteredMs` for work done on `day` gets reviewed, or null
   * while it is still pending. Hours are entered and reviewed per batch (an activity's roster, a
   * demand's helpers, a month of imported history) — the way organizers and street offices work.
   * Older than 14 days → ~2 % still pending; recent → more pending.
   */
  private batchReview(rng: Rng, day: number, enteredMs: number, orgId: number): number | null {
    const age = this.asOfDay - day;
    const pPending = age < 14 ? 0.6 - 0.035 * age : 0.02;
    if (rng.chance(pPending)) return null;
    // The supervising street office reviews hours once a week, on a fixed weekday (集中审核日).
    const s = this.orgs[orgId - 1]!.s;
    const a = 1 + (s % 5);
    const b = a;
    let d = this.dayOf(enteredMs + 2 * HOUR_MS);
    if (rng.chance(0.2)) d += 7; // missed the first slot
    for (let k = 0; k < 14; k++, d++) {
      const w = weekday(d);
      if (w !== a && w !== b) continue;
      const ms = Math.max(cstMs(d, rng.float(9, 17)), enteredMs + 2 * HOUR_MS);
      if (this.dayOf(ms) !== d) continue;
      return ms <= this.asOfEnd ? ms : null;
    }
    return null;
  }

  /**
   * One service record of a reviewed (or pending) batch: ~3 % of reviewed records are rejected,
   * and a few verified ones are later found to be duplicates (earn + reverse in the ledger).
   */
  private pushRecord(
    rng: Rng,
    vIdx: number,
    activityId: number | null,
    demandId: number | null,
    orgId: number,
    sector: Sector,
    day: number,
    hours: number,
    enteredMs: number,
    batchReviewedMs: number | null,
  ): void {
    const age = this.asOfDay - day;
    let reviewedMs = batchReviewedMs;
    let status: "pending" | "verified" | "rejected" = reviewedMs === null ? "pending" : rng.chance(0.031) ? "rejected" : "verified";
    let rejectReason: string | null = null;
    let version = 1;
    const id = ++this.srId;
    const reviewer = this.reviewerFor(orgId);
    const c = this.vComm[vIdx]!;
    if (status === "rejected") {
      rejectReason = rng.pick(N.REJECT_REASONS);
      version = 2;
    } else if (status === "verified") {
      version = 2;
      const points = Math.round(hours * 10);
      if (age >= 20 && rng.chance(0.0015)) {
        // verified, then found to be a duplicate: an earn and a reversing entry
        const reversedMs = reviewedMs! + Math.min(this.asOfEnd - reviewedMs!, rng.int(3, 20) * DAY_MS);
        if (reversedMs > reviewedMs!) {
          this.pendingEntries.push(
            { volunteerId: vIdx + 1, amount: points, kind: "earn", c, serviceRecordId: id, demandId: null, dedupeKey: `earn:sr:${id}`, note: null, createdBy: reviewer, ms: reviewedMs! },
            { volunteerId: vIdx + 1, amount: -points, kind: "reverse", c, serviceRecordId: id, demandId: null, dedupeKey: `reverse:sr:${id}`, note: N.REVERSE_REASON, createdBy: reviewer, ms: reversedMs },
          );
          status = "rejected";
          rejectReason = N.REVERSE_REASON;
          reviewedMs = reversedMs;
          version = 3;
        }
      }
      if (status === "verified") {
        this.verifiedRecords++;
        this.vVerified[vIdx]! += hours;
        if (day >= this.startDay) this.campaignHoursByStreet[this.communities[c]!.s]! += hours;
        // redemption budgets: points count from the first checkpoint at or after the review
        let b = 0;
        while (b < this.ckMs.length && this.ckMs[b]! <= reviewedMs!) b++;
        if (b < this.ckMs.length) this.ckDelta[b * this.V + vIdx]! += points;
      }
    }
    this.sr.push([
      id, vIdx + 1, activityId, demandId, orgId, this.communities[c]!.code, sector, dayToIso(day), hours.toFixed(2), status,
      orgId === 1 ? U.orgAdmin : null, (enteredMs), status === "pending" ? null : reviewer,
      status === "pending" ? null : (reviewedMs!), rejectReason, version,
    ]);
  }

  /**
   * Draws a volunteer registered on or before `day` for an activity in street `s`: most come
   * from the street itself, many from elsewhere in the district, a few from across the city.
   */
  private drawVolunteer(rng: Rng, s: number, d: number, day: number): number {
    const r = rng.next();
    if (r < 0.55) {
      const pool = this.streetPool[s]!;
      const m = upperBound(pool.regs, day);
      if (m > 0) return pool.ids[pool.sampler.draw(rng, m)]!;
    }
    if (r < 0.92) {
      const pool = this.distPool[d]!;
      const m = upperBound(pool.regs, day);
      if (m > 0) return pool.ids[pool.sampler.draw(rng, m)]!;
    }
    const m = upperBound(this.vReg, day);
    return m > 0 ? this.globalSampler.draw(rng, m) : -1;
  }

  private async seedActivityRecords(): Promise<void> {
    const rng = this.rng.fork("activity-records");
    const ew = this.writer(schema.enrolments, ["activityId", "volunteerId", "enrolledAt", "checkedInAt", "status"]);
    const recentFrom = this.asOfDay - 20;
    for (const a of this.activities) {
      const s = this.communities[a.c]!.s;
      if (a.status === "completed") {
        const chosen: number[] = [];
        for (let t = 0; chosen.length < a.participants && t < a.participants * 3; t++) {
          const v = this.drawVolunteer(rng, s, a.d, a.day);
          if (v < 0 || this.mark[v] === a.id) continue;
          this.mark[v] = a.id;
          chosen.push(v);
        }
        // the organizer enters the roster's hours in one go; the supervisor reviews the batch
        const entered = Math.max(a.endMs, a.endMs + Math.min(this.asOfEnd - a.endMs, rng.logNormal(10 * HOUR_MS, 0.8)));
        const reviewed = this.batchReview(rng, a.day, entered, a.org);
        for (const v of chosen) {
          let hours = a.spanH;
          if (this.vTarget[v] === 0 && rng.chance(0.3)) hours -= 0.5 * rng.int(1, 2);
          hours = Math.max(1, Math.min(4, hours));
          this.pushRecord(rng, v, a.id, null, a.org, a.sector, a.day, hours, entered, reviewed);
        }
        if (a.day >= recentFrom) {
          for (const v of chosen) {
            const enrolled = Math.min(a.startMs - HOUR_MS, a.createdMs + rng.float(0, Math.max(0, a.startMs - a.createdMs - HOUR_MS)));
            ew.push([a.id, v + 1, (enrolled), (a.startMs - rng.int(5, 25) * MINUTE_MS), "enrolled"]);
          }
          const extra = Math.round(chosen.length * 0.12);
          for (let k = 0; k < extra; k++) {
            const v = this.drawVolunteer(rng, s, a.d, a.day);
            if (v < 0 || this.mark[v] === a.id) continue;
            this.mark[v] = a.id;
            const enrolled = a.createdMs + rng.float(0, Math.max(0, a.startMs - a.createdMs - HOUR_MS));
            ew.push([a.id, v + 1, (enrolled), null, rng.chance(0.35) ? "cancelled" : "enrolled"]);
          }
        }
      } else if (a.status === "open" || a.status === "closed") {
        const ahead = a.day - this.asOfDay;
        const n = a.status === "closed" ? a.capacity : Math.round(a.capacity * rng.float(0.15, 0.95) * Math.max(0.1, 1 - ahead / 40));
        for (let k = 0, t = 0; k < n && t < n * 3; t++) {
          const v = this.drawVolunteer(rng, s, a.d, this.asOfDay);
          if (v < 0 || this.mark[v] === a.id) continue;
          this.mark[v] = a.id;
          k++;
          const enrolled = a.createdMs + rng.float(0, Math.max(0, this.asOfEnd - a.createdMs));
          ew.push([a.id, v + 1, (enrolled), null, rng.chance(0.04) ? "cancelled" : "enrolled"]);
        }
      }
      if (ew.full) await ew.flush();
      if (this.sr.full) await this.sr.flush();
    }
    await ew.flush();
    await this.sr.flush();
  }

  /**
   * Pre-campaign history that brings the very active to their star band: regular duty on a few
   * fixed weekdays (activity-less records of their own organization), imported month by month —
   * each month's batch entered on the first days of the next month and reviewed together.
   */
  private async seedHistoryRecords(): Promise<void> {
    const rng = this.rng.fork("history");
    const histEnd = Math.min(this.startDay - 1, this.asOfDay - 15);
    const histStart = histEnd - this.historyDay < 120 ? histEnd - 600 : this.historyDay;
    const monthBatch = new Map<number, { entered: number; reviewed: number | null }>();
    for (let v = 0; v < this.V; v++) {
      const target = this.vTarget[v]!;
      if (target === 0) continue;
      let need = target - this.vVerified[v]!;
      const from = Math.max(histStart, this.vReg[v]!);
      if (need <= 0 || from > histEnd) continue;
      const org = this.vPrimaryOrg[v]!;
      const sectors = SECTORS.filter((_, b) => (this.vSectors[v]! >> b) & 1);
      // enough duty weekdays for the hours still needed (about 3 h a time)
      const weeks = (histEnd - from + 1) / 7;
      const perWeek = Math.min(7, Math.max(1, Math.ceil(need / 3 / Math.max(1, weeks) / 0.85) + 1));
      const duty = new Set(rng.sample([0, 1, 2, 3, 4, 5, 6], perWeek));
      const days: number[] = [];
      for (let d = from; d <= histEnd; d++) if (duty.has(weekday(d))) days.push(d);
      rng.shuffle(days);
      days.length = Math.min(days.length, Math.ceil(need / 2) + 5);
      days.sort((a, b) => a - b);
      monthBatch.clear();
      const sector = rng.pick(sectors);
      for (const day of days) {
        if (need <= 0) break;
        const mk = Math.floor(isoToDay(`${dayToIso(day).slice(0, 7)}-01`));
        let batch = monthBatch.get(mk);
        if (!batch) {
          const next = isoToDay(`${dayToIso(mk + 32).slice(0, 7)}-01`);
          const entered = this.cap(cstMs(next + (org % 3), 10 + rng.float(0, 6)));
          batch = { entered, reviewed: this.batchReview(rng, day + 20, entered, org) };
          monthBatch.set(mk, batch);
        }
        const hours = 2.5 + 0.5 * rng.int(0, 3);
        const before = this.vVerified[v]!;
        this.pushRecord(rng, v, null, null, org, rng.chance(0.8) ? sector : rng.pick(sectors), day, hours, batch.entered, batch.reviewed);
        need -= this.vVerified[v]! - before;
        if (this.sr.full) await this.sr.flush();
      }
    }
  }

  // -------------------------------------------------------------------------- demands (网约)

  private async seedDemands(): Promise<void> {
    const rng = this.rng.fork("demands");
    const names = this.nameMaker(rng);
    const dw = this.writer(schema.demands, [
      "id", "reference", "category", "description", "communityCode", "address", "contactName", "contactPhoneEnc", "contactPhoneHash",
      "contactPhoneLast4", "preferredTime", "lat", "lng", "source", "state", "teamId", "peopleServed", "rating", "ratingComment",
      "postedAt", "dispatchedAt", "acceptedAt", "completedAt", "ratedAt", "rewardedAt", "cancelledAt", "version",
    ]);
    const ev = this.writer(schema.demandEvents, ["id", "demandId", "fromState", "toState", "actorUserId", "teamId", "note", "createdAt"]);
    // posting times over the campaign so far
    const dayW: number[] = [];
    for (let d = this.startDay; d <= this.asOfDay; d++) {
      const k = d - this.startDay;
      dayW.push((1 + 0.5 * Math.min(1, k / 21)) * (weekday(d) === 0 || weekday(d) === 6 ? 0.9 : 1));
    }
    const daySampler = new CumulativeSampler(dayW);
    const times: number[] = [];
    for (let i = 0; i < this.p.demands; i++) {
      const day = this.startDay + daySampler.draw(rng);
      const h = day === this.asOfDay ? rng.float(7, 17.9) : rng.float(7, 21);
      times.push(cstMs(day, h));
    }
    times.sort((a, b) => a - b);
    const commSampler = new CumulativeSampler(this.communities.map((c) => c.pop));
    const cats = N.DEMAND_CATEGORIES;
    const catW = [30, 10, 12, 8, 12, 18, 10];
    const allTeams = this.orgs.filter((o) => o.isTeam).map((o) => o.id);
    const dist2 = (o: Org, c: Community) => (o.lat - c.lat) ** 2 + (o.lng - c.lng) ** 2;
    const nearest = (pool: number[], c: Community, exclude: number): number => {
      let best = -1;
      let bd = Infinity;
      for (const id of pool) {
        if (id === exclude) continue;
        const dd = dist2(this.orgs[id - 1]!, c);
        if (dd < bd) {
          bd = dd;
          best = id;
        }
      }
      return best;
    };
    const chooseTeam = (c: Community, exclude: number): number => {
      const s = this.streets[c.s]!;
      const local = s.teams.filter((t) => t !== exclude);
      if (local.length > 0 && rng.chance(0.85)) return rng.pick(local);
      const t = nearest(this.districts[c.d]!.teams, c, exclude);
      // no other team in the district: the same team takes it after all, rather than another district
      return t > 0 ? t : exclude > 0 ? exclude : nearest(allTeams, c, exclude);
    };
    let eventId = 0;
    let seqDay = -1;
    let seq = 0;
    for (let i = 0; i < times.length; i++) {
      const id = i + 1;
      const posted = times[i]!;
      const pday = this.dayOf(posted);
      if (pday !== seqDay) {
        seqDay = pday;
        seq = 0;
      }
      seq++;
      const reference = `WY${dayToCompact(pday)}${String(seq).padStart(4, "0")}`;
      const c = this.communities[commSampler.draw(rng)]!;
      const s = this.streets[c.s]!;
      const cat = cats[rng.weightedIndex(catW)]!;
      const dispatcher = s.code === SHUIJI_STREET ? U.shuiji : s.code === WANGCHENG_STREET ? U.wangcheng : s.code.startsWith(LAIXI) ? U.laixiWmb : U.wmb;
      // timeline
      type Ev = { from: string | null; to: string; ms: number; team: number | null; actor: number | null; note: string | null };
      const evs: Ev[] = [];
      let state = "posted";
      let team: number | null = null;
      const times6: Partial<Record<"dispatched" | "accepted" | "completed" | "rated" | "rewarded" | "cancelled", number>> = {};
      // the three most recent demands are still in the early states at the snapshot (点单/派单/接单)
      const fromEnd = times.length - 1 - i;
      const limit = fromEnd < 3 && this.asOfEnd - posted < DAY_MS ? fromEnd : 99;
      const cancelAt = limit === 99 && rng.chance(0.03) ? posted + clampMs(rng.logNormal(3 * HOUR_MS, 1), 20 * MINUTE_MS, 2 * DAY_MS) : Infinity;
      const preferred = cstMs(this.dayOf(posted) + rng.int(0, 3), rng.float(8.5, 17.5));
      const preferredMs = Math.max(preferred, posted + 2 * HOUR_MS);
      const step = (to: string, ms: number, t: number | null, actor: number | null, note: string | null = null): boolean => {
        if (ms > this.asOfEnd || ms >= cancelAt || DEMAND_STAGE[to]! > limit) return false;
        evs.push({ from: state, to, ms, team: t, actor, note });
        state = to;
        return true;
      };
      let t = posted;
      let ok = true;
      // dispatch (with an occasional decline and re-dispatch)
      let tm = chooseTeam(c, -1);
      t += clampMs(rng.logNormal(55 * MINUTE_MS, 0.9), 10 * MINUTE_MS, 6 * HOUR_MS);
      ok = tm > 0 && step("dispatched", t, tm, dispatcher);
      if (ok) {
        team = tm;
        times6.dispatched = t;
      }
      if (ok && rng.chance(0.08)) {
        // declined (拒单) → back to posted, then dispatched to another team
        t += clampMs(rng.logNormal(60 * MINUTE_MS, 0.8), 15 * MINUTE_MS, 3 * HOUR_MS);
        ok = step("posted", t, tm, tm === 1 ? U.orgAdmin : null, rng.pick(N.DEMAND_DECLINE_NOTES));
        if (ok) {
          team = null;
          delete times6.dispatched;
          const other = chooseTeam(c, tm);
          if (other > 0) tm = other;
          t += clampMs(rng.logNormal(30 * MINUTE_MS, 0.6), 10 * MINUTE_MS, 2 * HOUR_MS);
          ok = step("dispatched", t, tm, dispatcher);
          if (ok) {
            team = tm;
            times6.dispatched = t;
          }
        }
      }
      if (ok) {
        t += clampMs(rng.logNormal(50 * MINUTE_MS, 1), 5 * MINUTE_MS, 12 * HOUR_MS);
        ok = step("accepted", t, tm, tm === 1 ? U.orgAdmin : null);
        if (ok) times6.accepted = t;
      }
      if (ok) {
        t = Math.max(t + 30 * MINUTE_MS, preferredMs) + rng.float(1, 3) * HOUR_MS;
        ok = step("completed", t, tm, tm === 1 ? U.orgAdmin : null);
        if (ok) times6.completed = t;
      }
      if (ok && rng.chance(0.85)) {
        t += clampMs(rng.logNormal(6 * HOUR_MS, 1), 30 * MINUTE_MS, 3 * DAY_MS);
        ok = step("rated", t, tm, null);
        if (ok) times6.rated = t;
        if (ok && rng.chance(0.92)) {
          t += clampMs(rng.logNormal(5 * HOUR_MS, 0.8), 30 * MINUTE_MS, 2 * DAY_MS);
          ok = step("rewarded", t, tm, dispatcher);
          if (ok) times6.rewarded = t;
        }
      }
      if (cancelAt !== Infinity && cancelAt <= this.asOfEnd && ["posted", "dispatched", "accepted"].includes(state)) {
        evs.push({ from: state, to: "cancelled", ms: cancelAt, team, actor: null, note: rng.pick(["需求人已自行解决", "需求人取消", "重复提交"]) });
        state = "cancelled";
        times6.cancelled = cancelAt;
      }
      const served = rng.weightedPair([[1, 70], [2, 22], [3, 8]] as const);
      const rating = times6.rated !== undefined ? rng.weightedPair([[5, 72], [4, 20], [3, 6], [2, 1.5], [1, 0.5]] as const) : null;
      const phone = randomMobile(rng);
      const g: "M" | "F" = rng.chance(0.5) ? "M" : "F";
      const contact = rng.chance(0.2) ? `${names.name(g, 1960)[0]}${g === "M" ? "先生" : "女士"}` : names.name(g, rng.int(1945, 2000));
      const address = s.town ? `${c.name}${rng.int(1, 300)}号` : `${c.name}${rng.pick(N.ESTATE_PREFIX)}${rng.pick(N.ESTATE_SUFFIX)}${rng.int(1, 30)}号楼${rng.int(1, 6)}单元${rng.int(1, 30)}0${rng.int(1, 4)}室`;
      const iso = (ms: number | undefined) => (ms === undefined ? null : ms);
      dw.push([
        id, reference, cat, rng.pick(N.DEMAND_TEXTS[cat]), c.code, address, contact, encryptPii(phone), piiHash(phone), phone.slice(-4),
        (preferredMs), round6(c.lat + rng.float(-0.004, 0.004)), round6(c.lng + rng.float(-0.004, 0.004)),
        rng.weightedPair([["public", 60], ["phone", 25], ["staff", 15]] as const), state, team, served, rating,
        rating !== null ? rng.pick(N.RATING_COMMENTS) : null, (posted), iso(times6.dispatched), iso(times6.accepted),
        iso(times6.completed), iso(times6.rated), iso(times6.rewarded), iso(times6.cancelled), 1 + evs.length,
      ]);
      for (const e of evs) ev.push([++eventId, id, e.from, e.to, e.actor, e.team, e.note, (e.ms)]);
      // the helpers: service hours for the work, and points when rewarded (奖单)
      if (times6.completed !== undefined && team !== null) {
        const doneDay = this.dayOf(times6.completed);
        const helpers = this.pickHelpers(rng, team, c, doneDay, rng.weightedPair([[1, 45], [2, 40], [3, 15]] as const));
        const entered = times6.completed + Math.min(this.asOfEnd - times6.completed, rng.float(1, 12) * HOUR_MS);
        const reviewed = this.batchReview(rng, doneDay, entered, team);
        for (const v of helpers) {
          const hours = 1 + 0.5 * rng.int(0, 4);
          this.pushRecord(rng, v, null, id, team, DEMAND_SECTOR[cat], doneDay, hours, entered, reviewed);
          if (times6.rewarded !== undefined) {
            this.pendingEntries.push({
              volunteerId: v + 1, amount: 20, kind: "dispatch_reward", c: this.vComm[v]!, serviceRecordId: null, demandId: id,
              dedupeKey: `reward:d:${id}:v:${v + 1}`, note: `网约奖单 ${reference}`, createdBy: dispatcher, ms: times6.rewarded,
            });
          }
        }
      }
      if (dw.full || ev.full) {
        await dw.flush(); // parents before the events that reference them
        await ev.flush();
      }
      if (this.sr.full) await this.sr.flush();
    }
    await dw.flush();
    await ev.flush();
  }

  /** 1–3 members of a team registered by `day` (or district volunteers if the team has none). */
  private pickHelpers(rng: Rng, team: number, c: Community, day: number, n: number): number[] {
    const lo = this.orgMemberStart[team]!;
    const hi = this.orgMemberStart[team + 1]!;
    const eligible: number[] = [];
    for (let k = lo; k < hi; k++) {
      const v = this.orgMembers[k]! - 1;
      if (this.vReg[v]! <= day) eligible.push(v);
    }
    if (eligible.length > 0) return rng.sample(eligible, n);
    const out: number[] = [];
    for (let t = 0; t < n * 3 && out.length < n; t++) {
      const v = this.drawVolunteer(rng, c.s, c.d, day);
      if (v >= 0 && !out.includes(v)) out.push(v);
    }
    return out;
  }

  // -------------------------------------------------------------------------- rectification tasks

  private async seedTasks(): Promise<void> {
    const rng = this.rng.fork("tasks");
    const tw = this.writer(schema.rectificationTasks, [
      "id", "problemKey", "campaignId", "type", "pointName", "address", "description", "streetCode", "communityCode", "responsibleUnit",
      "status", "deadline", "reportedAt", "assignedAt", "submittedAt", "closedAt", "createdBy", "updatedBy", "updatedAt", "source", "version",
    ]);
    const ew = this.writer(schema.taskEvents, ["id", "taskId", "kind", "fromStatus", "toStatus", "actorUserId", "note", "detail", "createdAt"]);
    // per-street volume and quality (a few streets clearly worse → 红黑榜)
    const weights = this.streets.map((s) => {
      const d = this.districts[s.d]!;
      const base = s.town ? 1 : CORE_URBAN.has(d.code) ? 3 : 2;
      return base * Math.sqrt(Math.max(1, s.census) / 30000);
    });
    const perStreet = apportion(this.p.tasks, weights, 1);
    const quality = this.streets.map(() => {
      const r = rng.next();
      return r < 0.45 ? rng.float(0.6, 0.85) : r < 0.85 ? rng.float(0.9, 1.15) : rng.float(1.7, 2.3);
    });
    const from = this.startDay;
    const dayW: number[] = [];
    for (let d = from; d <= this.asOfDay; d++) dayW.push(d - from < 21 ? 2.5 : 1);
    const daySampler = new CumulativeSampler(dayW);
    // reported times, then ids in report order
    type Spec = { s: number; reported: number };
    const specs: Spec[] = [];
    perStreet.forEach((n, si) => {
      for (let k = 0; k < n; k++) {
        const day = from + daySampler.draw(rng);
        specs.push({ s: si, reported: cstMs(day, day === this.asOfDay ? rng.float(8, 17.5) : rng.float(8, 18)) });
      }
    });
    specs.sort((a, b) => a.reported - b.reported || a.s - b.s);
    const perStreetSeq = new Int32Array(this.streets.length);
    const typeNames = TASK_TYPES.map((t) => t[0]);
    const typeW = TASK_TYPES.map((t) => t[1]);
    let eventId = 0;
    for (let i = 0; i < specs.length; i++) {
      const id = i + 1;
      const { s: si, reported } = specs[i]!;
      const s = this.streets[si]!;
      const d = this.districts[s.d]!;
      const c = this.communities[rng.pick(s.communities)]!;
      const q = quality[si]!;
      const type = typeNames[rng.weightedIndex(typeW)]! as TaskType;
      const point = this.pointName(rng, c, s);
      const reviewer = d.code === LAIXI ? U.laixiWmb : U.wmb;
      const officer = s.code === SHUIJI_STREET ? U.shuiji : s.code === WANGCHENG_STREET ? U.wangcheng : null;
      type Ev = { from: string; to: string; ms: number; actor: number | null; note: string | null };
      const evs: Ev[] = [];
      let state = "reported";
      const step = (to: string, ms: number, actor: number | null, note: string | null = null): boolean => {
        if (ms > this.asOfEnd) return false;
        evs.push({ from: state, to, ms, actor, note });
        state = to;
        return true;
      };
      let t = reported + clampMs(rng.logNormal(5 * HOUR_MS * q, 0.8), 20 * MINUTE_MS, 3 * DAY_MS);
      const assigned = step("assigned", t, reviewer, rng.pick(N.TASK_ASSIGN_NOTES)) ? t : null;
      const deadlineDays = rng.pick(TASK_DEADLINE_DAYS[type]);
      const deadlineDay = this.dayOf(assigned ?? reported) + deadlineDays;
      let submitted: number | null = null;
      let closed: number | null = null;
      if (assigned !== null) {
        // Hard cases (违建, broken facilities, weak streets) drag on well past the deadline.
        const hard = rng.chance(Math.min(0.7, 0.06 * q * q * TASK_DIFFICULTY[type]));
        const stuck = rng.chance(0.025 * q * q);
        // …and some are simply not resolved yet: still being worked on, or sent back and waiting.
        const unresolved = rng.chance(Math.min(0.8, 0.045 * q * q * TASK_DIFFICULTY[type]));
        t += stuck ? rng.float(12, 70) * DAY_MS : clampMs(rng.logNormal(14 * HOUR_MS * q, 0.8), HOUR_MS, 4 * DAY_MS);
        let ok = step("in_progress", t, officer);
        let round = 0;
        while (ok) {
          if (unresolved && (round > 0 || rng.chance(0.65))) break;
          const frac = hard ? rng.float(1.5, 9) : rng.logNormal(0.35 * q, 0.55);
          t += Math.max(2 * HOUR_MS, deadlineDays * DAY_MS * frac * (round === 0 ? 1 : 0.4));
          ok = step("submitted", t, officer, rng.pick(N.TASK_SUBMIT_NOTES));
          if (!ok) break;
          submitted = t;
          t += clampMs(rng.logNormal(30 * HOUR_MS, 0.6), 2 * HOUR_MS, 5 * DAY_MS);
          if (unresolved || rng.chance((round === 0 ? 0.12 : 0.06) * q)) {
            ok = step("returned", t, reviewer, rng.pick(N.TASK_RETURN_NOTES));
            if (!ok || unresolved) break;
            t += clampMs(rng.logNormal(20 * HOUR_MS * q, 0.6), 2 * HOUR_MS, 4 * DAY_MS);
            ok = step("in_progress", t, officer, null);
            round++;
            continue;
          }
          ok = step("closed", t, reviewer, rng.pick(N.TASK_CLOSE_NOTES));
          if (ok) closed = t;
          break;
        }
      }
      perStreetSeq[si]!++;
      const unit = this.responsibleUnit(rng, type, c, s, d);
      const last = evs[evs.length - 1];
      tw.push([
        id, `SEED-${s.code}-${String(perStreetSeq[si]).padStart(4, "0")}`, 1, type, point, `${d.name}${s.name}${point}`,
        `${point}${rng.pick(N.TASK_DESCRIPTIONS[type]!)}`, s.code, c.code, unit, state, dayToIso(deadlineDay), (reported),
        assigned === null ? null : (assigned), submitted === null ? null : (submitted), closed === null ? null : (closed),
        reviewer, last ? last.actor : reviewer, (last ? last.ms : reported), "seed", 1 + evs.length,
      ]);
      for (const e of evs) ew.push([++eventId, id, "transition", e.from, e.to, e.actor, e.note, null, (e.ms)]);
      if (tw.full || ew.full) {
        await tw.flush();
        await ew.flush();
      }
    }
    await tw.flush();
    await ew.flush();
  }

  private pointName(rng: Rng, c: Community, s: Street): string {
    const road = () => (rng.chance(0.7) ? rng.pick(N.ROADS) : `${s.short}${rng.pick(N.ROAD_SUFFIX)}`);
    const r1 = road();
    let r2 = road();
    if (r2 === r1) r2 = rng.pick(N.ROADS.filter((r) => r !== r1));
    return rng
      .pick(N.TASK_POINT_PATTERNS)
      .replace("{road1}", r1)
      .replace("{road2}", r2)
      .replace("{estate}", `${rng.pick(N.ESTATE_PREFIX)}${rng.pick(N.ESTATE_SUFFIX)}`)
      .replace("{community}", c.name.replace(/(社区|村)$/, ""));
  }

  private responsibleUnit(rng: Rng, type: TaskType, c: Community, s: Street, d: District): string {
    switch (type) {
      case "illegal_building":
        return rng.chance(0.5) ? `${d.name}住房和城乡建设局` : `${s.name}综合行政执法中队`;
      case "parking":
        return rng.chance(0.5) ? `${d.name}公安分局交警大队` : `${c.name}居委会`;
      case "street_vending":
        return rng.chance(0.6) ? `${s.name}城管中队` : `${d.name}市场监督管理局`;
      case "facility_damage":
        return rng.chance(0.5) ? `${d.name}城市管理局市政维护处` : `${s.name}城管中队`;
      case "psa_damage":
        return rng.chance(0.5) ? `${s.name}宣传办` : `${c.name}居委会`;
      default:
        return rng.chance(0.55) ? `${s.name}城管中队` : `${c.name}${s.town ? "村委会" : "居委会"}`;
    }
  }

  // -------------------------------------------------------------------------- time bank

  private async seedTimeBank(): Promise<void> {
    const rng = this.rng.fork("timebank");
    // earn entries for every verified record, straight from the table (created at the review time)
    await this.q.execute(
      sql.raw(`INSERT INTO point_entries (id, volunteer_id, amount, kind, community_code, service_record_id, dedupe_key, created_by, created_at)
        SELECT row_number() OVER (ORDER BY id), volunteer_id, round(hours * 10)::int, 'earn', community_code, id, 'earn:sr:' || id, reviewed_by, reviewed_at
        FROM service_records WHERE status = 'verified'`),
    );
    let entryId = this.verifiedRecords;
    const pw = this.writer(schema.pointEntries, [
      "id", "volunteerId", "amount", "kind", "communityCode", "serviceRecordId", "redemptionId", "demandId", "dedupeKey", "note", "createdBy", "createdAt",
    ]);
    for (const e of this.pendingEntries) {
      pw.push([++entryId, e.volunteerId, e.amount, e.kind, this.communities[e.c]!.code, e.serviceRecordId, null, e.demandId, e.dedupeKey, e.note, e.createdBy, (e.ms)]);
      await pw.maybeFlush();
    }
    this.pendingEntries = [];

    // rewards (益兑换), offered by partners in a district or street
    type Reward = { id: number; cost: number; stock: number; region: string; createdMs: number; active: boolean };
    const rewards: Reward[] = [];
    const rw: Cell[][] = [];
    const kinds = [["goods", N.REWARD_GOODS], ["service", N.REWARD_SERVICE], ["discount", N.REWARD_DISCOUNT]] as const;
    for (let i = 0; i < this.p.rewards; i++) {
      const [kind, list] = kinds[rng.weightedIndex([50, 25, 25])]!;
      const d = rng.pick(this.districts);
      const region = rng.chance(0.6) ? d.code : this.streets[rng.pick(d.streets)]!.code;
      const cost = kind === "service" ? rng.int(10, 200) * 10 : kind === "goods" ? rng.int(5, 80) * 10 : rng.int(5, 50) * 10;
      const stock = rng.chance(0.08) ? 0 : rng.int(20, 500);
      const createdMs = cstMs(this.startDay + rng.int(-20, Math.max(0, Math.floor((this.asOfDay - this.startDay) * 0.3))), 10);
      const partners = this.partners.filter((p) => p.regionCode === "3702" || p.regionCode === d.code);
      const partnerId = partners.length > 0 ? rng.pick(partners).id : null;
      const r: Reward = { id: i + 1, cost, stock, region, createdMs: this.cap(createdMs), active: rng.chance(0.92) };
      rewards.push(r);
      rw.push([r.id, partnerId, `${rng.pick(list)}`, kind, cost, stock, region, r.active, (r.createdMs)]);
    }
    // budgets at each checkpoint: earned (verified, non-reversed) points reviewed before it
    const K = this.ckMs.length;
    for (let b = 1; b < K; b++) {
      const off = b * this.V;
      const prev = (b - 1) * this.V;
      for (let v = 0; v < this.V; v++) this.ckDelta[off + v]! += this.ckDelta[prev + v]!;
    }
    const last = (K - 1) * this.V;
    const minCost = Math.min(...rewards.map((r) => r.cost));
    const candidates: number[] = [];
    for (let v = 0; v < this.V; v++) if (this.ckDelta[last + v]! >= minCost) candidates.push(v);
    const spent = new Int32Array(this.V);
    const redemptionsWanted = Math.round(this.V * this.p.redemptionsPerVolunteer);
    const span = this.asOfEnd - this.ckMs[0]!;
    const rTimes: number[] = [];
    for (let i = 0; i < redemptionsWanted; i++) rTimes.push(this.ckMs[0]! + Math.floor(span * Math.sqrt(rng.next())));
    rTimes.sort((a, b) => a - b);
    const rdw = this.writer(schema.redemptions, [
      "id", "volunteerId", "rewardId", "points", "pickupCode", "idempotencyKey", "status", "communityCode", "createdBy", "createdAt", "cancelledAt",
    ]);
    const codes = new Set<string>();
    const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let rid = 0;
    for (const at of rTimes) {
      if (candidates.length === 0) break;
      let k = 0;
      while (k + 1 < K && this.ckMs[k + 1]! <= at) k++;
      for (let attempt = 0; attempt < 12; attempt++) {
        const v = rng.pick(candidates);
        const budget = this.ckDelta[k * this.V + v]! - spent[v]!;
        if (budget < minCost) continue;
        const c = this.communities[this.vComm[v]!]!;
        const options = rewards.filter((r) => r.active && r.stock > 0 && r.cost <= budget && r.createdMs <= at && c.code.startsWith(r.region));
        if (options.length === 0) continue;
        const r = rng.pick(options);
        r.stock--;
        spent[v]! += r.cost;
        const id = ++rid;
        let code = rng.chars(alphabet, 8);
        while (codes.has(code)) code = rng.chars(alphabet, 8);
        codes.add(code);
        const age = this.asOfEnd - at;
        const u = rng.next();
        let status: "redeemed" | "picked_up" | "cancelled" = age < 3 * DAY_MS ? (u < 0.9 ? "redeemed" : "cancelled") : u < 0.88 ? "picked_up" : u < 0.94 ? "redeemed" : "cancelled";
        let cancelledMs: number | null = null;
        if (status === "cancelled") {
          cancelledMs = at + Math.min(this.asOfEnd - at, rng.float(1, 72) * HOUR_MS);
          if (cancelledMs <= at) status = "redeemed";
          else r.stock++;
        }
        const by = c.code.startsWith(SHUIJI_STREET) ? U.shuiji : null;
        rdw.push([id, v + 1, r.id, r.cost, code, rng.uuid(), status, c.code, by, (at), status === "cancelled" ? (cancelledMs!) : null]);
        pw.push([++entryId, v + 1, -r.cost, "redeem", c.code, null, id, null, `redeem:r:${id}`, null, by, (at)]);
        if (status === "cancelled") {
          pw.push([++entryId, v + 1, r.cost, "refund", c.code, null, id, null, `refund:r:${id}`, "兑换已取消，积分退回", by, (cancelledMs!)]);
        }
        break;
      }
      await pw.maybeFlush();
    }
    // rewards first (redemptions reference them); redemptions were buffered until the final stock is known
    const rewardW = this.writer(schema.rewards, ["id", "partnerId", "name", "kind", "costPoints", "stock", "regionCode", "active", "createdAt"]);
    rw.forEach((row, i) => {
      row[5] = rewards[i]!.stock;
      rewardW.push(row);
    });
    await rewardW.flush();
    await rdw.flush();
    await pw.flush();
    // one account per volunteer, balance = sum of the ledger (the CHECK refuses any overdraft)
    await this.q.execute(
      sql.raw(`INSERT INTO point_accounts (volunteer_id, balance, updated_at)
        SELECT v.id, coalesce(e.balance, 0), coalesce(e.last_at, v.created_at)
        FROM volunteers v LEFT JOIN (
          SELECT volunteer_id, sum(amount)::int AS balance, max(created_at) AS last_at FROM point_entries GROUP BY volunteer_id
        ) e ON e.volunteer_id = v.id`),
    );
  }

  // -------------------------------------------------------------------------- targets, sequences

  private async seedTargets(): Promise<void> {
    const rng = this.rng.fork("targets");
    // Hours target ∝ population; the city total is the campaign's verified hours so far projected
    // to the full 100 days (+10 %), so districts land on both sides of their target.
    const elapsed = Math.max(1, this.asOfDay - this.startDay + 1);
    const soFar = this.campaignHoursByStreet.reduce((a, b) => a + b, 0);
    const cityTarget = Math.max(1000, soFar * (Math.max(CAMPAIGN_DAYS, elapsed) / elapsed) * 1.1);
    const perCapita = cityTarget / this.popTotal;
    const rows: (typeof schema.campaignTargets.$inferInsert)[] = [
      { campaignId: 1, regionCode: "3702", registrationShare: "0.1500", verifiedHours: (Math.round(cityTarget / 100) * 100).toFixed(2), closureRate: "0.9500" },
    ];
    const add = (code: string, pop: number) =>
      rows.push({
        campaignId: 1, regionCode: code, registrationShare: (rng.int(130, 160) / 1000).toFixed(4),
        verifiedHours: Math.max(10, Math.round(pop * perCapita)).toFixed(2), closureRate: "0.9500",
      });
    for (const d of this.districts) {
      add(d.code, d.pop);
      for (const si of d.streets) add(this.streets[si]!.code, this.streets[si]!.pop);
    }
    await this.q.insert(schema.campaignTargets).values(rows);
  }

  private async fixSequences(): Promise<void> {
    for (const t of appTables()) {
      const cols = getTableColumns(t) as Record<string, { name: string; getSQLType(): string }>;
      const id = Object.values(cols).find((c) => c.name === "id" && /serial/.test(c.getSQLType()));
      if (!id) continue;
      const name = getTableName(t);
      await this.q.execute(
        sql.raw(`SELECT setval(pg_get_serial_sequence('"${name}"', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM "${name}"), false)`),
      );
    }
  }
}

// ============================================================================ small helpers

function bitCount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function d2(n: number): string {
  return String(n).padStart(2, "0");
}

function clampMs(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function hashDay(day: number, d: number): number {
  return ((day * 2654435761) ^ (d * 40503)) >>> 0;
}

function randomMobile(rng: Rng): string {
  return `1${rng.pick(["3", "5", "8", "7", "9", "6"])}${String(rng.int(0, 999_999_999)).padStart(9, "0")}`;
}

// ============================================================================ entry points

/**
 * Seeds the whole database in one transaction (nothing is left half-written on failure).
 * Refuses (SeedRefusedError) when data exists unless `reset`; with `reset`, truncates all app
 * tables first. Caller runs migrations first.
 */
export async function seedDatabase(db: Db, opts: SeedOptions): Promise<SeedSummary> {
  const o = validateSeedOptions(opts);
  const t0 = performance.now();
  const passwordHash = await hashPassword(o.demoPassword); // hashed once, shared by every demo account
  let fastLoad = false;
  let gen: Generator | undefined;
  await db.transaction(async (tx) => {
    if (await hasData(tx)) {
      if (!o.reset) throw new SeedRefusedError("数据库中已有数据，拒绝写入演示数据（如需清空重建，请加 --reset）");
      await truncateAll(tx);
    }
    if (o.profile.fastLoad && process.env.SEED_CHECK_FK !== "1") {
      const su = await one<{ su: string }>(tx, sql`SELECT current_setting('is_superuser') AS su`);
      if (su.su === "on") {
        await tx.execute(sql`SET LOCAL session_replication_role = replica`);
        fastLoad = true;
      }
    }
    gen = new Generator(tx, o, passwordHash);
    const deferred = fastLoad ? await dropIndexesForLoad(tx) : [];
    await gen.run();
    if (fastLoad) {
      await restoreIndexes(tx, deferred);
      gen.markPhase(`indexes rebuilt (${deferred.length})`);
      await tx.execute(sql`SET LOCAL session_replication_role = origin`);
      if (o.profile.name === "test" || process.env.SEED_VERIFY_FK === "1") {
        await verifyForeignKeys(tx);
        gen.markPhase("foreign-key verification");
      }
    }
  });
  const counts = await tableCounts(db);
  return {
    profile: o.profile.name,
    seed: o.seed,
    asOf: o.asOf,
    campaignStart: o.campaignStart,
    counts,
    seconds: Math.round((performance.now() - t0) / 10) / 100,
    profileScale: gen!.profileScale,
    censusPopulation: gen!.censusTotal,
    seededPopulation: gen!.popTotal,
    volunteers: counts.volunteers ?? 0,
    fastLoad,
    phases: gen!.phaseTimes,
  };
}

export interface SeedSanity {
  districts: { code: string; name: string; population: number; volunteers: number; share: number; tasks: number; closed: number; closureRate: number; overdue: number }[];
  tasks: { total: number; overdue: number; overduePct: number; closed: number };
  verifiedHours: number;
  stars: Record<string, number>;
  demandsByState: Record<string, number>;
  serviceByStatus: Record<string, number>;
  negativeBalances: number;
}

/** The numbers to eyeball after a seed (also printed by scripts/seed.ts). */
export async function seedSanity(db: Queryable, asOf: string): Promise<SeedSanity> {
  const rows = async <T>(q: SQL) => rowsOf<T>(await db.execute(q));
  const districts = await rows<{ code: string; name: string; population: number; volunteers: string; tasks: string; closed: string; overdue: string }>(sql`
    SELECT r.code, r.name, r.population,
      coalesce(v.n, 0)::text AS volunteers, coalesce(t.n, 0)::text AS tasks, coalesce(t.closed, 0)::text AS closed, coalesce(t.overdue, 0)::text AS overdue
    FROM regions r
    LEFT JOIN (SELECT substr(community_code, 1, 6) AS d, count(*) AS n FROM volunteers GROUP BY 1) v ON v.d = r.code
    LEFT JOIN (SELECT substr(street_code, 1, 6) AS d, count(*) AS n, count(*) FILTER (WHERE status = 'closed') AS closed,
                 count(*) FILTER (WHERE status <> 'closed' AND deadline < ${asOf}::date) AS overdue
               FROM rectification_tasks GROUP BY 1) t ON t.d = r.code
    WHERE r.level = 'district' ORDER BY r.code`);
  const d = districts.map((r) => {
    const volunteers = Number(r.volunteers);
    const tasks = Number(r.tasks);
    const closed = Number(r.closed);
    return {
      code: r.code, name: r.name, population: Number(r.population), volunteers, share: volunteers / Math.max(1, Number(r.population)),
      tasks, closed, closureRate: tasks ? closed / tasks : 0, overdue: Number(r.overdue),
    };
  });
  const total = d.reduce((a, r) => a + r.tasks, 0);
  const overdue = d.reduce((a, r) => a + r.overdue, 0);
  const kv = async (q: SQL) => Object.fromEntries((await rows<{ k: string; n: string }>(q)).map((r) => [String(r.k), Number(r.n)]));
  const hours = await rows<{ h: string | null }>(sql`SELECT sum(hours)::text AS h FROM service_records WHERE status = 'verified'`);
  const neg = await rows<{ n: string }>(sql`SELECT count(*)::text AS n FROM point_accounts WHERE balance < 0`);
  return {
    districts: d,
    tasks: { total, overdue, overduePct: total ? overdue / total : 0, closed: d.reduce((a, r) => a + r.closed, 0) },
    verifiedHours: Number(hours[0]?.h ?? 0),
    stars: await kv(sql`SELECT star_level::text AS k, count(*)::text AS n FROM volunteers GROUP BY 1 ORDER BY 1`),
    demandsByState: await kv(sql`SELECT state::text AS k, count(*)::text AS n FROM demands GROUP BY 1 ORDER BY 1`),
    serviceByStatus: await kv(sql`SELECT status::text AS k, count(*)::text AS n FROM service_records GROUP BY 1 ORDER BY 1`),
    negativeBalances: Number(neg[0]?.n ?? 0),
  };
}

/** Exposed for tests: the day arithmetic used by the seed. */
export const seedClock = { isoToDay, dayToIso, cstMs, addYears };
