// `npm run cluster:down [-- --purge]`: stops exactly what cluster:up started (its pid files in
// .data/cluster/): HAProxy, the app nodes, the standby. --purge also deletes the standby's copy and
// drops its replication slot on the primary (otherwise the slot keeps WAL for the next cluster:up).
import fs from "node:fs";
import path from "node:path";
import { SLOT, alive, asPostgres, clusterDir, nodeEntries, pgBin, pidFile, primaryServer, psql, readPid, standbyDir, waitFor } from "./common.mjs";

const purge = process.argv.includes("--purge");

async function stop(name, pid) {
  if (!alive(pid)) {
    fs.rmSync(pidFile(name), { force: true });
    return;
  }
  process.kill(pid, "SIGTERM");
  if (!(await waitFor(() => !alive(pid), 15_000, 200))) process.kill(pid, "SIGKILL");
  fs.rmSync(pidFile(name), { force: true });
  console.log(`[cluster] stopped ${name} (pid ${pid})`);
}

await stop("haproxy", readPid("haproxy"));
for (const n of nodeEntries()) await stop(n.name, n.pid);
const sp = readPid("standby");
if (alive(sp)) {
  const r = asPostgres(path.join(pgBin, "pg_ctl"), ["-D", standbyDir, "-m", "fast", "-w", "stop"], { stdio: "inherit" });
  if (r.status !== 0) await stop("standby", sp);
  else console.log(`[cluster] stopped standby (pid ${sp})`);
}
fs.rmSync(pidFile("standby"), { force: true });
fs.rmSync(path.join(clusterDir, "haproxy.sock"), { force: true });
if (purge) {
  fs.rmSync(standbyDir, { recursive: true, force: true });
  const admin = { ...primaryServer(), db: "postgres" };
  psql(admin, `select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '${SLOT}' and not active`);
  console.log("[cluster] standby data and replication slot removed");
}
