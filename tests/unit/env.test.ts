import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { env, ENV_VARIABLES, EnvError, parseEnv } from "@/lib/env";
import { clientIpFrom } from "@/lib/security/ip";

const root = path.resolve(__dirname, "../..");

describe("one schema for every environment variable", () => {
  it.each([
    ["PG_POOL_MAX", "ten"],
    ["PG_POOL_MAX", "0"],
    ["TRUST_PROXY_HOPS", "-1"],
    ["NEXTAUTH_URL", "portal.example.cn"],
    ["PORT", "70000"],
    ["METRICS_CACHE", "disabled"],
    ["TASK_PHOTO_KEEP_EXIF", "yes"],
    ["PHONE_CODE_LOG", "true"],
    ["ALLOW_DEV_KEYS", "on"],
    ["DEMAND_RATE_PER_MINUTE", "5/min"],
    ["JOIN_RATE_PER_DAY", "1.5"],
    ["ACTIVITIES_RATE_PER_DAY", "many"],
    ["READ_LIMIT_CONCURRENT", "0"],
    ["SEED_VERIFY_FK", "2"],
    ["AS_OF", "30.11.2026"],
  ])("a malformed %s (%s) is refused with a message naming it", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`${name}: ${name} `));
  });

  it("unset or blank values take the documented defaults", () => {
    for (const source of [{}, Object.fromEntries(ENV_VARIABLES.filter((k) => !["NODE_ENV", "DATABASE_URL", "PGLITE_DIR", "DEMO_PASSWORD", "PII_KEY", "NEXTAUTH_SECRET", "AS_OF"].includes(k)).map((k) => [k, " "]))]) {
      const e = parseEnv(source);
      expect(e).toMatchObject({
        PG_POOL_MAX: 10, TRUST_PROXY_HOPS: 0, PORT: 3000, METRICS_CACHE: "on",
        DEMAND_RATE_PER_MINUTE: 5, DEMAND_RATE_PER_DAY: 30, JOIN_RATE_PER_MINUTE: 5, JOIN_RATE_PER_DAY: 30,
        ACTIVITIES_RATE_PER_MINUTE: 10, ACTIVITIES_RATE_PER_DAY: 100, READ_LIMIT_CONCURRENT: 4, READ_LIMIT_PER_MINUTE: 240,
        TASK_PHOTO_KEEP_EXIF: false, PHONE_CODE_LOG: false, ALLOW_DEV_KEYS: false, SEED_CHECK_FK: false, SEED_VERIFY_FK: false,
      });
      expect(e.TASK_PHOTO_DIR).toBeUndefined();
      expect(e.NEXTAUTH_URL).toBeUndefined();
    }
  });

  it("reads numbers and switches as numbers and booleans", () => {
    const e = parseEnv({ PG_POOL_MAX: "25", TASK_PHOTO_KEEP_EXIF: "1", PHONE_CODE_LOG: "0", METRICS_CACHE: "off", NEXTAUTH_URL: "https://wmb.qingdao.example.cn" });
    expect(e).toMatchObject({ PG_POOL_MAX: 25, TASK_PHOTO_KEEP_EXIF: true, PHONE_CODE_LOG: false, METRICS_CACHE: "off", NEXTAUTH_URL: "https://wmb.qingdao.example.cn" });
  });
});

describe("env() at run time", () => {
  const saved = { TRUST_PROXY_HOPS: process.env.TRUST_PROXY_HOPS, TASK_PHOTO_DIR: process.env.TASK_PHOTO_DIR };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it("follows a variable changed after the first read (tests point directories elsewhere)", () => {
    process.env.TASK_PHOTO_DIR = "/srv/photos-a";
    expect(env().TASK_PHOTO_DIR).toBe("/srv/photos-a");
    process.env.TASK_PHOTO_DIR = "/srv/photos-b";
    expect(env().TASK_PHOTO_DIR).toBe("/srv/photos-b");
  });

  it("the client address honours TRUST_PROXY_HOPS, and a malformed value stops the request instead of guessing", () => {
    const headers = (name: string) => (name === "x-forwarded-for" ? "198.51.100.7, 10.0.0.2, 10.0.0.1" : null);
    delete process.env.TRUST_PROXY_HOPS;
    // Default: no proxy in front, so a forwarded header is the client's own claim and is ignored.
    expect(clientIpFrom(headers)).toBeNull();
    process.env.TRUST_PROXY_HOPS = "1";
    expect(clientIpFrom(headers)).toBe("10.0.0.1");
    process.env.TRUST_PROXY_HOPS = "2";
    expect(clientIpFrom(headers)).toBe("10.0.0.2");
    process.env.TRUST_PROXY_HOPS = "two";
    expect(() => clientIpFrom(headers)).toThrow(/TRUST_PROXY_HOPS/);
  });
});

describe("where the variables are read and documented", () => {
  it("no code under app/, lib/, db/, components/ or proxy.ts reads process.env except lib/env", () => {
    const offenders: string[] = [];
    const walk = (p: string) => {
      const st = fs.statSync(p);
      if (st.isDirectory()) {
        for (const f of fs.readdirSync(p)) walk(path.join(p, f));
      } else if (/\.(ts|tsx|mts|js|mjs)$/.test(p) && !p.startsWith(path.join(root, "lib", "env")) && fs.readFileSync(p, "utf8").includes("process.env")) {
        offenders.push(path.relative(root, p));
      }
    };
    for (const d of ["app", "lib", "db", "components", "proxy.ts"]) walk(path.join(root, d));
    expect(offenders).toEqual([]);
  });

  it("the README's Environment table lists every variable of the schema", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Environment"), readme.indexOf("\n## ", readme.indexOf("## Environment") + 1));
    const listed = new Set([...section.matchAll(/^\| `([A-Z0-9_]+)`/gm)].map((m) => m[1]));
    expect(ENV_VARIABLES.filter((k) => !listed.has(k))).toEqual([]);
  });

  it("the seed CLI stops before opening anything, naming the malformed variable", () => {
    const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/seed.ts", "--profile", "test"], {
      cwd: root,
      env: { ...process.env, PG_POOL_MAX: "many", PGLITE_DIR: path.join(root, ".data", "never-created") },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("PG_POOL_MAX");
    expect(r.stderr).toContain("环境变量配置错误");
    expect(fs.existsSync(path.join(root, ".data", "never-created"))).toBe(false);
  }, 60_000);
});
