import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seededTableHashes } from "../support/seed-hash";

const root = path.resolve(__dirname, "../..");

/** Runs the real seed CLI into a fresh embedded database directory. */
function seedInto(dir: string) {
  return spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/seed.ts", "--profile", "test", "--seed", "4242", "--as-of", "2026-11-30"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: dir },
    encoding: "utf8",
    timeout: 120_000,
  });
}

async function hashesOf(dir: string): Promise<Record<string, string>> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = await PGlite.create({ dataDir: dir });
  try {
    return await seededTableHashes(drizzle({ client }) as never);
  } finally {
    await client.close();
  }
}

describe("seed determinism", () => {
  it("the same profile, seed and as-of date give the same contents, table by table, in two fresh databases", async () => {
    // Fresh directories: the shared test database is changed by other test files.
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "seed-twice-"));
    try {
      const dirs = [path.join(base, "a"), path.join(base, "b")];
      for (const d of dirs) {
        const r = seedInto(d);
        expect(r.status, r.stderr).toBe(0);
      }
      const [a, b] = [await hashesOf(dirs[0]!), await hashesOf(dirs[1]!)];
      // every table (row count and SHA-256 of its rows) and every sequence position
      expect(b).toEqual(a);
      const rowsIn = (t: string) => Number(a[t]!.split(":")[0]);
      for (const t of ["regions", "volunteers", "organizations", "activities", "service_records", "demands", "rectification_tasks", "point_entries", "rollups"]) {
        expect(rowsIn(t), t).toBeGreaterThan(0);
      }
      expect(rowsIn("volunteers")).toBeGreaterThan(1000);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  }, 300_000);
});
