// @ts-check
import createNextIntlPlugin from "next-intl/plugin";

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
      // JSON and files from the API never run as a page (pages get a nonce CSP from proxy.ts).
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }] },
      // Portal pages and the API carry personal data: never stored by browsers or proxies.
      { source: "/((?!_next/static|_next/image|favicon.ico).*)", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

export default withNextIntl(nextConfig);
