// `npm test`: every test of the project — unit and integration (vitest, integration on the embedded
// PGlite database) and end-to-end (Playwright in Debian's Chromium) — then one summary line
// `N passed, N failed`. `--suite unit|integration|e2e` (repeatable) runs a subset; with DATABASE_URL
// set, the integration suite runs against that PostgreSQL server instead.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { bin, root, run } from "./lib.mjs";

const args = process.argv.slice(2);
const picked = args.flatMap((a, i) => (a === "--suite" ? [args[i + 1]] : []));
const suites = picked.length ? picked : ["unit", "integration", "e2e"];
const outDir = path.join(root, ".data", "test-results");
fs.mkdirSync(outDir, { recursive: true });
const label = process.env.TEST_LABEL || (process.env.DATABASE_URL ? "postgres" : "pglite");

function ensureChromium() {
  const exe = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  const fonts = fs.existsSync("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
  if (fs.existsSync(exe) && fonts) return true;
  const cmd = "apt-get update && apt-get install -y chromium fonts-noto-cjk";
  if (process.getuid?.() === 0) {
    console.log(`[test] Chromium or CJK fonts missing; installing: ${cmd}`);
    try {
      execFileSync("bash", ["-c", `DEBIAN_FRONTEND=noninteractive ${cmd.replace("install -y", "install -y -q")}`], { stdio: "inherit" });
      return fs.existsSync(exe);
    } catch {
      /* fall through */
    }
  }
  console.error(`[test] e2e 需要 Debian 的 Chromium 和中文字体，请以 root 运行: ${cmd}`);
  return false;
}

/** The document tests render PDFs with poppler (pdftoppm, pdftotext): install Debian's poppler-utils as root. */
function ensurePoppler() {
  try {
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return;
  } catch {
    /* missing */
  }
  const cmd = "apt-get update && apt-get install -y -q poppler-utils";
  if (process.getuid?.() === 0) {
    console.log(`[test] poppler-utils missing; installing: ${cmd}`);
    try {
      execFileSync("bash", ["-c", `DEBIAN_FRONTEND=noninteractive ${cmd}`], { stdio: "inherit" });
    } catch {
      /* the certificate render test says what is missing */
    }
  } else console.error(`[test] 证明和报表的渲染测试需要 poppler-utils，请以 root 运行: ${cmd}`);
}

function vitestCounts(file) {
  try {
    const j = JSON.parse(fs.readFileSync(file, "utf8"));
    return { passed: j.numPassedTests ?? 0, failed: (j.numFailedTests ?? 0) + (j.numTotalTests === 0 ? 1 : 0) };
  } catch {
    return { passed: 0, failed: 1 };
  }
}

function playwrightCounts(file) {
  try {
    const s = JSON.parse(fs.readFileSync(file, "utf8")).stats;
    return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: (s.unexpected ?? 0) + ((s.expected ?? 0) + (s.unexpected ?? 0) === 0 ? 1 : 0) };
  } catch {
    return { passed: 0, failed: 1 };
  }
}

const totals = { passed: 0, failed: 0 };
const lines = [];
for (const suite of suites) {
  const file = path.join(outDir, `${suite}-${label}.json`);
  fs.rmSync(file, { force: true });
  let code;
  let counts;
  if (suite === "e2e") {
    if (!ensureChromium()) {
      counts = { passed: 0, failed: 1 };
      code = 1;
    } else {
      code = await run(bin("playwright"), ["test"], { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: file } });
      counts = playwrightCounts(file);
    }
  } else {
    if (suite === "unit") ensurePoppler();
    code = await run(bin("vitest"), ["run", "--project", suite, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
    counts = vitestCounts(file);
  }
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // the runner failed outside any test
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  lines.push(`  ${suite} (${label}): ${counts.passed} passed, ${counts.failed} failed`);
}
fs.writeFileSync(path.join(outDir, `summary-${label}.json`), JSON.stringify(totals));
console.log(`\n[test] summary\n${lines.join("\n")}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
