// CI (.ci/run): a two-node cluster with a hot standby, the cluster tests (tests/cluster/), and the
// cluster brought down whatever happens. Writes {passed, failed} to
// .data/test-results/summary-cluster.json for .ci/run's total.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root } from "./lib.mjs";

const out = path.join(root, ".data", "test-results", "summary-cluster.json");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.rmSync(out, { force: true });
// Figures straight from the database on every node: the cluster's read routing is what is tested.
const env = { ...process.env, METRICS_CACHE: "off" };
const npm = (...a) => spawnSync("npm", ["run", "-s", ...a], { cwd: root, stdio: "inherit", env });
let passed = 0;
let failed = 0;
try {
  npm("cluster:down");
  if (npm("cluster:up", "--", "--nodes", "2").status !== 0) failed++;
  else {
    passed++;
    const r = spawnSync(process.execPath, ["--test", "--test-reporter=tap", "tests/cluster/cluster.test.mjs"], { cwd: root, env, encoding: "utf8" });
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    passed += Number(/^# pass (\d+)/m.exec(r.stdout)?.[1] ?? 0);
    failed += Number(/^# fail (\d+)/m.exec(r.stdout)?.[1] ?? 0);
    if (r.status !== 0 && failed === 0) failed++;
  }
} finally {
  // --purge: also drop the standby's copy and its replication slot, which would otherwise keep the
  // primary's WAL from being recycled after CI ends.
  npm("cluster:down", "--", "--purge");
  fs.writeFileSync(out, JSON.stringify({ passed, failed }));
}
console.log(`[ci-cluster] ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
