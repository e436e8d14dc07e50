import { defineConfig, devices } from "@playwright/test";

const port = process.env.E2E_PORT || "3100";
const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium (apt-get install chromium fonts-noto-cjk); Playwright's own download is not
// reachable here. The flags keep it from calling home on a closed network.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
};

export default defineConfig({
  testDir: "./e2e",
  outputDir: process.env.PW_OUTPUT_DIR || "test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: { baseURL, locale: "zh-CN", timezoneId: "Asia/Shanghai", trace: "retain-on-failure", launchOptions },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 }, launchOptions } },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    // A production build under CI load can take several minutes.
    timeout: 900_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
