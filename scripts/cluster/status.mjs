// `npm run cluster:status`: the app nodes (pid, /api/health), HAProxy's view of them, and the
// standby's replay lag (bytes and seconds behind the primary).
import { BALANCER_PORT, SLOT, STANDBY_PORT, alive, haproxyServers, httpOk, nodeEntries, nodePort, primaryServer, psql, readPid } from "./common.mjs";

const server = primaryServer();
const hp = readPid("haproxy");
const lb = alive(hp) ? await haproxyServers() : null;
console.log(`balancer  HAProxy ${alive(hp) ? `pid ${hp}` : "not running"}  http://127.0.0.1:${BALANCER_PORT}  ${alive(hp) ? ((await httpOk(`http://127.0.0.1:${BALANCER_PORT}/api/health`)) ? "healthy" : "NOT ANSWERING") : ""}`);
for (const n of nodeEntries()) {
  const up = alive(n.pid);
  const health = up ? ((await httpOk(`http://127.0.0.1:${nodePort(n.i)}/api/health`)) ? "healthy" : "unhealthy") : "down";
  const s = lb?.find((x) => x.server === n.name);
  console.log(`${n.name.padEnd(9)} pid ${String(n.pid ?? "-").padEnd(7)} 127.0.0.1:${nodePort(n.i)}  ${health.padEnd(9)}  balancer: ${s ? `${s.status} (${s.checkStatus}, ${s.sessions} requests)` : "-"}`);
}
const sp = readPid("standby");
const standby = { host: "127.0.0.1", port: STANDBY_PORT, user: server.user, db: server.db };
const admin = { ...server, db: "postgres" };
if (!alive(sp)) console.log(`standby   not running (127.0.0.1:${STANDBY_PORT})`);
else {
  const rep = psql(standby, "select pg_is_in_recovery(), pg_last_wal_replay_lsn()");
  const [recovery, replay] = (rep ?? "|").split("|");
  const primaryLsn = psql(admin, "select pg_current_wal_lsn()");
  const bytes = primaryLsn && replay ? psql(admin, `select pg_wal_lsn_diff('${primaryLsn}', '${replay}')`) : null;
  // PostgreSQL's own measure, from the WAL sender of the slot: empty when the standby is caught up.
  const lag = psql(admin, `select coalesce(extract(epoch from r.replay_lag)::numeric(10,2)::text, '0') from pg_stat_replication r join pg_replication_slots s on s.active_pid = r.pid where s.slot_name = '${SLOT}'`);
  const slot = psql(admin, `select active, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) from pg_replication_slots where slot_name = '${SLOT}'`);
  console.log(`standby   pid ${sp}  127.0.0.1:${STANDBY_PORT}  ${recovery === "t" ? "hot standby" : "NOT in recovery (promoted?)"}  replay lag ${lag === null || lag === "" ? "? (not streaming)" : `${lag} s`}, ${bytes ?? "?"} bytes (primary ${primaryLsn}, replayed ${replay})`);
  console.log(`slot      ${SLOT}: ${slot ? `active=${slot.split("|")[0]}, WAL held ${slot.split("|")[1]}` : "missing"}`);
}
