import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { loginAs } from "./fixtures";

/**
 * axe-core on the main pages, each as the role that works there: no serious or critical
 * violation — the cockpit's map (links inside the SVG, its legend) and charts (bar lists, legends)
 * included, at city and at street level, and the hours review queue.
 */
const PAGES: { user: string; path: string | ((p: Page) => Promise<string>); name: string }[] = [
  { user: "wmb_admin", path: "/cockpit", name: "cockpit" },
  { user: "wmb_admin", path: "/cockpit?metric=overdue", name: "cockpit (overdue map)" },
  { user: "city_leader", path: "/regions/370285001", name: "a street's cockpit (many communities)" },
  { user: "wmb_admin", path: "/service-hours/review", name: "hours review queue" },
  { user: "laixi_wmb", path: "/tasks", name: "tasks" },
  { user: "shuiji_street", path: "/tasks/board", name: "task board" },
  { user: "shuiji_street", path: "/dispatch", name: "dispatch board" },
  {
    user: "shuiji_street",
    name: "a need's page",
    path: async (p) => {
      await p.goto("/dispatch");
      const href = await p.getByTestId("demand-card").first().getAttribute("href");
      return href!;
    },
  },
];

async function as(browser: Browser, username: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 1280, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await ctx.newPage();
  await loginAs(page, username);
  return page;
}

interface Violation {
  id: string;
  impact?: string | null;
  nodes: { target: unknown }[];
}
/** The serious and critical findings, each with its rule and the first few elements. */
const serious = (vs: Violation[]) => vs.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 5).map((n) => n.target) }));

for (const p of PAGES) {
  test(`axe: ${p.name} has no serious or critical violations`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await as(browser, p.user);
    const url = typeof p.path === "string" ? p.path : await p.path(page);
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(serious(r.violations)).toEqual([]);
    await page.context().close();
  });
}
