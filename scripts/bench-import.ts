/**
 * `npm run bench:import` — the volunteer import at scale, with bounded memory.
 *
 *   npx tsx scripts/bench-import.ts [--rows 100000] [--dir .data/bench-import-pglite] [--no-reimport] [--keep]
 *
 * 1. Writes an .xlsx of N rows in the national volunteer system's layout (streamed with exceljs'
 *    WorkbookWriter, shared strings like Excel's own files; valid ID numbers from makeIdCard, plus
 *    0.5 % broken rows and 0.5 % repeated people so every path is exercised).
 * 2. Creates a fresh PGlite directory (migrations + the Qingdao region tree only) and imports the
 *    file through the same code path as POST /api/v1/imports/volunteers, report included.
 * 3. Imports it again (must create and update nothing).
 * Prints elapsed time, rows per second and the peak resident set size (process.memoryUsage().rss
 * sampled every 25 ms) of each phase.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";

interface Args {
  rows: number;
  dir: string;
  reimport: boolean;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { rows: 100_000, dir: ".data/bench-import-pglite", reimport: true, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === "--rows") a.rows = Number(argv[++i]);
    else if (k === "--dir") a.dir = String(argv[++i]);
    else if (k === "--no-reimport") a.reimport = false;
    else if (k === "--keep") a.keep = true;
    else if (k === "--help" || k === "-h") {
      console.log("用法: npx tsx scripts/bench-import.ts [--rows 100000] [--dir .data/bench-import-pglite] [--no-reimport] [--keep]");
      process.exit(0);
    } else throw new Error(`未知参数 ${k}`);
  }
  if (!Number.isInteger(a.rows) || a.rows < 1 || a.rows > 2_000_000) throw new Error("--rows 必须是 1–2,000,000 的整数");
  return a;
}

/** Peak RSS over a phase, sampled every 25 ms (and at the end). */
function sampler() {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  t.unref();
  return {
    stop: () => {
      clearInterval(t);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const dir = path.resolve(args.dir);
  process.env.PGLITE_DIR = dir;
  delete process.env.DATABASE_URL;
  process.env.IMPORT_REPORT_DIR ??= path.join(os.tmpdir(), "civic-cockpit-bench-reports");

  const { default: ExcelJS } = await import("exceljs");
  const { makeIdCard } = await import("@/lib/volunteers/rules");
  const regionData = (await import("@/db/seed/data/qingdao-regions.json")).default as { code: string; name: string; level: "city" | "district" | "street" | "community"; parent: string | null; population: number }[];
  const communities = regionData.filter((r) => r.level === "community").map((r) => r.code);
  const districts = regionData.filter((r) => r.level === "district").map((r) => r.code);
  const SECTORS = ["关爱老年", "关爱未成年人", "乡村振兴", "城市温暖提升", "环境保护", "安全救助"];
  const SKILLS = ["急救", "摄影", "心理咨询", "法律咨询", "维修", "驾驶", "外语", "书法", "医疗护理", "文艺表演"];
  const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
  const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鑫波斌宇浩凯健俊帆帅旭宁龙林欣怡佳雪琳晨阳";

  // ---------------------------------------------------------------- 1. the spreadsheet
  const file = path.join(os.tmpdir(), `bench-import-${args.rows}.xlsx`);
  console.log(`[bench] 生成 ${args.rows.toLocaleString()} 行 → ${file}`);
  const m = sampler();
  let t0 = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet("志愿者");
  ws.addRow(["姓名", "身份证号", "手机号", "所属社区(区划代码或名称)", "志愿者编号", "注册日期", "技能", "服务意向"]).commit();
  const base = Date.UTC(1950, 0, 1);
  let broken = 0;
  let repeated = 0;
  const ids: string[] = [];
  for (let i = 0; i < args.rows; i++) {
    const birth = new Date(base + (i % 20_000) * 86_400_000).toISOString().slice(0, 10);
    let id = makeIdCard(districts[i % districts.length]!, birth, Math.floor(i / 20_000) % 1000);
    if (i % 200 === 199) {
      id = id.slice(0, 17) + (id[17] === "1" ? "2" : "1"); // wrong check digit → rejected
      broken++;
    } else if (i % 200 === 100 && ids.length > 10) {
      id = ids[ids.length - 7]!; // the same person twice in one file → skipped
      repeated++;
    }
    if (ids.length < 64) ids.push(id);
    else ids[i % 64] = id;
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + (i % 3 === 0 ? "" : GIVEN[(i * 13) % GIVEN.length]!);
    const phone = `1${3 + (i % 7)}${String(100_000_000 + ((i * 7919) % 900_000_000)).slice(0, 9)}`;
    const reg = new Date(Date.UTC(2019, 0, 1) + (i % 2800) * 86_400_000).toISOString().slice(0, 10);
    ws.addRow([
      name,
      id,
      phone,
      communities[(i * 31) % communities.length]!,
      i % 4 === 0 ? `NAT${String(i).padStart(9, "0")}` : "",
      reg,
      i % 3 === 0 ? SKILLS[i % SKILLS.length]! : "",
      i % 2 === 0 ? SECTORS[i % 6]! + (i % 5 === 0 ? `、${SECTORS[(i + 1) % 6]}` : "") : "",
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  const genMs = performance.now() - t0;
  const genPeak = m.stop();
  const size = fs.statSync(file).size;
  console.log(`[bench] 文件 ${mb(size)}，生成用时 ${(genMs / 1000).toFixed(1)} s，峰值 RSS ${mb(genPeak)}（含 ${broken} 行错误、${repeated} 行重复）`);

  // ---------------------------------------------------------------- 2. a fresh embedded database
  fs.rmSync(dir, { recursive: true, force: true });
  const { closeDb, getDb, migrate } = await import("@/db/client");
  const schema = await import("@/db/schema");
  const db = await getDb();
  await migrate(db);
  const rows = regionData.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent, population: r.population }));
  for (let i = 0; i < rows.length; i += 1000) await db.insert(schema.regions).values(rows.slice(i, i + 1000));
  const baseline = process.memoryUsage().rss;
  console.log(`[bench] 新建 PGlite ${dir}：已迁移，写入 ${rows.length} 个区划；导入前 RSS ${mb(baseline)}（嵌入式数据库本身）`);

  const { importVolunteers } = await import("@/lib/volunteers/import");
  const { fileSource } = await import("@/lib/spreadsheet");
  const user = { id: 1, username: "bench", role: "wmb_staff" as const, scopeCode: "3702", organizationId: null };
  const run = async (label: string) => {
    const s = sampler();
    const start = performance.now();
    let lastLog = 0;
    const r = await importVolunteers(db, user, {
      source: fileSource(file),
      onProgress: (p) => {
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          console.log(`[bench]   ${label}：${p.rows.toLocaleString()} 行（${p.fraction === null ? "?" : Math.round(p.fraction * 100)}%，估计共 ${p.estimatedRows ?? "?"} 行），RSS ${mb(process.memoryUsage().rss)}`);
        }
      },
    });
    const ms = performance.now() - start;
    const peak = s.stop();
    console.log(
      `[bench] ${label}：${r.rows.toLocaleString()} 行，用时 ${(ms / 1000).toFixed(1)} s（${Math.round(r.rows / (ms / 1000)).toLocaleString()} 行/秒），峰值 RSS ${mb(peak)}；` +
        `新增 ${r.created}、更新 ${r.updated}、跳过 ${r.skipped}、未导入 ${r.rejected}`,
    );
    return { ...r, ms, peak };
  };
  t0 = performance.now();
  const first = await run("首次导入");
  const second = args.reimport ? await run("重复导入") : null;
  const counted = ((await db.execute(sqlCount())) as unknown as { rows: { n: number; nv: number }[] }).rows[0]!;
  console.log(`[bench] 数据库：volunteers ${Number(counted.n).toLocaleString()} 行，rollups 新增注册合计 ${Number(counted.nv).toLocaleString()}`);
  await closeDb();
  if (!args.keep) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(file, { force: true });
  }
  console.log(
    JSON.stringify({
      rows: args.rows,
      fileBytes: size,
      generateSeconds: +(genMs / 1000).toFixed(1),
      importSeconds: +(first.ms / 1000).toFixed(1),
      rssBeforeImportMB: Math.round(baseline / 1024 / 1024),
      importPeakRssMB: Math.round(first.peak / 1024 / 1024),
      created: first.created,
      skipped: first.skipped,
      rejected: first.rejected,
      reimportSeconds: second ? +(second.ms / 1000).toFixed(1) : null,
      reimportPeakRssMB: second ? Math.round(second.peak / 1024 / 1024) : null,
      reimportCreated: second?.created ?? null,
      reimportUpdated: second?.updated ?? null,
    }),
  );
}

function sqlCount() {
  return sql`SELECT (SELECT count(*)::int FROM volunteers) AS n, (SELECT coalesce(sum(new_volunteers), 0)::int FROM rollups WHERE grain = 'day' AND length(region_code) = 12) AS nv`;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
