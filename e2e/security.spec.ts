import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Browser, expect, type Page, request as pwRequest, test } from "@playwright/test";
import { totpAt } from "../lib/auth/totp";
import { LoginPage, loginAs, PASSWORD } from "./fixtures";

/**
 * Security against the running production build (scripts/e2e-server.mjs):
 * - ROUTE ENUMERATION: every route handler (app/**\/route.ts, every exported HTTP method) and every
 *   portal page, found by reading the source tree at test time — a route added tomorrow is tested
 *   without editing this file — must refuse an anonymous caller (401 / redirect to /login) and a
 *   caller out of role or region scope (403 / 404). Server actions: tests/unit/security-actions.test.ts.
 * - proxy-bypass headers change nothing; CSP without violations; same-origin and JSON rules;
 *   TOTP enrolment and login; API tokens; auditor filters/export/verify; idle sessions.
 */
const ROOT = path.resolve(__dirname, "..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * DELIBERATELY PUBLIC endpoints — the only ones allowed to answer an anonymous caller. Each entry:
 * method, path template (as in app/), and why. Anything not listed must refuse anonymous callers.
 */
const PUBLIC_ROUTES: { method: string; path: RegExp; why: string }[] = [
  { method: "*", path: /^\/api\/auth\//, why: "next-auth itself (login, csrf, session); the credentials callback is the login and is rate-limited/locked in lib/auth/login.ts" },
  { method: "GET", path: /^\/api\/health$/, why: "liveness probe, no data" },
  { method: "POST", path: /^\/api\/v1\/join$/, why: "public volunteer registration (/join)" },
  { method: "GET", path: /^\/api\/v1\/join\/(regions|organizations)$/, why: "lookups for the public /join form (names and codes only)" },
  { method: "POST", path: /^\/api\/v1\/demands$/, why: "public service request from residents (网约服务, /request page), rate-limited" },
  { method: "POST", path: /^\/api\/v1\/demands\/follow$/, why: "public follow-up/rating of one's own request by reference + phone, rate-limited" },
  { method: "POST", path: /^\/api\/v1\/me\/(code|session)$/, why: "volunteer sign-in by phone: a code by SMS (202 for any number, limited per address and per phone), phone + code → the volunteer session cookie (limited per address, 5 tries per code)" },
  { method: "GET", path: /^\/api\/v1\/certificates\/check$/, why: "public certificate check (/verify, the QR code on the certificate): needs number AND verification code, shows only what the certificate prints with the name masked, rate-limited" },
];

/** Routes of the three administrators; every other route belongs to a business area. */
const ADMIN_ROUTE = /^\/api\/v1\/(audit|tokens|admin|security)(\/|$)/;

interface Route {
  file: string;
  template: string;
  methods: string[];
}

function walk(dir: string, name: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, name, out);
    else if (e.name === name) out.push(p);
  }
  return out;
}

function templateOf(file: string, leaf: string): string {
  const rel = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep);
  const segs = rel.filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  void leaf;
  return `/${segs.join("/")}`;
}

function exportedMethods(src: string): string[] {
  const found = new Set<string>();
  for (const m of METHODS) {
    if (new RegExp(`export\\s+(const|let|async\\s+function|function)\\s+${m}\\b`).test(src)) found.add(m);
    if (new RegExp(`export\\s*\\{[^}]*\\bas\\s+${m}\\b[^}]*\\}`).test(src) || new RegExp(`export\\s*\\{[^}]*\\b${m}\\b[^}]*\\}`).test(src)) found.add(m);
  }
  return [...found];
}

const ROUTES: Route[] = walk(path.join(ROOT, "app"), "route.ts").map((file) => ({ file: path.relative(ROOT, file), template: templateOf(file, "route.ts"), methods: exportedMethods(fs.readFileSync(file, "utf8")) }));
const PAGES = walk(path.join(ROOT, "app", "(portal)"), "page.tsx").map((f) => templateOf(f, "page.tsx"));

/** A concrete URL for a template: region codes in the caller's scope by default, ids = 1. */
function sample(template: string, code = "370285"): string {
  return template
    .replace(/\[\.\.\.[^\]]+\]/g, "x")
    .replace(/\[(code|regionCode|region)\]/g, code)
    .replace(/\[[^\]]+\]/g, "1");
}

function isPublic(method: string, template: string) {
  return PUBLIC_ROUTES.some((p) => (p.method === "*" || p.method === method) && p.path.test(template));
}

async function call(ctx: APIRequestContext, method: string, url: string) {
  return ctx.fetch(url, { method, maxRedirects: 0, ...(MUTATING.has(method) ? { data: {}, headers: { "Content-Type": "application/json" } } : {}) });
}

async function anon(): Promise<APIRequestContext> {
  return pwRequest.newContext({ baseURL: test.info().project.use.baseURL });
}

async function staff(browser: Browser, username: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await ctx.newPage();
  await loginAs(page, username);
  return page;
}

test.describe("route enumeration", () => {
  test("the enumeration finds the route handlers and pages (so an empty scan cannot pass)", () => {
    const t = ROUTES.map((r) => r.template);
    expect(t).toContain("/api/v1/tasks");
    expect(t).toContain("/api/v1/volunteers/[id]/reveal");
    expect(ROUTES.every((r) => r.methods.length > 0), ROUTES.filter((r) => !r.methods.length).map((r) => r.file).join(", ")).toBe(true);
    expect(PAGES).toContain("/cockpit");
    expect(PAGES).toContain("/admin");
  });

  test("every non-public route handler refuses an anonymous caller (401)", async () => {
    const ctx = await anon();
    const failures: string[] = [];
    for (const r of ROUTES)
      for (const m of r.methods) {
        if (isPublic(m, r.template)) continue;
        const res = await call(ctx, m, sample(r.template));
        const loc = res.headers()["location"] ?? "";
        const ok = r.template.startsWith("/api/") ? res.status() === 401 : res.status() === 401 || (res.status() >= 300 && res.status() < 400 && loc.includes("/login"));
        if (!ok) failures.push(`${m} ${r.template} (${r.file}) → ${res.status()}`);
      }
    await ctx.dispose();
    expect(failures, `routes that do not refuse an anonymous caller — report to the lead:\n${failures.join("\n")}`).toEqual([]);
  });

  test("every non-public route refuses a caller out of role (403/404): sysadmin on business routes, a business user on admin routes", async ({ browser }) => {
    test.setTimeout(120_000);
    const sys = await staff(browser, "sysadmin");
    const biz = await staff(browser, "laixi_wmb");
    const failures: string[] = [];
    for (const r of ROUTES)
      for (const m of r.methods) {
        if (isPublic(m, r.template)) continue;
        const caller = ADMIN_ROUTE.test(r.template) ? biz : sys;
        const res = await call(caller.request, m, sample(r.template));
        if (![403, 404].includes(res.status())) failures.push(`${m} ${r.template} as ${caller === biz ? "laixi_wmb" : "sysadmin"} → ${res.status()}`);
      }
    expect(failures, `routes that let a caller out of role through — report to the lead:\n${failures.join("\n")}`).toEqual([]);
    await sys.context().close();
    await biz.context().close();
  });

  test("every route with a region code refuses a code outside the caller's scope (403/404)", async ({ browser }) => {
    const biz = await staff(browser, "laixi_wmb"); // 莱西市 370285
    const failures: string[] = [];
    const withCode = ROUTES.filter((r) => /\[(code|regionCode|region)\]/.test(r.template));
    for (const r of withCode)
      for (const m of r.methods) {
        if (isPublic(m, r.template) || MUTATING.has(m)) continue;
        const res = await call(biz.request, m, sample(r.template, "370202")); // 市南区
        if (![403, 404].includes(res.status())) failures.push(`${m} ${r.template} → ${res.status()}`);
      }
    expect(failures, failures.join("\n")).toEqual([]);
    await biz.context().close();
  });

  test("every portal page sends an anonymous visitor to /login and answers a sysadmin with 404 (except /admin)", async ({ browser }) => {
    const ctx = await anon();
    const sys = await staff(browser, "sysadmin");
    const failures: string[] = [];
    for (const p of PAGES) {
      const url = sample(p);
      const a = await ctx.get(url, { maxRedirects: 0 });
      if (!(a.status() >= 300 && a.status() < 400 && (a.headers()["location"] ?? "").includes("/login"))) failures.push(`anonymous ${url} → ${a.status()}`);
      if (p === "/admin" || p === "/") continue;
      const s = await sys.request.get(url, { maxRedirects: 0 });
      if (s.status() !== 404) failures.push(`sysadmin ${url} → ${s.status()}`);
    }
    await ctx.dispose();
    await sys.context().close();
    expect(failures, failures.join("\n")).toEqual([]);
  });
});

test.describe("proxy-bypass headers change nothing", () => {
  const SUBREQUEST = ["middleware", "src/middleware", "pages/_middleware", "proxy", "src/proxy", "middleware:middleware:middleware:middleware:middleware", "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware", "proxy:proxy:proxy:proxy:proxy", "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy"];
  const OTHER: Record<string, string>[] = [
    { "x-nextjs-data": "1" },
    { "x-invoke-path": "/login" },
    { "x-invoke-query": "%7B%7D" },
    { "x-invoke-output": "/login" },
    { "x-middleware-invoke": "1" },
    { "x-matched-path": "/login" },
    { "x-original-url": "/login" },
    { "x-rewrite-url": "/login" },
    { "x-now-route-matches": "1" },
    { "x-middleware-prefetch": "1" },
    { "x-nextjs-rewrite": "/login" },
    { "x-forwarded-host": "evil.example" },
    { rsc: "1", "next-router-prefetch": "1" },
    { purpose: "prefetch" },
  ];
  const VARIANTS = [...SUBREQUEST.map((v) => ({ "x-middleware-subrequest": v })), ...OTHER];

  test("an anonymous caller is still sent to login from a page and refused by the API", async () => {
    const ctx = await anon();
    const base = await ctx.get("/cockpit", { maxRedirects: 0 });
    expect(base.status()).toBe(307);
    const baseApi = await ctx.get("/api/v1/tasks", { maxRedirects: 0 });
    expect(baseApi.status()).toBe(401);
    for (const headers of VARIANTS) {
      const label = JSON.stringify(headers);
      const page = await ctx.get("/cockpit", { headers, maxRedirects: 0 });
      expect([307, 308, 401, 404], label).toContain(page.status());
      if (page.status() < 400) expect(page.headers()["location"] ?? "", label).toContain("/login");
      expect(await page.text(), label).not.toContain("驾驶舱数据");
      // (followed: `rsc: 1` first gets Next's cache-busting redirect to ?_rsc=…)
      const api = await ctx.get("/api/v1/tasks", { headers });
      if (api.status() !== 401) {
        // Next's own bail-out for x-middleware-prefetch: answers "{}" without running the handler.
        expect(api.status(), label).toBe(200);
        expect(api.headers()["x-middleware-skip"], label).toBe("1");
        expect(await api.text(), label).toBe("{}");
      }
      const admin = await ctx.get("/admin", { headers, maxRedirects: 0 });
      expect(await admin.text(), label).not.toContain("audit-table");
    }
    await ctx.dispose();
  });
});

test.describe("web hardening", () => {
  test("pages carry a nonce CSP and raise no CSP violation (login, /join, cockpit charts, admin)", async ({ browser }) => {
    test.setTimeout(120_000);
    const check = async (page: Page, urls: string[]) => {
      const violations: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
      });
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          (window as unknown as { __csp: string[] }).__csp ??= [];
          (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      for (const u of urls) {
        const res = await page.goto(u);
        const csp = res?.headers()["content-security-policy"] ?? "";
        expect(csp, u).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
        for (const d of ["object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'"]) expect(csp, u).toContain(d);
        await page.waitForLoadState("networkidle");
        const nonce = /'nonce-([^']+)'/.exec(csp)![1];
        const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => ({ src: (e as HTMLScriptElement).src, nonce: (e as HTMLScriptElement).nonce })));
        for (const s of scripts) if (!s.src) expect(s.nonce, `${u}: inline script without the nonce`).toBe(nonce);
        const inPage = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
        expect([...violations, ...inPage], u).toEqual([]);
      }
    };
    const ctx = await browser.newContext({ locale: "zh-CN" });
    const anonPage = await ctx.newPage();
    await check(anonPage, ["/login", "/join"]);
    await ctx.close();
    const wmb = await staff(browser, "wmb_admin");
    await check(wmb, ["/cockpit", "/regions/370285", "/tasks", "/volunteers"]);
    await wmb.context().close();
    const aud = await staff(browser, "auditor");
    await check(aud, ["/admin"]);
    await aud.context().close();
  });

  test("mutating API calls must be same-origin and JSON; the session cookie is HttpOnly and SameSite=Lax", async ({ browser }) => {
    const page = await staff(browser, "laixi_wmb");
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    const evil = await page.request.post("/api/v1/tasks", { data: {}, headers: { Origin: "https://evil.example" } });
    expect(evil.status()).toBe(403);
    const site = await page.request.post("/api/v1/tasks", { data: {}, headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(site.status()).toBe(403);
    const form = await page.request.post("/api/v1/tasks", { form: { title: "x" } });
    expect(form.status()).toBe(415);
    const text = await page.request.post("/api/v1/tasks", { data: "{}", headers: { "Content-Type": "text/plain" } });
    expect(text.status()).toBe(415);
    const ours = await page.request.post("/api/v1/tasks", { data: {}, headers: { Origin: new URL(page.url()).origin } });
    expect([400, 422]).toContain(ours.status());
    await page.context().close();
  });
});

test.describe("accounts and second factor", () => {
  test("a new administrator changes the temporary password, enrols TOTP with the QR page, gets recovery codes and logs in with a generated code", async ({ browser }) => {
    test.setTimeout(180_000);
    const sys = await staff(browser, "sysadmin");
    await sys.goto("/admin");
    const username = `aud_${Date.now().toString(36)}`;
    await sys.getByTestId("acct-username").fill(username);
    await sys.getByTestId("acct-name").fill("审计员乙");
    await sys.getByTestId("acct-role").selectOption("auditor");
    await sys.getByTestId("acct-scope").fill("3702");
    await sys.getByTestId("acct-create").click();
    const temp = ((await sys.getByTestId("acct-created").locator("code").textContent()) ?? "").trim();
    expect(temp.length).toBeGreaterThan(8);
    await sys.context().close();

    const ctx = await browser.newContext({ locale: "zh-CN" });
    const page = await ctx.newPage();
    const lp = new LoginPage(page);
    await lp.goto();
    await lp.login(username, temp);
    await expect(page).toHaveURL(/\/password/);
    const NEW = "Shen-ji#2026x";
    await page.getByTestId("pw-current").fill(temp);
    await page.getByTestId("pw-next").fill(NEW);
    await page.getByTestId("pw-confirm").fill(NEW);
    await page.getByTestId("pw-submit").click();
    await expect(page.getByTestId("pw-done")).toBeVisible();
    await page.getByTestId("pw-done").getByRole("button").click();
    await expect(page).toHaveURL(/\/login/);
    await lp.login(username, NEW);
    // The role needs a second factor and the account has none: enrolment comes first.
    await page.waitForURL(/\/totp/);
    await expect(page.getByTestId("totp-qr").locator("svg")).toBeVisible();
    const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByTestId("totp-code").fill("000000");
    await page.getByTestId("totp-submit").click();
    await expect(page.getByTestId("totp-error")).toBeVisible();
    await page.getByTestId("totp-code").fill(totpAt(secret, Date.now() / 1000));
    await page.getByTestId("totp-submit").click();
    await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
    const recovery = ((await page.getByTestId("recovery-codes").locator("li").first().textContent()) ?? "").trim();
    await page.getByTestId("totp-continue").click();
    await page.goto("/admin");
    await expect(page.getByTestId("audit-table")).toBeVisible();
    await page.getByTestId("logout").click();
    await expect(page).toHaveURL(/\/login/);
    // Without the code: refused (and counted). With a fresh code: in.
    await lp.login(username, NEW);
    await expect(lp.error()).toContainText("动态验证码");
    await lp.login(username, NEW, totpAt(secret, Date.now() / 1000 + 30));
    await expect(page.getByTestId("user-name")).toBeVisible();
    await page.getByTestId("logout").click();
    await expect(page).toHaveURL(/\/login/);
    // A recovery code works once.
    await lp.login(username, NEW, recovery);
    await expect(page.getByTestId("user-name")).toBeVisible();
    await page.getByTestId("logout").click();
    await lp.login(username, NEW, recovery);
    await expect(lp.error()).toBeVisible();
    // Lost phone: the sysadmin clears the second factor; the next login must enrol again.
    const sys2 = await staff(browser, "sysadmin");
    await sys2.goto("/admin");
    await sys2.getByTestId(`reset-totp-${username}`).click();
    await expect(sys2.getByTestId(`reset-totp-${username}`)).toHaveCount(0);
    await sys2.context().close();
    await lp.login(username, NEW);
    await page.waitForURL(/\/totp/);
    await expect(page.getByTestId("totp-qr").locator("svg")).toBeVisible();
    await ctx.close();
  });

  test("the auditor sees the log but not the cockpit; filters, pages, exports (audited) and verifies the chain", async ({ browser }) => {
    const page = await staff(browser, "auditor");
    expect((await page.goto("/cockpit"))?.status()).toBe(404);
    await page.goto("/admin");
    await expect(page.getByTestId("audit-retention")).toContainText("180");
    await page.getByTestId("af-action").fill("auth.login");
    await page.getByTestId("af-outcome").selectOption("success");
    await page.getByTestId("af-submit").click();
    await expect(page).toHaveURL(/action=auth\.login/);
    const rows = page.getByTestId("audit-table").locator("tbody tr");
    await expect(rows.first()).toContainText("auth.login");
    for (const txt of await rows.allTextContents()) expect(txt).toContain("success");
    const csv = await page.request.get(`/api/v1/audit/export?format=csv&action=auth.login`);
    expect(csv.status()).toBe(200);
    const buf = await csv.body();
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buf.toString("utf8")).toContain("编号,时间,用户");
    const xlsx = await page.request.get(`/api/v1/audit/export?format=xlsx`);
    expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
    await page.getByTestId("verify-chain").click();
    await expect(page.getByTestId("audit-chain")).toContainText("审计链完整");
    await page.goto("/admin?action=audit.export");
    await expect(page.getByTestId("audit-table")).toContainText("audit.export");
    await page.context().close();
  });

  test("a role/scope change by the sysadmin ends the account's open session at once", async ({ browser }) => {
    const victim = await staff(browser, "wangcheng_street");
    await victim.goto("/tasks");
    await expect(victim.getByTestId("user-name")).toBeVisible();
    const sys = await staff(browser, "sysadmin");
    await sys.goto("/admin");
    const id = await sys.getByTestId("cr-user").locator("option", { hasText: /^wangcheng_street$/ }).getAttribute("value");
    await sys.getByTestId("cr-user").selectOption(id!);
    await sys.getByTestId("cr-role").selectOption("street_officer"); // same role and scope: only the sessions end
    await sys.getByTestId("cr-scope").fill("370285002");
    await sys.getByTestId("cr-submit").click();
    await expect(sys.getByTestId("cr-result")).toContainText("wangcheng_street");
    await sys.context().close();
    await victim.goto("/tasks");
    await expect(victim).toHaveURL(/\/login/);
    expect((await victim.request.get("/api/v1/tasks")).status()).toBe(401);
    await victim.context().close();
  });

  test("the sysadmin cannot open volunteer data or the audit export", async ({ browser }) => {
    const page = await staff(browser, "sysadmin");
    expect((await page.goto("/volunteers"))?.status()).toBe(404);
    expect((await page.request.get("/api/v1/volunteers")).status()).toBe(403);
    expect((await page.request.get("/api/v1/audit/export?format=csv")).status()).toBe(403);
    await page.context().close();
  });
});

test.describe("login limits", () => {
  test("direct POSTs to the credentials callback count per address: after too many failures even the right password is refused from it", async () => {
    const ctx = await anon();
    const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const post = async (username: string, password: string) => {
      const csrf = (await (await ctx.get("/api/auth/csrf")).json()).csrfToken as string;
      return ctx.post("/api/auth/callback/credentials", { form: { csrfToken: csrf, username, password, json: "true" }, headers: { "X-Forwarded-For": ip }, maxRedirects: 0 });
    };
    // next-auth answers a redirect, or {url} for json=true: either way the target names the outcome.
    const target = async (r: Awaited<ReturnType<typeof post>>) => r.headers()["location"] ?? ((await r.json().catch(() => ({}))) as { url?: string }).url ?? "";
    for (let i = 0; i < 30; i++) await post(`nobody_${i}`, "wrong");
    const res = await post("laixi_wmb", PASSWORD);
    expect(await target(res)).toContain("error=");
    const session = await (await ctx.get("/api/auth/session")).json();
    expect(session?.user).toBeUndefined();
    // Another address is not affected.
    const csrf = (await (await ctx.get("/api/auth/csrf")).json()).csrfToken as string;
    const other = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken: csrf, username: "laixi_wmb", password: PASSWORD, json: "true" }, headers: { "X-Forwarded-For": "198.51.100.7" }, maxRedirects: 0 });
    expect(await target(other)).not.toContain("error=");
    await ctx.dispose();
  });
});

test.describe("secadmin: API tokens and policy", () => {
  test("a token for 莱西市 with volunteers:read works as a Bearer principal, is audited, and answers 401 once revoked", async ({ browser }) => {
    const sec = await staff(browser, "secadmin");
    await sec.goto("/admin");
    await expect(sec.getByTestId("security-settings")).toBeVisible();
    const name = `e2e-${Date.now().toString(36)}`;
    await sec.getByTestId("token-name").fill(name);
    await sec.getByTestId("token-scope").fill("370285");
    await sec.getByTestId("perm-volunteers:read").check();
    await sec.getByTestId("token-create").click();
    const token = ((await sec.getByTestId("token-value").textContent()) ?? "").trim();
    expect(token).toMatch(/^cct_/);
    const ctx = await anon();
    const auth = { Authorization: `Bearer ${token}` };
    expect((await ctx.get("/api/v1/volunteers", { headers: auth })).status()).toBe(200);
    expect((await ctx.get("/api/v1/tasks", { headers: auth })).status()).toBe(403);
    expect((await ctx.post("/api/v1/volunteers", { headers: auth, data: {} })).status()).toBe(403);
    expect((await ctx.get("/api/v1/regions/370202/metrics", { headers: { Authorization: "Bearer cct_nope" } })).status()).toBe(401);
    await sec.reload();
    await sec.getByTestId(`revoke-${name}`).click();
    await expect(sec.getByTestId("tokens-table")).toContainText("已吊销");
    expect((await ctx.get("/api/v1/volunteers", { headers: auth })).status()).toBe(401);
    await ctx.dispose();
    // Retention under 180 days is refused with a message naming the rule.
    await sec.getByTestId("set-auditRetentionDays").fill("90");
    await sec.getByTestId("set-save").click();
    await expect(sec.getByTestId("err-auditRetentionDays")).toContainText("180");
    await sec.context().close();
    const aud = await staff(browser, "auditor");
    await aud.goto("/admin?action=api.token_use");
    await expect(aud.getByTestId("audit-table")).toContainText("api:" + name);
    await aud.context().close();
  });

  test("an idle session is sent back to login (idle limit set to 1 minute by secadmin)", async ({ browser }) => {
    test.setTimeout(180_000);
    const setIdle = async (minutes: string) => {
      const sec = await staff(browser, "secadmin");
      await sec.goto("/admin");
      await sec.getByTestId("set-idleMinutes").fill(minutes);
      await sec.getByTestId("set-save").click();
      await expect(sec.getByTestId("set-saved")).toBeVisible();
      await sec.context().close();
    };
    await setIdle("1");
    try {
      const page = await staff(browser, "city_leader");
      await page.goto("/cockpit");
      await expect(page.getByTestId("user-name")).toBeVisible();
      await page.waitForTimeout(65_000);
      await page.goto("/cockpit");
      await expect(page).toHaveURL(/\/login/);
      await page.context().close();
    } finally {
      await setIdle("30");
    }
  });
});
