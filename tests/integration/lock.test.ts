import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testDb } from "../support/db";

const root = path.resolve(__dirname, "../..");

describe.skipIf(!!process.env.DATABASE_URL)("one process per embedded data directory", () => {
  it("a second process (migrate) is refused while this one holds the directory, naming the holder", async () => {
    await testDb(); // this test process now holds the lock on the test PGlite directory
    const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/migrate.ts"], { cwd: root, env: process.env, encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`正被进程 ${process.pid} 使用`);
  });
});

describe("bad environment stops the process with a message naming it, touching nothing", () => {
  it("an unwritable data directory", () => {
    // A regular file where a parent directory should be: the directory cannot be created.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cc-")), "not-a-dir");
    fs.writeFileSync(file, "");
    const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/migrate.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: `${file}/pglite` },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`PGLITE_DIR=${file}/pglite 无法创建或不可写`);
  });
  it("a DATABASE_URL that is not a postgres URL", () => {
    const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/seed.ts", "--profile", "test"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "mysql://root@localhost/db" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr + r.stdout).toContain("DATABASE_URL");
  });
});
