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
  const rep = psql(standby, "select pg_is_in_recovery(), coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp())::numeric(10,1)::text, '?'), pg_last_wal_replay_lsn()");
  const primaryLsn = psql(admin, "select pg_current_wal_lsn()");
  const [recovery, secs, replay] = (rep ?? "||").split("|");
  const bytes = primaryLsn && replay ? psql(admin, `select pg_wal_lsn_diff('${primaryLsn}', '${replay}')`) : null;
  const slot = psql(admin, `select active, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) from pg_replication_slots where slot_name = '${SLOT}'`);
  console.log(`standby   pid ${sp}  127.0.0.1:${STANDBY_PORT}  ${recovery === "t" ? "hot standby" : "NOT in recovery (promoted?)"}  replay lag ${bytes ?? "?"} bytes, last replayed commit ${secs} s ago (primary ${primaryLsn}, replayed ${replay})`);
  console.log(`slot      ${SLOT}: ${slot ? `active=${slot.split("|")[0]}, WAL held ${slot.split("|")[1]}` : "missing"}`);
}
