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
 * Layout: ./options (profiles, defaults, checked options), ./tables (whole-schema helpers),
 * ./bulk (the unnest writer), ./constants (fixed facts, small helpers), ./state (what the steps
 * share), ./steps/* (one file per section, run in the order of `generate` below).
 *
 * Population scaling: a profile has a target number of volunteers. Each district has a realistic
 * registration share (8–20 %, urban districts higher); profileScale = target / Σ(census × share),
 * and every community's population is stored as round(census × profileScale) (at least 1), with
 * streets, districts and the city the exact sums of their children — so volunteers ÷ population
 * gives realistic shares in every profile.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db, Queryable } from "@/db/client";
import { hashPassword } from "@/lib/auth/password";
import { env } from "@/lib/env";
import { rebuildRollups } from "@/lib/metrics/rollup";
import { type SeedOptions, type SeedSummary, SeedRefusedError, validateSeedOptions } from "./options";
import { addYears, cstMs, dayToIso, isoToDay } from "./random";
import { SeedState } from "./state";
import { seedActivities } from "./steps/activities";
import { seedDemands } from "./steps/demands";
import { seedOrganizations, seedUsers } from "./steps/organizations";
import { seedOrgTree } from "./steps/org-tree";
import { seedEvents } from "./steps/events";
import { seedFunds } from "./steps/funds";
import { seedPartnersAndProjects } from "./steps/projects";
import { seedRegions, seedSettingsAndCampaign } from "./steps/regions";
import { openServiceRecords, seedActivityRecords, seedHistoryRecords } from "./steps/service-records";
import { fixSequences, seedTargets, updateVerifiedHoursAndStars } from "./steps/targets";
import { seedTasks } from "./steps/tasks";
import { seedTimeBank } from "./steps/timebank";
import { planVolunteers } from "./steps/volunteer-plan";
import { seedVolunteers } from "./steps/volunteers";
import { dropIndexesForLoad, hasData, one, restoreIndexes, rowsOf, tableCounts, truncateAll, verifyForeignKeys } from "./tables";

export {
  CAMPAIGN_DAYS,
  CAMPAIGN_NAME,
  DEFAULT_CAMPAIGN_START,
  DEFAULT_DEMO_PASSWORD,
  DEFAULT_SEED,
  HISTORY_START,
  type Profile,
  type ProfileName,
  PROFILES,
  SeedArgumentError,
  type SeedOptions,
  SeedRefusedError,
  type SeedSummary,
  validateSeedOptions,
} from "./options";
export { appTableNames, appTables, dropIndexesForLoad, hasData, restoreIndexes, tableCounts, truncateAll, verifyForeignKeys } from "./tables";

/** The steps, in order: each builds on what the earlier ones left in the state. */
async function generate(gen: SeedState): Promise<void> {
  await seedRegions(gen);
  gen.phase("regions");
  await seedSettingsAndCampaign(gen);
  planVolunteers(gen);
  await seedOrganizations(gen);
  await seedUsers(gen);
  gen.phase("organizations, users");
  await seedVolunteers(gen);
  gen.phase("volunteers, memberships");
  await seedPartnersAndProjects(gen);
  await seedActivities(gen);
  gen.phase("partners, projects, activities");
  openServiceRecords(gen);
  await seedActivityRecords(gen);
  gen.phase("activity service records");
  await seedDemands(gen);
  gen.phase("demands");
  await seedHistoryRecords(gen);
  await gen.sr.flush();
  gen.phase("history service records");
  await seedTasks(gen);
  gen.phase("rectification tasks");
  await updateVerifiedHoursAndStars(gen);
  gen.phase("verified hours, stars");
  await seedTimeBank(gen);
  gen.phase("time bank");
  await seedTargets(gen);
  await seedOrgTree(gen);
  await seedEvents(gen);
  await seedFunds(gen);
  gen.phase("organization tree, events, funds");
  await fixSequences(gen.q);
  await rebuildRollups(gen.q);
  gen.phase("targets, sequences, rollups");
}

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
  let gen: SeedState | undefined;
  await db.transaction(async (tx) => {
    if (await hasData(tx)) {
      if (!o.reset) throw new SeedRefusedError("数据库中已有数据，拒绝写入演示数据（如需清空重建，请加 --reset）");
      await truncateAll(tx);
    }
    if (o.profile.fastLoad && !env().SEED_CHECK_FK) {
      const su = await one<{ su: string }>(tx, sql`SELECT current_setting('is_superuser') AS su`);
      if (su.su === "on") {
        await tx.execute(sql`SET LOCAL session_replication_role = replica`);
        fastLoad = true;
      }
    }
    gen = new SeedState(tx, o, passwordHash);
    const deferred = fastLoad ? await dropIndexesForLoad(tx) : [];
    await generate(gen);
    if (fastLoad) {
      await restoreIndexes(tx, deferred);
      gen.phase(`indexes rebuilt (${deferred.length})`);
      await tx.execute(sql`SET LOCAL session_replication_role = origin`);
      if (o.profile.name === "test" || env().SEED_VERIFY_FK) {
        await verifyForeignKeys(tx);
        gen.phase("foreign-key verification");
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
