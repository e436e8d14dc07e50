/** Seed profiles, defaults and the checked options of one run. */
import { env } from "@/lib/env";
import { isValidIsoDate } from "./random";

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

export interface Resolved {
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
    demoPassword: opts.demoPassword ?? env().DEMO_PASSWORD,
    log: opts.log ?? (() => undefined),
  };
}
