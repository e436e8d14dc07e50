import { expect, test } from "@playwright/test";

/** The files of public/ answer anyone, without a session and without a detour to the login page. */
test("robots.txt is served as text to a visitor without a session", async ({ request }) => {
  const r = await request.get("/robots.txt", { maxRedirects: 0 });
  expect(r.status()).toBe(200);
  expect(r.headers()["content-type"]).toContain("text/plain");
  const body = await r.text();
  expect(body).toContain("User-agent: *");
  expect(body).toContain("Allow: /activities");
  expect(body).toMatch(/^Disallow: \/$/m);
});

test("the site icons are served, and every page links the SVG icon", async ({ request, page }) => {
  const ico = await request.get("/favicon.ico", { maxRedirects: 0 });
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const svg = await request.get("/icon.svg", { maxRedirects: 0 });
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  await page.goto("/login");
  await expect(page.locator('link[rel="icon"][href="/icon.svg"]')).toHaveCount(1);
});

test("the exception is only for those files: a portal page still sends a visitor to the login page", async ({ request }) => {
  const r = await request.get("/cockpit", { maxRedirects: 0 });
  expect(r.status()).toBeGreaterThanOrEqual(300);
  expect(r.status()).toBeLessThan(400);
  expect(r.headers()["location"]).toContain("/login");
});
