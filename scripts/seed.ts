/**
 * `npm run db:seed -- --profile demo` — fills the database with deterministic demo data.
 *
 *   npx tsx scripts/seed.ts --profile demo|city|test [--seed N] [--as-of YYYY-MM-DD]
 *       [--campaign-start YYYY-MM-DD] [--reset] [--if-empty] [--allow-default-passwords]
 *
 * Opens PGlite (PGLITE_DIR, default .data/pglite) or DATABASE_URL, applies migrations, then seeds.
 * Arguments are checked before anything is opened or written.
 */
import { closeDb, dbKind, getDb, migrate } from "@/db/client";
import {
  DEFAULT_CAMPAIGN_START,
  DEFAULT_DEMO_PASSWORD,
  DEFAULT_SEED,
  hasData,
  PROFILES,
  type ProfileName,
  SeedArgumentError,
  SeedRefusedError,
  type SeedSummary,
  seedDatabase,
  seedSanity,
  validateSeedOptions,
} from "@/db/seed";
import { env, EnvError } from "@/lib/env";
import { cstDate } from "@/lib/metrics/rollup";
import { sql } from "drizzle-orm";

const USAGE = `用法 (usage): npx tsx scripts/seed.ts --profile demo|city|test [--seed N] [--as-of YYYY-MM-DD]
        [--campaign-start YYYY-MM-DD] [--reset] [--if-empty] [--allow-default-passwords]

  --profile                  数据规模：test（测试）、demo（演示，默认）、city（全市，仅 PostgreSQL）
  --seed N                   随机种子，默认 ${DEFAULT_SEED}
  --as-of YYYY-MM-DD         数据截止日期（“今天”），默认环境变量 AS_OF 或北京时间今天
  --campaign-start YYYY-MM-DD 百日攻坚行动开始日期，默认 ${DEFAULT_CAMPAIGN_START}
  --reset                    先清空全部业务表再写入
  --if-empty                 已有数据（regions 非空）时什么也不做
  --allow-default-passwords  生产环境下仍允许演示账号使用默认密码`;

interface Args {
  profile: ProfileName;
  seed: number;
  asOf: string;
  campaignStart: string;
  reset: boolean;
  ifEmpty: boolean;
  allowDefaultPasswords: boolean;
}

class CliError extends Error {}

function parseArgs(argv: string[]): Args | "help" {
  const out: Partial<Args> & { reset: boolean; ifEmpty: boolean; allowDefaultPasswords: boolean } = {
    reset: false,
    ifEmpty: false,
    allowDefaultPasswords: false,
  };
  const takeValue = (i: number, name: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new CliError(`参数 ${name} 缺少取值`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i]!;
    let inline: string | undefined;
    const eq = a.indexOf("=");
    if (a.startsWith("--") && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = takeValue(i, a);
      i++;
      return v;
    };
    switch (a) {
      case "--help":
      case "-h":
        return "help";
      case "--profile": {
        const v = value();
        if (!(v in PROFILES)) throw new CliError(`参数 --profile 无效："${v}"，可选值：${Object.keys(PROFILES).join(" | ")}`);
        out.profile = v as ProfileName;
        break;
      }
      case "--seed": {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 0xffffffff) throw new CliError(`参数 --seed 无效："${v}"，必须是 0 到 4294967295 之间的整数`);
        out.seed = Number(v);
        break;
      }
      case "--as-of":
        out.asOf = value();
        break;
      case "--campaign-start":
        out.campaignStart = value();
        break;
      case "--reset":
        out.reset = true;
        break;
      case "--if-empty":
        out.ifEmpty = true;
        break;
      case "--allow-default-passwords":
        out.allowDefaultPasswords = true;
        break;
      default:
        throw new CliError(`未知参数："${argv[i]}"`);
    }
  }
  if (out.reset && out.ifEmpty) throw new CliError("参数 --reset 与 --if-empty 不能同时使用");
  let asOf = out.asOf;
  if (asOf === undefined) {
    const envAsOf = env().AS_OF?.trim();
    asOf = envAsOf ? envAsOf : cstDate();
  }
  return {
    profile: out.profile ?? "demo",
    seed: out.seed ?? DEFAULT_SEED,
    asOf,
    campaignStart: out.campaignStart ?? DEFAULT_CAMPAIGN_START,
    reset: out.reset,
    ifEmpty: out.ifEmpty,
    allowDefaultPasswords: out.allowDefaultPasswords,
  };
}

const fmt = (n: number) => n.toLocaleString("en-US");
const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;

function printSummary(s: SeedSummary): void {
  console.log(`\n[seed] 完成：profile=${s.profile} seed=${s.seed} as-of=${s.asOf} campaign-start=${s.campaignStart}` + (s.fastLoad ? "（批量加载时跳过外键触发器）" : ""));
  console.log(
    `[seed] 人口缩放 profileScale = ${s.profileScale.toFixed(6)}：各社区人口 = round(普查人口 × profileScale)，` +
      `街道/区/市为下级之和；普查 ${fmt(s.censusPopulation)} → 写入 ${fmt(s.seededPopulation)}，` +
      `志愿者 ${fmt(s.volunteers)}（注册率 ${pct(s.volunteers / Math.max(1, s.seededPopulation))}）`,
  );
  console.log("\n  表 (table)                 行数 (rows)");
  console.log("  ------------------------- ------------");
  for (const [t, n] of Object.entries(s.counts)) console.log(`  ${t.padEnd(25)} ${fmt(n).padStart(12)}`);
  console.log(`\n  用时 (elapsed)            ${s.seconds.toFixed(1).padStart(10)} s`);
}

async function main(): Promise<number> {
  let args: Args | "help";
  try {
    args = parseArgs(process.argv.slice(2));
    if (args === "help") {
      console.log(USAGE);
      return 0;
    }
    validateSeedOptions({ profile: args.profile, seed: args.seed, asOf: args.asOf, campaignStart: args.campaignStart });
  } catch (e) {
    if (e instanceof CliError || e instanceof SeedArgumentError) {
      const fromEnv = !process.argv.some((a) => a.startsWith("--as-of")) && !!env().AS_OF?.trim();
      const msg = fromEnv ? e.message.replace("参数 --as-of", "环境变量 AS_OF（即 --as-of 的默认值）") : e.message;
      console.error(`[seed] ${msg}\n\n${USAGE}`);
      return 1;
    }
    throw e;
  }
  const password = env().DEMO_PASSWORD;
  if (env().NODE_ENV === "production" && password === DEFAULT_DEMO_PASSWORD && !args.allowDefaultPasswords) {
    console.error(
      "[seed] 生产环境（NODE_ENV=production）拒绝以默认密码创建演示账号：请设置环境变量 DEMO_PASSWORD（不同于默认值），" +
        "或明确加上 --allow-default-passwords。",
    );
    return 1;
  }

  const profile = PROFILES[args.profile];
  if (profile.postgresOnly && !env().DATABASE_URL) {
    // refused before the embedded data directory is even created
    console.error(`[seed] --profile ${args.profile} 数据量过大，仅支持 PostgreSQL（请设置 DATABASE_URL），嵌入式 PGlite 不支持。`);
    return 1;
  }
  const t0 = performance.now();
  const db = await getDb();
  const kind = await dbKind();
  console.log(`[seed] 数据库：${kind}；应用迁移…`);
  await migrate(db);

  if (args.ifEmpty) {
    const r = await db.execute(sql`SELECT EXISTS (SELECT 1 FROM regions) AS any`);
    const any = (r as unknown as { rows: { any: unknown }[] }).rows[0]?.any;
    if (any === true || any === "t") {
      console.log("[seed] already seeded（regions 表已有数据，跳过）");
      return 0;
    }
  }
  if (!args.reset && (await hasData(db))) {
    console.error("[seed] 数据库中已有数据，拒绝写入演示数据。如需清空后重建，请加 --reset（将清空全部业务表）；如只想在空库时写入，请加 --if-empty。");
    return 1;
  }

  console.log(`[seed] 生成 ${args.profile} 数据（${profile.label}）…`);
  const summary = await seedDatabase(db, {
    profile: args.profile,
    seed: args.seed,
    asOf: args.asOf,
    campaignStart: args.campaignStart,
    reset: args.reset,
    demoPassword: password,
    log: (line) => console.log(line),
  });
  // Planner statistics for the freshly loaded tables (PGlite never autovacuums/analyzes by itself).
  await db.execute(sql`ANALYZE`);
  summary.seconds = Math.round((performance.now() - t0) / 10) / 100;
  printSummary(summary);

  const s = await seedSanity(db, args.asOf);
  console.log("\n  抽查 (sanity)");
  console.log("  区/市        写入人口    志愿者   注册率   任务  销号率  超期");
  for (const d of s.districts) {
    console.log(
      `  ${d.name.padEnd(6, "　")} ${fmt(d.population).padStart(10)} ${fmt(d.volunteers).padStart(9)} ${pct(d.share).padStart(7)} ` +
        `${fmt(d.tasks).padStart(6)} ${pct(d.closureRate).padStart(7)} ${fmt(d.overdue).padStart(5)}`,
    );
  }
  console.log(`  整改任务超期：${fmt(s.tasks.overdue)} / ${fmt(s.tasks.total)} = ${pct(s.tasks.overduePct)}；销号 ${pct(s.tasks.closed / Math.max(1, s.tasks.total))}`);
  console.log(`  已认定时长合计：${fmt(Math.round(s.verifiedHours))} h；服务记录状态：${JSON.stringify(s.serviceByStatus)}`);
  console.log(`  星级分布（0–5★）：${JSON.stringify(s.stars)}`);
  console.log(`  网约需求状态：${JSON.stringify(s.demandsByState)}`);
  console.log(`  积分余额为负的账户：${s.negativeBalances}`);
  return 0;
}

/** Error text without drizzle's (huge) bound parameters, plus the database's own message. */
function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const head = e.message.split("\nparams:")[0]!.slice(0, 600);
  const cause = e.cause instanceof Error ? `\n  原因 (cause): ${e.cause.message}` : "";
  const where = (e.stack ?? "").split("\n").slice(1, 6).join("\n");
  return `${head}${cause}\n${where}`;
}

main()
  .then(async (code) => {
    await closeDb().catch(() => undefined);
    process.exit(code);
  })
  .catch(async (e) => {
    if (e instanceof SeedRefusedError || e instanceof SeedArgumentError || e instanceof EnvError) console.error(`[seed] ${e.message}`);
    else console.error(`[seed] 失败：${describe(e)}`);
    await closeDb().catch(() => undefined);
    process.exit(1);
  });
