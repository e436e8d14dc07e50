// @ts-check
// CommonJS: package.json has no "type": "module" (postcss.config.js and the tsx scripts rely on that).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS config file has no import
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite and subset-font (HarfBuzz) ship .wasm/.data files that must be loaded from node_modules, never bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "bcryptjs", "sharp", "exceljs", "subset-font"],
  // The e2e run builds into its own folder so it never disturbs a portal already serving .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // Build-time type checking is `tsc --noEmit` in CI (its own step); the build only compiles.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    const common = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Permissions-Policy", value: "camera=(self), geolocation=(self), microphone=()" },
      ...(process.env.NODE_ENV === "production" && process.env.NEXTAUTH_URL?.startsWith("https://")
        ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }]
        : []),
    ];
    return [
      { source: "/:path*", headers: common },
      // JSON and files from the API never run as a page (pages get a nonce CSP from proxy.ts). A header
      // set here replaces the one a route handler sets, so a route with its own policy is listed here
      // with it and left out of the general rule: task photos are user uploads, served sandboxed.
      { source: "/api/:path((?!v1/task-photos/).*)", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }] },
      { source: "/api/v1/task-photos/:id", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; sandbox" }] },
      // Portal pages and the API carry personal data: never stored by browsers or proxies (the
      // files of public/ — icons, robots.txt — may be).
      { source: "/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|robots\\.txt).*)", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
