// @ts-check
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships .wasm/.data files that must be loaded from node_modules, never bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "bcryptjs", "sharp", "exceljs"],
  // The e2e run builds into its own folder so it never disturbs a portal already serving .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
};

export default withNextIntl(nextConfig);
