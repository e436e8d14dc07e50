// The production server: Next's request handler behind a plain Node HTTP server that records the
// TCP peer of every request in `x-civic-peer`, overwriting anything a client sent under that name.
// `next start` cannot do this: it fills X-Forwarded-For from the socket only when the client sent
// none, so with no proxy in front a client could choose its own address for rate limits, the login
// block, the admin allow-list and the audit log. lib/security/ip.ts reads the peer when
// TRUST_PROXY_HOPS is 0 (the default) and X-Forwarded-For only when a proxy is configured.
//
// node scripts/serve.mjs [-p PORT] [-H HOST]   (NEXT_DIST_DIR picks the build folder)
import http from "node:http";
import next from "next";

const args = process.argv.slice(2);
const opt = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const port = Number(opt("-p", process.env.PORT || "3000"));
const hostname = opt("-H", process.env.HOST || "0.0.0.0");

const app = next({ dev: false, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  req.headers["x-civic-peer"] = req.socket.remoteAddress ?? "";
  handle(req, res).catch((err) => {
    console.error("[serve]", err);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`[serve] ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`));
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
